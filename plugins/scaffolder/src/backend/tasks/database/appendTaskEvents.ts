import type { Knex } from 'knex';
import { TASK_EVENTS_TABLE, type TaskEventType } from './tables.js';

export interface NewTaskEvent {
  type: TaskEventType;
  body: Record<string, unknown>;
}

export async function appendTaskEvents(options: { knex: Knex; taskId: string; events: NewTaskEvent[] }): Promise<void> {
  if (options.events.length === 0) return;
  await options.knex(TASK_EVENTS_TABLE).insert(options.events.map(event => ({ task_id: options.taskId, type: event.type, body: JSON.stringify(event.body) })));
}
