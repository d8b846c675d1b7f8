import type { Knex } from 'knex';
import { TASKS_TABLE, type StepStates } from './tables.js';

/** Stores the steps' states while the worker still owns the task. */
export async function saveStepStates(options: { knex: Knex; taskId: string; workerId: string; state: StepStates }): Promise<void> {
  await options
    .knex(TASKS_TABLE)
    .where({ id: options.taskId, claimed_by: options.workerId, status: 'processing' })
    .update({ state: JSON.stringify(options.state) });
}
