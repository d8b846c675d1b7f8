import type { Knex } from 'knex';
import { TASK_EVENTS_TABLE, TASKS_TABLE, type DbTaskEventRow, type DbTaskRow, type TaskStatus } from './tables.js';

/** Every column but the secrets: no read of a task may return them. */
const PUBLIC_COLUMNS = ['id', 'spec', 'status', 'created_by', 'created_at', 'heartbeat_at', 'attempts', 'state', 'output', 'error', 'completed_at'];

export type DbTaskView = Omit<DbTaskRow, 'secrets' | 'claimed_by' | 'cancel_requested'>;

export async function selectTask(options: { knex: Knex; taskId: string }): Promise<DbTaskView | undefined> {
  return options.knex<DbTaskRow>(TASKS_TABLE).where({ id: options.taskId }).first(PUBLIC_COLUMNS);
}

export async function selectTasks(options: {
  knex: Knex;
  createdBy?: string;
  status?: TaskStatus;
  limit: number;
  offset: number;
}): Promise<{ tasks: DbTaskView[]; totalTasks: number }> {
  const filtered = () => {
    const query = options.knex<DbTaskRow>(TASKS_TABLE);
    if (options.createdBy) query.where({ created_by: options.createdBy });
    if (options.status) query.where({ status: options.status });
    return query;
  };
  const [tasks, count] = await Promise.all([
    filtered().select(PUBLIC_COLUMNS).orderBy('created_at', 'desc').orderBy('id').limit(options.limit).offset(options.offset),
    filtered().count<{ count: string | number }[]>({ count: '*' }),
  ]);
  return { tasks: tasks as unknown as DbTaskView[], totalTasks: Number(count[0]?.count ?? 0) };
}

/** The secrets of a task a worker has claimed; nothing else reads them. */
export async function selectTaskSecrets(options: { knex: Knex; taskId: string }): Promise<Record<string, string>> {
  const row = await options.knex<DbTaskRow>(TASKS_TABLE).where({ id: options.taskId }).first('secrets');
  return row?.secrets ?? {};
}

export async function selectTaskEvents(options: { knex: Knex; taskId: string; after?: number; limit?: number }): Promise<DbTaskEventRow[]> {
  const query = options.knex<DbTaskEventRow>(TASK_EVENTS_TABLE).where({ task_id: options.taskId }).orderBy('id', 'asc');
  if (options.after !== undefined) query.where('id', '>', options.after);
  return query.limit(options.limit ?? 1000);
}
