import type { ScaffolderStepState, ScaffolderStepStatus, ScaffolderTask, ScaffolderTaskEvent, ScaffolderTaskOutput } from '../../common/index.js';

export interface StepProgress extends ScaffolderStepState {
  id: string;
  name: string;
  action: string;
}

const STEP_STATUSES = new Set<string>(['open', 'processing', 'completed', 'failed', 'skipped', 'cancelled']);
const ENDED_STEP = new Set<string>(['completed', 'failed', 'skipped', 'cancelled']);

/**
 * Each step's state: what the task row last said, brought up to date by the events streamed since
 * (events name a step and its new status). Steps still open when the task ended did not run.
 */
export function stepProgress(task: ScaffolderTask, events: ScaffolderTaskEvent[]): StepProgress[] {
  const states = new Map<string, ScaffolderStepState>();
  for (const step of task.spec.steps) states.set(step.id, { status: 'open', ...task.state?.[step.id] });
  for (const event of events) {
    const { stepId, status } = event.body;
    if (!stepId || !states.has(stepId)) continue;
    const state = { ...states.get(stepId)! };
    if (!state.startedAt) state.startedAt = event.createdAt;
    if (typeof status === 'string' && STEP_STATUSES.has(status)) {
      state.status = status as ScaffolderStepStatus;
      if (ENDED_STEP.has(status)) state.endedAt = state.endedAt ?? event.createdAt;
    } else if (state.status === 'open') {
      state.status = 'processing';
    }
    states.set(stepId, state);
  }
  const taskEnded = task.status === 'completed' || task.status === 'failed' || task.status === 'cancelled';
  return task.spec.steps.map(step => {
    let state = states.get(step.id)!;
    if (taskEnded && state.status === 'processing') state = { ...state, status: task.status === 'cancelled' ? 'cancelled' : 'failed' };
    return { id: step.id, name: step.name ?? step.id, action: step.action, ...state };
  });
}

/** The task's status, as the stream says it ended, or as the row says. */
export function effectiveStatus(task: ScaffolderTask, events: ScaffolderTaskEvent[]): ScaffolderTask['status'] {
  const completion = [...events].reverse().find(event => event.type === 'completion' || event.type === 'cancelled');
  if (completion) {
    const status = completion.body.status;
    if (status === 'completed' || status === 'failed' || status === 'cancelled') return status;
    if (completion.type === 'cancelled') return 'cancelled';
  }
  return task.status;
}

export function taskOutput(task: ScaffolderTask, events: ScaffolderTaskEvent[]): ScaffolderTaskOutput | undefined {
  const completion = [...events].reverse().find(event => event.type === 'completion' && event.body.output);
  return completion?.body.output ?? task.output ?? undefined;
}

export function taskError(task: ScaffolderTask, events: ScaffolderTaskEvent[]): { name?: string; message: string } | undefined {
  if (task.error) return task.error;
  const completion = [...events].reverse().find(event => event.type === 'completion');
  if (completion?.body.error) return completion.body.error;
  if (completion?.body.status === 'failed' && completion.body.message) return { message: completion.body.message };
  return undefined;
}

/** "12 s", "3 min 4 s": short enough for a step list. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
