import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '@portal/backend-common';
import type { Entity } from '@portal/catalog-model';
import type { Knex } from 'knex';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import type { ScaffolderCatalogClient } from '../catalogClient.js';
import { SecureTemplater, type TemplaterOptions } from '../templating/SecureTemplater.js';
import { appendTaskEvents, type NewTaskEvent } from './database/appendTaskEvents.js';
import { claimTask } from './database/claimTask.js';
import { completeTask } from './database/completeTask.js';
import { heartbeatTask } from './database/heartbeatTask.js';
import { recoverStaleTasks } from './database/recoverStaleTasks.js';
import { saveStepStates } from './database/saveStepStates.js';
import { selectTaskSecrets } from './database/selectTasks.js';
import type { DbTaskRow, StepStates } from './database/tables.js';
import { runTask, type TaskResult } from './runTask.js';

export interface TaskWorkerOptions {
  concurrentTasksLimit: number;
  workspaceDirectory: string;
  heartbeatIntervalMs: number;
  /** A running task whose heartbeat is older than this is taken to have lost its worker. */
  heartbeatTimeoutMs: number;
  pollIntervalMs: number;
  maxAttempts: number;
  templater?: Partial<TemplaterOptions>;
}

export interface TaskWorkerDeps {
  knex: Knex;
  logger: Logger;
  actions: ActionRegistry;
  catalog?: Pick<ScaffolderCatalogClient, 'getEntityByRef'>;
  options: TaskWorkerOptions;
  workerId?: string;
}

/** Where a task's steps work, and where its actions keep temporary files; both inside its own directory. */
function taskPaths(taskDir: string) {
  return { workspacePath: path.join(taskDir, 'workspace'), scratchPath: path.join(taskDir, 'scratch') };
}

/** Claims tasks from the table and runs them, up to a limit at once. See README.md beside this file. */
export class TaskWorker {
  readonly workerId: string;
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private claiming: Promise<void> | undefined;

  constructor(private readonly deps: TaskWorkerDeps) {
    this.workerId = deps.workerId ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const { heartbeatTimeoutMs, pollIntervalMs } = this.deps.options;
    void this.recover();
    this.recoveryTimer = setInterval(() => void this.recover(), Math.max(250, heartbeatTimeoutMs / 2));
    this.timer = setInterval(() => this.wake(), pollIntervalMs);
    this.wake();
  }

  /** Stops claiming and waits for the tasks this worker runs to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.recoveryTimer);
    await this.claiming;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Looks for work now, for example right after a task was created in this process. */
  wake(): void {
    if (this.stopped || this.claiming) return;
    this.claiming = this.claimAvailable()
      .catch(error => this.deps.logger.error({ err: error }, 'Claiming scaffolder tasks failed'))
      .finally(() => {
        this.claiming = undefined;
      });
  }

  /** Ends tasks whose worker died; every replica runs this, locked rows are skipped. */
  async recover(): Promise<void> {
    try {
      const { failed, reopened } = await recoverStaleTasks({
        knex: this.deps.knex,
        timeoutMs: this.deps.options.heartbeatTimeoutMs,
        maxAttempts: this.deps.options.maxAttempts,
      });
      if (failed.length || reopened.length) this.deps.logger.warn({ failed, reopened }, 'Recovered scaffolder tasks whose worker stopped');
      if (reopened.length) this.wake();
    } catch (error) {
      this.deps.logger.error({ err: error }, 'Recovering stale scaffolder tasks failed');
    }
  }

  private async claimAvailable(): Promise<void> {
    while (!this.stopped && this.running.size < this.deps.options.concurrentTasksLimit) {
      const row = await claimTask({ knex: this.deps.knex, workerId: this.workerId });
      if (!row) return;
      const run = this.execute(row)
        .catch(error => this.deps.logger.error({ err: error, taskId: row.id }, 'A scaffolder task failed unexpectedly'))
        .finally(() => {
          this.running.delete(row.id);
          this.wake();
        });
      this.running.set(row.id, run);
    }
  }

