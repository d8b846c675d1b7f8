import fs from 'node:fs';
import path from 'node:path';
import { ConflictError, InputError, NotFoundError } from '@portal/backend-common';
import picomatch from 'picomatch';
import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { listWorkspaceFiles, resolveSafeChildPath } from '../workspacePaths.js';

export const fsDeleteAction = createTemplateAction({
  id: 'fs:delete',
  description: 'Deletes files or folders (paths or globs) from the workspace.',
  supportsDryRun: true,
  schema: { input: z.object({ files: z.array(z.string().min(1)).min(1) }) },
  async handler(ctx) {
    const all = await listWorkspaceFiles(ctx.workspacePath, { includeSymlinks: true });
    for (const pattern of ctx.input.files) {
      // Checked like any path, so a glob cannot name something outside the workspace.
      await resolveSafeChildPath(ctx.workspacePath, pattern.replace(/[*?[\]{}]/g, '_'));
      if (picomatch.scan(pattern).isGlob) {
        const isMatch = picomatch(pattern.replace(/^\.\//, ''), { dot: true });
        const matches = all.filter(file => isMatch(file));
        for (const file of matches) await fs.promises.rm(path.join(ctx.workspacePath, file), { force: true });
        ctx.logger.info(`Deleted ${matches.length} files matching ${pattern}`);
      } else {
        const target = path.resolve(ctx.workspacePath, pattern);
        if (target === path.resolve(ctx.workspacePath)) throw new InputError('fs:delete cannot delete the whole workspace');
        // rm on the link itself, never on what it points to.
        await fs.promises.rm(target, { recursive: true, force: true });
        ctx.logger.info(`Deleted ${pattern}`);
      }
    }
  },
});

export const fsRenameAction = createTemplateAction({
  id: 'fs:rename',
  description: 'Renames or moves files and folders inside the workspace.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      files: z.array(z.object({ from: z.string().min(1), to: z.string().min(1), overwrite: z.boolean().default(false) })).min(1),
    }),
  },
  async handler(ctx) {
    for (const file of ctx.input.files) {
      const from = await resolveSafeChildPath(ctx.workspacePath, file.from);
      const to = await resolveSafeChildPath(ctx.workspacePath, file.to);
      if (!fs.existsSync(from)) throw new NotFoundError(`fs:rename: ${file.from} does not exist`);
      if (fs.existsSync(to)) {
        if (!file.overwrite) throw new ConflictError(`fs:rename: ${file.to} exists; set overwrite to replace it`);
        await fs.promises.rm(to, { recursive: true, force: true });
      }
      await fs.promises.mkdir(path.dirname(to), { recursive: true });
      await fs.promises.rename(from, to);
      ctx.logger.info(`Renamed ${file.from} to ${file.to}`);
    }
  },
});
