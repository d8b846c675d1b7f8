import type { Knex } from 'knex';
import { TASK_EVENTS_TABLE, TASKS_TABLE, type DbTaskRow } from './tables.js';

/**
 * Finds running tasks whose worker stopped sending heartbeats (its process died) and ends them:
 * a template that declared `startOver` recovery is run again from its first step, up to
 * `maxAttempts`; any other is marked failed with a message that says why. Rows are locked with
 * SKIP LOCKED so two replicas recovering at once do not both act on one task.
 */
export async function recoverStaleTasks(options: { knex: Knex; timeoutMs: number; maxAttempts: number }): Promise<{ failed: string[]; reopened: string[] }> {
  return options.knex.transaction(async tx => {
    const stale = await tx<DbTaskRow>(TASKS_TABLE)
      .where({ status: 'processing' })
      .andWhere('heartbeat_at', '<', tx.raw(`now() - make_interval(secs => ?)`, [options.timeoutMs / 1000]))
      .select('id', 'spec', 'attempts', 'heartbeat_at', 'state')
      .forUpdate()
      .skipLocked();
    const failed: string[] = [];
    const reopened: string[] = [];
    for (const row of stale) {
      const startOver = row.spec.recovery?.strategy === 'startOver' && row.attempts < options.maxAttempts;
      const since = new Date(row.heartbeat_at!).toISOString();
      const done = Object.entries(row.state ?? {})
        .filter(([, s]) => s.status === 'completed')
        .map(([id]) => id);
      if (startOver) {
        await tx(TASKS_TABLE)
          .where({ id: row.id })
          .update({ status: 'open', claimed_by: null, heartbeat_at: null, state: JSON.stringify({}) });
        await tx(TASK_EVENTS_TABLE).insert({
          task_id: row.id,
          type: 'recovered',
          body: JSON.stringify({
            message: `The worker running this task stopped responding (last heartbeat ${since}); the task starts over (attempt ${row.attempts + 1} of ${options.maxAttempts})`,
          }),
        });
        reopened.push(row.id);
      } else {
        const message = `The worker running this task stopped responding (last heartbeat ${since}) and the task was marked failed${done.length ? `; steps that had completed: ${done.join(', ')}` : ''}`;
        const state = Object.fromEntries(Object.entries(row.state ?? {}).map(([id, s]) => [id, s.status === 'processing' ? { ...s, status: 'failed' } : s]));
        await tx(TASKS_TABLE)
          .where({ id: row.id })
          .update({
            status: 'failed',
            secrets: null,
            state: JSON.stringify(state),
            error: JSON.stringify({ name: 'TaskWorkerLost', message }),
            completed_at: tx.fn.now(),
          });
        await tx(TASK_EVENTS_TABLE).insert({
          task_id: row.id,
          type: 'completion',
          body: JSON.stringify({ status: 'failed', message, error: { name: 'TaskWorkerLost', message } }),
        });
        failed.push(row.id);
      }
    }
    return { failed, reopened };
  });
}
