import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@portal/catalog-model';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import { listWorkspaceFiles } from '../actions/workspacePaths.js';
import { SecureTemplater, type TemplaterOptions } from '../templating/SecureTemplater.js';
import type { TaskSpec } from './database/tables.js';
import { createSecretMasker } from './maskSecrets.js';
import { runTask, type LogLine, type TaskResult } from './runTask.js';

export interface DryRunResult extends TaskResult {
  log: LogLine[];
  /** Every file the template left in its workspace. */
  directoryContents: Array<{ path: string; base64Content: string; executable: boolean }>;
}

/**
 * Runs a template in a throw-away workspace, skipping actions that cannot run without side
 * effects, and returns what it would have written. Nothing is stored.
 */
export async function dryRunTemplate(options: {
  spec: TaskSpec;
  secrets: Record<string, string>;
  actions: ActionRegistry;
  user?: { ref?: string; entity?: Entity };
  templater?: Partial<TemplaterOptions>;
  workspaceDirectory?: string;
}): Promise<DryRunResult> {
  const root = await fs.promises.mkdtemp(path.join(options.workspaceDirectory ?? os.tmpdir(), 'dry-run-'));
  const workspacePath = path.join(root, 'workspace');
  const scratchPath = path.join(root, 'scratch');
  await fs.promises.mkdir(workspacePath);
  await fs.promises.mkdir(scratchPath);
  const templater = await SecureTemplater.create(options.templater);
  const log: LogLine[] = [];
  try {
    const result = await runTask({
      taskId: 'dry-run',
      spec: options.spec,
      secrets: options.secrets,
      actions: options.actions,
      templater,
      workspacePath,
      scratchPath,
      user: options.user,
      signal: new AbortController().signal,
      dryRun: true,
      log: line => log.push(line),
    });
    const mask = createSecretMasker(options.secrets);
    const files = await listWorkspaceFiles(workspacePath);
    const directoryContents = await Promise.all(
      files.map(async file => {
        const full = path.join(workspacePath, file);
        const [content, stat] = await Promise.all([fs.promises.readFile(full), fs.promises.stat(full)]);
        return {
          path: file,
          base64Content: (content.includes(0) ? content : Buffer.from(mask.text(content.toString('utf8')))).toString('base64'),
          executable: (stat.mode & 0o111) !== 0,
        };
      }),
    );
    return { ...result, log, directoryContents };
  } finally {
    templater.dispose();
    await fs.promises.rm(root, { recursive: true, force: true });
  }
}
