import type { Knex } from 'knex';
import { TASKS_TABLE } from './tables.js';

/**
 * Tells the others this worker is still running the task. Answers whether the worker still owns
 * it (recovery may have taken it away) and whether someone asked to cancel it.
 */
export async function heartbeatTask(options: { knex: Knex; taskId: string; workerId: string }): Promise<{ owned: boolean; cancelRequested: boolean }> {
  const rows = await options
    .knex(TASKS_TABLE)
    .where({ id: options.taskId, claimed_by: options.workerId, status: 'processing' })
    .update({ heartbeat_at: options.knex.fn.now() })
    .returning(['cancel_requested']);
  const row = rows[0] as { cancel_requested: boolean } | undefined;
  return { owned: Boolean(row), cancelRequested: Boolean(row?.cancel_requested) };
}
