import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, runMigrations } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import { describe, expect, it } from 'vitest';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { debugLogAction, debugWaitAction } from '../actions/builtin/debug.js';
import { insertTask } from './database/insertTask.js';
import type { TaskSpec } from './database/tables.js';
import { scaffolderMigrations, SCAFFOLDER_MIGRATIONS_TABLE } from './migrations.js';
import { TaskWorker } from './TaskWorker.js';

const spec = (n: number): TaskSpec => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  templateInfo: { entityRef: 'template:default/wait' },
  parameters: { n },
  steps: [
    { id: 'wait', action: 'debug:wait', input: { milliseconds: 150 } },
    { id: 'log', action: 'debug:log', input: { message: 'task ${{ parameters.n }}' } },
  ],
  output: { n: '${{ parameters.n }}' },
});

describe.each(testDatabaseKinds())('TaskWorker on %s', kind => {
  it('shares tasks between two workers without running any twice, within each one’s limit', async () => {
    const db = await createTestDatabase(kind);
    const workspaces = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-workers-'));
    await runMigrations(db.knex, { tableName: SCAFFOLDER_MIGRATIONS_TABLE, migrations: scaffolderMigrations });
    const ids = [];
    for (let n = 0; n < 8; n++) ids.push((await insertTask({ knex: db.knex, spec: spec(n), createdBy: 'test' })).id);
    const workers = ['a', 'b'].map(
      workerId =>
        new TaskWorker({
          knex: db.knex,
          logger: createLogger({ level: 'silent' }),
          actions: new ActionRegistry([debugWaitAction, debugLogAction]),
          workerId,
          options: { concurrentTasksLimit: 2, workspaceDirectory: workspaces, heartbeatIntervalMs: 100, heartbeatTimeoutMs: 30_000, pollIntervalMs: 20, maxAttempts: 3 },
        }),
    );
    let maxProcessing = 0;
    try {
      workers.forEach(worker => worker.start());
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        const rows = await db.knex('scaffolder_tasks').select('status', 'claimed_by');
        for (const id of ['a', 'b']) maxProcessing = Math.max(maxProcessing, rows.filter(r => r.status === 'processing' && r.claimed_by === id).length);
        if (rows.every(r => r.status === 'completed')) break;
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      const rows = await db.knex('scaffolder_tasks').select('id', 'status', 'attempts', 'claimed_by', 'output');
      expect(rows.map(r => r.status)).toEqual(Array(8).fill('completed'));
      expect(rows.every(r => r.attempts === 1)).toBe(true);
      expect(new Set(rows.map(r => r.claimed_by))).toEqual(new Set(['a', 'b']));
      expect(maxProcessing).toBeLessThanOrEqual(2);
      const completions = await db.knex('scaffolder_task_events').where({ type: 'completion' }).select('task_id');
      expect(completions.map(c => c.task_id).sort()).toEqual([...ids].sort());
      expect(fs.readdirSync(workspaces)).toEqual([]);
    } finally {
      await Promise.all(workers.map(worker => worker.stop()));
      await db.destroy();
      await fs.promises.rm(workspaces, { recursive: true, force: true });
    }
  }, 120_000);
});
