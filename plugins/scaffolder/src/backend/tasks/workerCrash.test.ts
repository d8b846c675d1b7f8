import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, createLogger } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { blockAction } from '../__fixtures__/workerProcess.js';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { debugLogAction } from '../actions/builtin/debug.js';
import { selectTask, selectTaskEvents } from './database/selectTasks.js';
import { TaskWorker } from './TaskWorker.js';

const script = fileURLToPath(new URL('../__fixtures__/workerProcess.ts', import.meta.url));

/** Starts the worker process and resolves once both tasks are inside their blocking step. */
function startWorkerProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tasks: Record<string, string> = {};
  let started = 0;
  let stderr = '';
  child.stderr.on('data', chunk => (stderr += chunk));
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n').slice(0, -1)) {
        const task = /^TASK (\S+) (\S+)$/.exec(line);
        if (task) tasks[task[1]!] = task[2]!;
        if (line.startsWith('STARTED')) started++;
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      if (started === 2) resolve(tasks);
    });
    child.on('exit', code => reject(new Error(`The worker process exited (${code}) before its tasks started: ${stderr}`)));
  });
  return { child, ready };
}

describe.each(testDatabaseKinds())('a worker killed mid-task on %s', kind => {
  it('leaves no task processing: one is failed with a clear message, one that may start over runs again', async () => {
    const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-crash-'));
    const workspaces = path.join(scratch, 'workspaces');
    let knex: Knex;
    let destroy: () => Promise<void>;
    let env: Record<string, string>;
    if (kind === 'pglite') {
      // PGlite lives in one process: the worker process owns the data directory until it dies,
      // and then this process opens it, as a restarted backend would.
      env = { DB_KIND: 'pglite', DB_DIR: path.join(scratch, 'db'), WORKSPACES: workspaces };
      knex = undefined as unknown as Knex;
      destroy = async () => knex?.destroy();
    } else {
      const db = await createTestDatabase(kind);
      const schema = (await db.knex.raw('select current_schema() as schema')).rows[0].schema as string;
      env = { DB_KIND: 'postgres', DB_URL: process.env.PORTAL_TEST_DATABASE_URL!, DB_SCHEMA: schema, WORKSPACES: workspaces };
      knex = db.knex;
      destroy = () => db.destroy();
    }
    const worker = startWorkerProcess(env);
    try {
      const tasks = await worker.ready;
      worker.child.kill('SIGKILL');
      await new Promise(resolve => worker.child.once('exit', resolve));
      if (kind === 'pglite') knex = await createDatabase({ client: 'pglite', directory: env.DB_DIR! });

      expect((await selectTask({ knex, taskId: tasks.none! }))?.status).toBe('processing');
      const restarted = new TaskWorker({
        knex,
        logger: createLogger({ level: 'silent' }),
        actions: new ActionRegistry([debugLogAction, blockAction(false)]),
        // A timeout well above the heartbeat interval, so that a slow heartbeat on a busy machine
        // is not taken for a dead worker.
        options: {
          concurrentTasksLimit: 2,
          workspaceDirectory: workspaces,
          heartbeatIntervalMs: 100,
          heartbeatTimeoutMs: 2500,
          pollIntervalMs: 50,
          maxAttempts: 3,
        },
      });
      restarted.start();
      const deadline = Date.now() + 60_000;
      let failed, resumed;
      do {
        await new Promise(resolve => setTimeout(resolve, 100));
        failed = await selectTask({ knex, taskId: tasks.none! });
        resumed = await selectTask({ knex, taskId: tasks.startOver! });
      } while ((failed?.status === 'processing' || resumed?.status !== 'completed') && Date.now() < deadline);
      await restarted.stop();

      expect(failed?.status).toBe('failed');
      expect(failed?.error?.message).toMatch(/stopped responding .* marked failed; steps that had completed: hello/);
      expect(failed?.state.block?.status).toBe('failed');
      expect(resumed?.status).toBe('completed');
      expect(resumed?.attempts).toBe(2);
      expect(resumed?.output).toEqual({ done: 'yes' });
      const events = await selectTaskEvents({ knex, taskId: tasks.startOver! });
      expect(events.map(e => e.type)).toContain('recovered');
      const secrets = await knex('scaffolder_tasks').whereIn('id', Object.values(tasks)).pluck('secrets');
      expect(secrets).toEqual([null, null]);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
      await destroy();
      await fs.promises.rm(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
