import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionContext, TemplateInfo } from '../actions/types.js';
import { SecureTemplater } from '../templating/SecureTemplater.js';

export interface TestActionContext<T> extends ActionContext<T> {
  outputs: Record<string, unknown>;
  logs: string[];
  root: string;
  cleanup(): Promise<void>;
}

/** A real workspace in a temporary directory and a real sandbox, for running one action. */
export async function createActionContext<T>(input: T, options: { templateInfo?: TemplateInfo; isDryRun?: boolean } = {}): Promise<TestActionContext<T>> {
  const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-action-'));
  const workspacePath = path.join(root, 'workspace');
  await fs.promises.mkdir(workspacePath);
  const templater = await SecureTemplater.create();
  const outputs: Record<string, unknown> = {};
  const logs: string[] = [];
  return {
    input,
    workspacePath,
    root,
    outputs,
    logs,
    logger: { info: m => logs.push(m), warn: m => logs.push(m), error: m => logs.push(m) },
    output: (name, value) => {
      outputs[name] = value;
    },
    createTemporaryDirectory: () => fs.promises.mkdtemp(path.join(root, 'tmp-')),
    secrets: {},
    templateInfo: options.templateInfo,
    isDryRun: options.isDryRun ?? false,
    signal: new AbortController().signal,
    templater,
    cleanup: async () => {
      templater.dispose();
      await fs.promises.rm(root, { recursive: true, force: true });
    },
  };
}
