import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '@portal/backend-common';
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { listWorkspaceFiles, resolveSafeChildPath, writeWorkspaceFile } from '../workspacePaths.js';

export const zipAction = createTemplateAction({
  id: 'roadiehq:utils:zip',
  description: 'Zips a workspace file or folder into a zip file inside the workspace.',
  supportsDryRun: true,
  schema: {
    input: z.object({ path: z.string().min(1), outputPath: z.string().min(1) }),
    output: z.object({ outputPath: z.string() }),
  },
  async handler(ctx) {
    const source = await resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
    const output = await resolveSafeChildPath(ctx.workspacePath, ctx.input.outputPath);
    const stat = await fs.promises.lstat(source).catch(() => undefined);
    if (!stat || !(stat.isFile() || stat.isDirectory())) throw new NotFoundError(`There is no file or folder ${ctx.input.path} in the workspace`);
    const entries: Zippable = {};
    if (stat.isFile()) {
      entries[path.basename(source)] = await fs.promises.readFile(source);
    } else {
      // Symbolic links are left out: a zip of the workspace must hold only the workspace.
      for (const file of await listWorkspaceFiles(source)) {
        if (path.join(source, file) !== output) entries[file] = await fs.promises.readFile(path.join(source, file));
      }
    }
    const archive = zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
    await writeWorkspaceFile(ctx.workspacePath, ctx.input.outputPath, Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
    ctx.logger.info(`Zipped ${Object.keys(entries).length} files from ${ctx.input.path} into ${ctx.input.outputPath}`);
    ctx.output('outputPath', ctx.input.outputPath);
  },
});
