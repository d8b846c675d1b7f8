import type { Knex } from 'knex';
import { TASK_EVENTS_TABLE, TASKS_TABLE, type StepStates, type TaskStatus } from './tables.js';

/**
 * Ends a task this worker owns: final status, output or error, and the completion event, in one
 * transaction. Secrets are dropped: nothing needs them once the task is over. Returns false when
 * the worker had lost the task (it was recovered elsewhere), and then writes nothing.
 */
export async function completeTask(options: {
  knex: Knex;
  taskId: string;
  workerId: string;
  status: Extract<TaskStatus, 'completed' | 'failed' | 'cancelled'>;
  state: StepStates;
  output?: Record<string, unknown>;
  error?: { name: string; message: string };
}): Promise<boolean> {
  return options.knex.transaction(async tx => {
    const updated = await tx(TASKS_TABLE)
      .where({ id: options.taskId, claimed_by: options.workerId, status: 'processing' })
      .update({
        status: options.status,
        state: JSON.stringify(options.state),
        output: options.output ? JSON.stringify(options.output) : null,
        error: options.error ? JSON.stringify(options.error) : null,
        secrets: null,
        completed_at: tx.fn.now(),
      });
    if (updated === 0) return false;
    await tx(TASK_EVENTS_TABLE).insert({
      task_id: options.taskId,
      type: options.status === 'cancelled' ? 'cancelled' : 'completion',
      body: JSON.stringify({
        status: options.status,
        message: options.error ? options.error.message : `The task ${options.status === 'completed' ? 'completed' : options.status}`,
        ...(options.output ? { output: options.output } : {}),
        ...(options.error ? { error: options.error } : {}),
      }),
    });
    return true;
  });
}
