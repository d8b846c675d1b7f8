import { ConflictError, NotFoundError } from '@portal/backend-common';
import type { Knex } from 'knex';
import { TASK_EVENTS_TABLE, TASKS_TABLE, type DbTaskRow, type TaskStatus } from './tables.js';

/**
 * An open task is cancelled at once; a running one is flagged, and its worker stops it at its
 * next heartbeat. Cancelling a finished task is a conflict.
 */
export async function requestTaskCancel(options: { knex: Knex; taskId: string }): Promise<{ status: TaskStatus }> {
  return options.knex.transaction(async tx => {
    const row = await tx<DbTaskRow>(TASKS_TABLE).where({ id: options.taskId }).first('id', 'status').forUpdate();
    if (!row) throw new NotFoundError(`There is no task ${options.taskId}`);
    if (row.status === 'open') {
      await tx(TASKS_TABLE).where({ id: row.id }).update({ status: 'cancelled', secrets: null, completed_at: tx.fn.now() });
      await tx(TASK_EVENTS_TABLE).insert({
        task_id: row.id,
        type: 'cancelled',
        body: JSON.stringify({ status: 'cancelled', message: 'The task was cancelled before it started' }),
      });
      return { status: 'cancelled' as const };
    }
    if (row.status === 'processing') {
      await tx(TASKS_TABLE).where({ id: row.id }).update({ cancel_requested: true });
      return { status: 'processing' as const };
    }
    throw new ConflictError(`The task ${row.id} has already ended (${row.status})`);
  });
}
