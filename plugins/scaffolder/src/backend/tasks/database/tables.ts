export const TASKS_TABLE = 'scaffolder_tasks';
export const TASK_EVENTS_TABLE = 'scaffolder_task_events';

export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';
export type StepStatus = 'open' | 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';
export type TaskEventType = 'log' | 'step' | 'completion' | 'cancelled' | 'recovered';

export interface TaskStep {
  id: string;
  name?: string;
  action: string;
  input?: Record<string, unknown>;
  if?: unknown;
  each?: unknown;
}

/** Everything a worker needs to run a task, fixed when the task is created. */
export interface TaskSpec {
  apiVersion: string;
  templateInfo: { entityRef: string; baseUrl?: string };
  parameters: Record<string, unknown>;
  steps: TaskStep[];
  output: Record<string, unknown>;
  user?: { ref?: string };
  /** `startOver` lets a task whose worker died be run again from its first step. */
  recovery?: { strategy: 'none' | 'startOver' };
}

export type StepStates = Record<string, { status: StepStatus; startedAt?: string; endedAt?: string }>;

export interface DbTaskRow {
  id: string;
  spec: TaskSpec;
  /** Cleared when the task ends; never returned by any read. */
  secrets: Record<string, string> | null;
  status: TaskStatus;
  created_by: string;
  created_at: Date | string;
  claimed_by: string | null;
  heartbeat_at: Date | string | null;
  cancel_requested: boolean;
  attempts: number;
  state: StepStates;
  output: Record<string, unknown> | null;
  error: { name: string; message: string } | null;
  completed_at: Date | string | null;
}

export interface DbTaskEventRow {
  id: string | number;
  task_id: string;
  type: TaskEventType;
  body: Record<string, unknown>;
  created_at: Date | string;
}
