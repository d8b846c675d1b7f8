import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { TASKS_TABLE, type TaskSpec } from './tables.js';

export async function insertTask(options: { knex: Knex; spec: TaskSpec; secrets?: Record<string, string>; createdBy: string }): Promise<{ id: string }> {
  const id = randomUUID();
  await options.knex(TASKS_TABLE).insert({
    id,
    spec: JSON.stringify(options.spec),
    secrets: options.secrets && Object.keys(options.secrets).length > 0 ? JSON.stringify(options.secrets) : null,
    status: 'open',
    created_by: options.createdBy,
    state: JSON.stringify({}),
  });
  return { id };
}