  private async execute(row: DbTaskRow): Promise<void> {
    const { knex, logger, options } = this.deps;
    const taskDir = path.resolve(options.workspaceDirectory, row.id);
    // A task started over after a crash finds its old directory: begin from nothing.
    await fs.promises.rm(taskDir, { recursive: true, force: true });
    for (const dir of Object.values(taskPaths(taskDir))) await fs.promises.mkdir(dir, { recursive: true });

    try {
      const result = await this.runInTaskDirectory(row, taskDir);
      const ended = await completeTask({ knex, taskId: row.id, workerId: this.workerId, ...result });
      if (!ended) logger.warn({ taskId: row.id }, 'The task was taken from this worker before it ended; its result was dropped');
    } catch (error) {
      // Setting up the task (the sandbox, the database) or storing its result failed: end it now
      // rather than leave it to recovery.
      logger.error({ err: error, taskId: row.id }, 'A scaffolder task could not run');
      await completeTask({
        knex,
        taskId: row.id,
        workerId: this.workerId,
        status: 'failed',
        state: row.state ?? {},
        error: { name: 'Error', message: 'The task could not be run; the server log has the details' },
      });
    }
  }

  /**
   * Runs the task's steps with a heartbeat and batched event writes. However it ends, the one
   * `finally` below stops both, stores the last events and removes the task's directory, all before
   * the caller marks the task ended: whoever sees it ended sees it cleaned up, its log complete.
   */
  private async runInTaskDirectory(row: DbTaskRow, taskDir: string): Promise<TaskResult> {
    const { knex, logger, options } = this.deps;
    const abort = new AbortController();
    const pending: NewTaskEvent[] = [];
    let writes: Promise<void> = Promise.resolve();
    const flush = () => {
      const events = pending.splice(0);
      writes = writes
        .then(() => appendTaskEvents({ knex, taskId: row.id, events }))
        .catch(error => {
          logger.error({ err: error, taskId: row.id }, 'Storing task events failed');
        });
      return writes;
    };
    const flushTimer = setInterval(() => void flush(), 200);
    const heartbeat = setInterval(() => {
      heartbeatTask({ knex, taskId: row.id, workerId: this.workerId })
        .then(({ owned, cancelRequested }) => {
          if (!owned) abort.abort(new Error('This worker no longer owns the task'));
          else if (cancelRequested) abort.abort(new Error('The task was cancelled'));
        })
        .catch(error => logger.warn({ err: error, taskId: row.id }, 'A task heartbeat failed'));
    }, options.heartbeatIntervalMs);

    let templater: SecureTemplater | undefined;
    try {
      const secrets = await selectTaskSecrets({ knex, taskId: row.id });
      templater = await SecureTemplater.create(options.templater);
      const userRef = row.spec.user?.ref;
      return await runTask({
        taskId: row.id,
        spec: row.spec,
        secrets,
        actions: this.deps.actions,
        templater,
        ...taskPaths(taskDir),
        user: { ref: userRef, entity: userRef ? await this.readUserEntity(row.id, userRef) : undefined },
        signal: abort.signal,
        dryRun: false,
        log: line => pending.push({ type: 'log', body: { ...line } }),
        onStepState: async (stepId, stepState, all: StepStates) => {
          pending.push({ type: 'step', body: { stepId, status: stepState.status } });
          await flush();
          await saveStepStates({ knex, taskId: row.id, workerId: this.workerId, state: all });
        },
      });
    } finally {
      clearInterval(heartbeat);
      clearInterval(flushTimer);
      await flush();
      templater?.dispose();
      await fs.promises.rm(taskDir, { recursive: true, force: true });
    }
  }

  /**
   * The entity of the user who started the task, for templates that read `user.entity`. A catalog
   * that cannot answer should not fail the task, but an operator needs to know why the entity was
   * missing, so the failure is logged rather than dropped.
   */
  private async readUserEntity(taskId: string, userRef: string): Promise<Entity | undefined> {
    if (!this.deps.catalog) return undefined;
    try {
      return await this.deps.catalog.getEntityByRef(userRef);
    } catch (error) {
      this.deps.logger.warn({ err: error, taskId, userRef }, 'Reading the task user from the catalog failed; the task runs without user.entity');
      return undefined;
    }
  }
}
