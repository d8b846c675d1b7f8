import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { listWorkspaceFiles } from '../workspacePaths.js';

export const debugLogAction = createTemplateAction({
  id: 'debug:log',
  description: 'Writes a message to the task log, and optionally the workspace files.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      message: z.string().optional(),
      listWorkspace: z.union([z.boolean(), z.enum(['with-filenames', 'with-contents'])]).default(false),
    }),
  },
  async handler(ctx) {
    if (ctx.input.message) ctx.logger.info(ctx.input.message);
    if (!ctx.input.listWorkspace) return;
    const files = await listWorkspaceFiles(ctx.workspacePath);
    for (const file of files) {
      if (ctx.input.listWorkspace === 'with-contents') {
        const content = await fs.promises.readFile(path.join(ctx.workspacePath, file), 'utf8');
        ctx.logger.info(`${file}:\n${content.slice(0, 10_000)}`);
      } else {
        ctx.logger.info(file);
      }
    }
  },
});

const MAX_WAIT_MS = 10 * 60_000;

export const debugWaitAction = createTemplateAction({
  id: 'debug:wait',
  description: 'Waits for a while (at most ten minutes); stops early when the task is cancelled.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      minutes: z.number().nonnegative().optional(),
      seconds: z.number().nonnegative().optional(),
      milliseconds: z.number().nonnegative().optional(),
    }),
  },
  async handler(ctx) {
    const { minutes = 0, seconds = 0, milliseconds = 0 } = ctx.input;
    const total = Math.min(MAX_WAIT_MS, minutes * 60_000 + seconds * 1000 + milliseconds);
    ctx.logger.info(`Waiting ${total} ms`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, total);
      ctx.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('The task was cancelled'));
        },
        { once: true },
      );
    });
  },
});
