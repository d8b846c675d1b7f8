import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, runMigrations } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import { describe, expect, it, vi } from 'vitest';
import { ActionRegistry } from '../actions/ActionRegistry.js';
import { debugLogAction, debugWaitAction } from '../actions/builtin/debug.js';
import { insertTask } from './database/insertTask.js';
import { selectTask, selectTaskEvents } from './database/selectTasks.js';
import type { TaskSpec } from './database/tables.js';
import { scaffolderMigrations, SCAFFOLDER_MIGRATIONS_TABLE } from '../migrations/index.js';
import { TaskWorker, type TaskWorkerDeps } from './TaskWorker.js';

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

const workerOptions = { concurrentTasksLimit: 2, heartbeatIntervalMs: 100, heartbeatTimeoutMs: 30_000, pollIntervalMs: 20, maxAttempts: 3 };

/** Runs one task on a single worker until it ends, and hands back the worker's silent logger to inspect. */
async function runOneTask(options: {
  knex: TaskWorkerDeps['knex'];
  workspaces: string;
  spec: TaskSpec;
  catalog?: TaskWorkerDeps['catalog'];
  templater?: TaskWorkerDeps['options']['templater'];
  onError?: (taskDir: string) => void;
}) {
  const { id } = await insertTask({ knex: options.knex, spec: options.spec, createdBy: 'test' });
  const logger = createLogger({ level: 'silent' });
  const warn = vi.spyOn(logger, 'warn');
  const error = vi.spyOn(logger, 'error').mockImplementation(() => options.onError?.(path.join(options.workspaces, id)));
  const worker = new TaskWorker({
    knex: options.knex,
    logger,
    actions: new ActionRegistry([debugWaitAction, debugLogAction]),
    catalog: options.catalog,
    options: { ...workerOptions, workspaceDirectory: options.workspaces, templater: options.templater },
  });
  worker.start();
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const task = await selectTask({ knex: options.knex, taskId: id });
      if (task?.status !== 'open' && task?.status !== 'processing') break;
      await new Promise(resolve => setTimeout(resolve, 25));
    }
  } finally {
    await worker.stop();
  }
  return { id, task: await selectTask({ knex: options.knex, taskId: id }), warn, error };
}

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
          options: { ...workerOptions, workspaceDirectory: workspaces },
        }),
    );
    let maxProcessing = 0;
    try {
      workers.forEach(worker => worker.start());
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
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

  it('logs with the task id why the user entity is missing when the catalog fails, and still runs the task', async () => {
    const db = await createTestDatabase(kind);
    const workspaces = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-workers-'));
    await runMigrations(db.knex, { tableName: SCAFFOLDER_MIGRATIONS_TABLE, migrations: scaffolderMigrations });
    const catalogDown = new Error('The catalog is unavailable');
    try {
      const { id, task, warn } = await runOneTask({
        knex: db.knex,
        workspaces,
        spec: { ...spec(1), user: { ref: 'user:default/jane' } },
        catalog: { getEntityByRef: () => Promise.reject(catalogDown) },
      });
      expect(task?.status).toBe('completed');
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ err: catalogDown, taskId: id, userRef: 'user:default/jane' }),
        expect.stringContaining('catalog'),
      );
    } finally {
      await db.destroy();
      await fs.promises.rm(workspaces, { recursive: true, force: true });
    }
  }, 60_000);

  it('fails a task that cannot start, its directory already removed when the failure is reported', async () => {
    const db = await createTestDatabase(kind);
    const workspaces = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-workers-'));
    await runMigrations(db.knex, { tableName: SCAFFOLDER_MIGRATIONS_TABLE, migrations: scaffolderMigrations });
    const directoryAtFailure: boolean[] = [];
    try {
      const { id, task, error } = await runOneTask({
        knex: db.knex,
        workspaces,
        spec: spec(2),
        // Far too little memory for the sandbox to load its template engine: setting up the task fails.
        templater: { memoryLimitBytes: 64 * 1024 },
        onError: taskDir => directoryAtFailure.push(fs.existsSync(taskDir)),
      });
      expect(task?.status).toBe('failed');
      expect(task?.error).toEqual({ name: 'Error', message: 'The task could not be run; the server log has the details' });
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ taskId: id }), 'A scaffolder task could not run');
      expect(directoryAtFailure).toEqual([false]);
      const events = await selectTaskEvents({ knex: db.knex, taskId: id });
      expect(events.at(-1)?.type).toBe('completion');
      expect(fs.readdirSync(workspaces)).toEqual([]);
    } finally {
      await db.destroy();
      await fs.promises.rm(workspaces, { recursive: true, force: true });
    }
  }, 60_000);
});
