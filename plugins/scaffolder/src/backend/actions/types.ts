import type { Entity } from '@portal/catalog-model';
import type { z } from 'zod';
import type { SecureTemplater } from '../templating/SecureTemplater.js';

/** Where the running template came from, so that relative `url`s resolve against its own file. */
export interface TemplateInfo {
  entityRef: string;
  /** The template file's location: a git URL of the file, or an absolute file path. */
  baseUrl?: string;
}

/** Lines an action writes to its task's log; secrets are masked before they are stored. */
export interface TaskLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ActionContext<TInput> {
  input: TInput;
  /** The task's own directory: every path an action touches must stay inside it. */
  workspacePath: string;
  logger: TaskLogger;
  output(name: string, value: unknown): void;
  /** A fresh directory inside the task's scratch area, removed with it. */
  createTemporaryDirectory(): Promise<string>;
  secrets: Readonly<Record<string, string>>;
  user?: { ref?: string; entity?: Entity };
  templateInfo?: TemplateInfo;
  /** A dry run must not change anything outside the workspace. */
  isDryRun: boolean;
  signal: AbortSignal;
  /** The task's sandboxed templater, for actions that render files. */
  templater: SecureTemplater;
  /** Values the step is run with when it has `each`. */
  each?: { key: string | number; value: unknown };
}

export interface TemplateAction<TSchema extends z.ZodType = z.ZodType> {
  id: string;
  description: string;
  schema: { input: TSchema; output?: z.ZodType };
  /** Whether the action runs in a dry run; others are skipped there, their outputs left empty. */
  supportsDryRun: boolean;
  handler(context: ActionContext<z.output<TSchema>>): Promise<void>;
}

/** Typed helper: the handler's input type comes from the zod schema. */
export function createTemplateAction<TSchema extends z.ZodType>(action: TemplateAction<TSchema>): TemplateAction<TSchema> {
  return action;
}
