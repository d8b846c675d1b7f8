import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@portal/backend-common';
import type { Entity } from '@portal/catalog-model';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import type { TaskLogger } from '../actions/types.js';
import type { SecureTemplater } from '../templating/SecureTemplater.js';
import type { StepStates, StepStatus, TaskSpec, TaskStep } from './database/tables.js';
import { createSecretMasker } from './maskSecrets.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  stepId?: string;
}

export interface RunTaskOptions {
  taskId: string;
  spec: TaskSpec;
  secrets: Record<string, string>;
  actions: ActionRegistry;
  templater: SecureTemplater;
  /** An empty directory the steps work in. */
  workspacePath: string;
  /** Where actions' temporary directories go; removed by the caller. */
  scratchPath: string;
  user?: { ref?: string; entity?: Entity };
  signal: AbortSignal;
  dryRun: boolean;
  /** Receives every log line, already masked. */
  log(line: LogLine): void;
  onStepState?(stepId: string, state: StepStates[string], all: StepStates): void | Promise<void>;
}

export interface TaskResult {
  status: 'completed' | 'failed' | 'cancelled';
  state: StepStates;
  output?: Record<string, unknown>;
  error?: { name: string; message: string };
}

/** Backstage's truthiness for `if`: empty arrays are false too. */
function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function iterationsOf(each: unknown, stepId: string): Array<{ key: string | number; value: unknown }> {
  if (Array.isArray(each)) return each.map((value, key) => ({ key, value }));
  if (each !== null && typeof each === 'object') return Object.entries(each).map(([key, value]) => ({ key, value }));
  throw new InputError(`The step ${stepId}: each must render to an array or an object`);
}

/**
 * Runs a task's steps in order: render each step's `if`, `each` and input in the sandbox,
 * validate the input with the action's schema, run the action. Never throws: a failure becomes a
 * failed result, with the step that failed marked so.
 */
export async function runTask(options: RunTaskOptions): Promise<TaskResult> {
  const { spec, templater } = options;
  const mask = createSecretMasker(options.secrets);
  const state: StepStates = Object.fromEntries(spec.steps.map(step => [step.id, { status: 'open' as StepStatus }]));
  const stepOutputs: Record<string, { output: Record<string, unknown> }> = {};
  const context = {
    parameters: spec.parameters,
    steps: stepOutputs,
    secrets: options.secrets,
    user: { ref: options.user?.ref, entity: options.user?.entity },
    context: { task: { id: options.taskId } },
  };
  const setState = async (step: TaskStep, status: StepStatus) => {
    const now = new Date().toISOString();
    const previous = state[step.id]!;
    state[step.id] = status === 'processing' ? { status, startedAt: now } : { ...previous, status, endedAt: now };
    await options.onStepState?.(step.id, state[step.id]!, state);
  };
  const loggerFor = (stepId?: string): TaskLogger => ({
    info: message => options.log({ level: 'info', message: mask.text(message), stepId }),
    warn: message => options.log({ level: 'warn', message: mask.text(message), stepId }),
    error: message => options.log({ level: 'error', message: mask.text(message), stepId }),
  });
  let temporaryDirectories = 0;

  let current: TaskStep | undefined;
  try {
    for (const step of spec.steps) {
      current = step;
      if (options.signal.aborted) throw new CancelledError();
      const logger = loggerFor(step.id);
      // A fresh object per step: the templater re-serialises its context only when it changes.
      const stepContext = { ...context, steps: { ...stepOutputs } };
      if (step.if !== undefined && !isTruthy(templater.renderValue(step.if, stepContext))) {
        logger.info(`Skipping step ${step.id}: its condition is false`);
        await setState(step, 'skipped');
        continue;
      }
      if (options.dryRun && !options.actions.has(step.action)) {
        // Only a dry run gets here: a real task naming a missing action is refused when created.
        logger.warn(`Skipping step ${step.id} in a dry run: this portal has no action ${step.action}`);
        stepOutputs[step.id] = { output: {} };
        await setState(step, 'skipped');
        continue;
      }
      const action = options.actions.get(step.action);
      await setState(step, 'processing');
      if (options.dryRun && !action.supportsDryRun) {
        logger.info(`Skipping ${step.action} in a dry run: it does not support dry runs`);
        stepOutputs[step.id] = { output: {} };
        await setState(step, 'skipped');
        continue;
      }
      logger.info(`Beginning step ${step.name ?? step.id}`);
      const iterations = step.each !== undefined ? iterationsOf(templater.renderValue(step.each, stepContext), step.id) : [undefined];
      const output: Record<string, unknown> = {};
      for (const iteration of iterations) {
        const iterationContext = iteration ? { ...stepContext, each: iteration } : stepContext;
        const rendered = templater.renderValue(step.input ?? {}, iterationContext);
        const parsed = action.schema.input.safeParse(rendered ?? {});
        if (!parsed.success) {
          const problems = parsed.error.issues.map(issue => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
          throw new InputError(`Invalid input for ${step.action} in step ${step.id}: ${problems}`);
        }
        await action.handler({
          input: parsed.data,
          workspacePath: options.workspacePath,
          logger,
          output: (name, value) => {
            if (iteration) {
              const list = (output[name] as unknown[] | undefined) ?? [];
              output[name] = [...list, value];
            } else {
              output[name] = value;
            }
          },
          createTemporaryDirectory: async () => {
            const dir = path.join(options.scratchPath, `tmp-${++temporaryDirectories}`);
            await fs.promises.mkdir(dir, { recursive: true });
            return dir;
          },
          secrets: options.secrets,
          user: options.user,
          templateInfo: spec.templateInfo,
          isDryRun: options.dryRun,
          signal: options.signal,
          templater,
          each: iteration,
        });
      }
      stepOutputs[step.id] = { output };
      logger.info(`Finished step ${step.name ?? step.id}`);
      await setState(step, 'completed');
    }
    current = undefined;
    const output = templater.renderValue(spec.output ?? {}, { ...context, steps: { ...stepOutputs } }) as Record<string, unknown>;
    return { status: 'completed', state, output: mask.value(output ?? {}) };
  } catch (error) {
    const cancelled = error instanceof CancelledError || options.signal.aborted;
    if (current) await setState(current, cancelled ? 'cancelled' : 'failed');
    for (const step of spec.steps) if (state[step.id]!.status === 'open') state[step.id] = { status: cancelled ? 'cancelled' : 'skipped' };
    const message = mask.text(cancelled ? 'The task was cancelled' : ((error as Error).message ?? String(error)));
    loggerFor(current?.id).error(current ? `Step ${current.id} ${cancelled ? 'was cancelled' : `failed: ${message}`}` : message);
    return {
      status: cancelled ? 'cancelled' : 'failed',
      state,
      error: { name: cancelled ? 'Cancelled' : ((error as Error).name ?? 'Error'), message },
    };
  }
}

class CancelledError extends Error {
  override name = 'Cancelled';
}
