import type { Knex } from 'knex';
import { TASKS_TABLE, type DbTaskRow } from './tables.js';

/**
 * Claims the oldest open task for one worker. `FOR UPDATE SKIP LOCKED`: replicas claiming at the
 * same moment each get a different row (or none) instead of waiting on each other's locks, and
 * no task is run twice.
 */
export async function claimTask(options: { knex: Knex; workerId: string }): Promise<DbTaskRow | undefined> {
  return options.knex.transaction(async tx => {
    const row = await tx<DbTaskRow>(TASKS_TABLE).where({ status: 'open' }).orderBy('created_at', 'asc').first('id').forUpdate().skipLocked();
    if (!row) return undefined;
    const [claimed] = await tx<DbTaskRow>(TASKS_TABLE)
      .where({ id: row.id })
      .update({
        status: 'processing',
        claimed_by: options.workerId,
        heartbeat_at: tx.fn.now(),
        attempts: tx.raw('attempts + 1'),
      } as Record<string, unknown>)
      .returning('*');
    return claimed as DbTaskRow;
  });
}
