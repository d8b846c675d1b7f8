// A scaffolder worker in a process of its own, for the test that kills it mid-task. It creates
// two tasks whose second step blocks, prints their ids and "STARTED <id>" when the step runs.
import { createDatabase, createLogger, runMigrations } from '@portal/backend-common';
import knexFactory from 'knex';
import { z } from 'zod';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { debugLogAction } from '../actions/builtin/debug.js';
import { createTemplateAction } from '../actions/types.js';
import { insertTask } from '../tasks/database/insertTask.js';
import type { TaskSpec } from '../tasks/database/tables.js';
import { scaffolderMigrations, SCAFFOLDER_MIGRATIONS_TABLE } from '../migrations/index.js';
import { TaskWorker } from '../tasks/TaskWorker.js';

export function blockingSpec(strategy: 'none' | 'startOver'): TaskSpec {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    templateInfo: { entityRef: 'template:default/blocking' },
    parameters: {},
    steps: [
      { id: 'hello', action: 'debug:log', input: { message: 'hello' } },
      { id: 'block', action: 'test:block', input: {} },
    ],
    output: { done: 'yes' },
    recovery: { strategy },
  };
}

/** Blocks forever in the child process; finishes at once elsewhere. */
export function blockAction(blocking: boolean) {
  return createTemplateAction({
    id: 'test:block',
    description: 'Blocks until the process dies',
    supportsDryRun: true,
    schema: { input: z.object({}) },
    async handler(ctx) {
      if (!blocking) return;
      process.stdout.write(`STARTED ${ctx.workspacePath}\n`);
      await new Promise(() => {});
    },
  });
}

async function main() {
  const kind = process.env.DB_KIND;
  const knex =
    kind === 'pglite'
      ? await createDatabase({ client: 'pglite', directory: process.env.DB_DIR! })
      : knexFactory({ client: 'pg', connection: process.env.DB_URL!, searchPath: [process.env.DB_SCHEMA!] });
  await runMigrations(knex, { tableName: SCAFFOLDER_MIGRATIONS_TABLE, migrations: scaffolderMigrations });
  for (const strategy of ['none', 'startOver'] as const) {
    const { id } = await insertTask({ knex, spec: blockingSpec(strategy), createdBy: 'test', secrets: { token: 'abcdef' } });
    process.stdout.write(`TASK ${strategy} ${id}\n`);
  }
  const worker = new TaskWorker({
    knex,
    logger: createLogger({ level: 'silent' }),
    actions: new ActionRegistry([debugLogAction, blockAction(true)]),
    options: {
      concurrentTasksLimit: 2,
      workspaceDirectory: process.env.WORKSPACES!,
      heartbeatIntervalMs: 100,
      // Long: this process must not recover its own tasks on a slow heartbeat before the test kills it.
      heartbeatTimeoutMs: 60_000,
      pollIntervalMs: 50,
      maxAttempts: 3,
    },
  });
  worker.start();
}

if (process.env.DB_KIND) await main();
