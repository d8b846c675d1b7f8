import fs from 'node:fs';
import path from 'node:path';
import { InputError, NotFoundError } from '@portal/backend-common';
import yaml from 'js-yaml';
import { z } from 'zod';
import { createTemplateAction, type TemplateAction } from '../types.js';
import { resolveSafeChildPath, writeWorkspaceFile } from '../workspacePaths.js';

/** Reads a workspace file as text; the path is checked like every other. */
export async function readWorkspaceText(workspacePath: string, target: string): Promise<string> {
  const file = await resolveSafeChildPath(workspacePath, target);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.lstat(file);
  } catch {
    throw new NotFoundError(`There is no file ${target} in the workspace`);
  }
  if (!stat.isFile()) throw new InputError(`${target} is not a plain file`);
  return fs.promises.readFile(file, 'utf8');
}

export const fsReadAction = createTemplateAction({
  id: 'fs:read',
  description: 'Reads a workspace file as text.',
  supportsDryRun: true,
  schema: { input: z.object({ path: z.string().min(1) }), output: z.object({ content: z.string() }) },
  async handler(ctx) {
    ctx.output('content', await readWorkspaceText(ctx.workspacePath, ctx.input.path));
  },
});

const entryOutput = z.object({ name: z.string(), path: z.string() });

export const fsReaddirAction = createTemplateAction({
  id: 'fs:readdir',
  description: 'Lists the files and folders of workspace folders.',
  supportsDryRun: true,
  schema: {
    input: z.object({ paths: z.array(z.string().min(1)).min(1), recursive: z.boolean().default(false) }),
    output: z.object({ files: z.array(entryOutput), folders: z.array(entryOutput) }),
  },
  async handler(ctx) {
    const files: Array<z.output<typeof entryOutput>> = [];
    const folders: Array<z.output<typeof entryOutput>> = [];
    const root = path.resolve(ctx.workspacePath);
    const walk = async (dir: string) => {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        // Paths relative to the workspace, never the server's own folders.
        const found = { name: entry.name, path: path.relative(root, full).split(path.sep).join('/') };
        if (entry.isDirectory()) {
          folders.push(found);
          if (ctx.input.recursive) await walk(full);
        } else if (entry.isFile()) {
          files.push(found);
        }
      }
    };
    for (const target of ctx.input.paths) {
      const dir = await resolveSafeChildPath(ctx.workspacePath, target);
      if (!fs.existsSync(dir) || !(await fs.promises.stat(dir)).isDirectory()) throw new NotFoundError(`There is no folder ${target} in the workspace`);
      await walk(dir);
    }
    ctx.output('files', files);
    ctx.output('folders', folders);
  },
});

/** JSON text re-indented with two spaces; anything else as it is. */
function formatted(target: string, content: string): string {
  if (!/\.json$/i.test(target)) return content;
  try {
    return `${JSON.stringify(JSON.parse(content), null, 2)}\n`;
  } catch {
    return content;
  }
}

export const fsWriteAction = createTemplateAction({
  id: 'fs:write',
  description: 'Writes text to a workspace file, replacing it.',
  supportsDryRun: true,
  schema: {
    input: z.object({
      path: z.string().min(1),
      content: z.string(),
      preserveFormatting: z.boolean().default(false).describe('Re-indent JSON content (for .json files) with two spaces'),
    }),
    output: z.object({ path: z.string() }),
  },
  async handler(ctx) {
    const content = ctx.input.preserveFormatting ? formatted(ctx.input.path, ctx.input.content) : ctx.input.content;
    await writeWorkspaceFile(ctx.workspacePath, ctx.input.path, content);
    ctx.logger.info(`Wrote ${ctx.input.path}`);
    ctx.output('path', ctx.input.path);
  },
});

export const fsAppendAction = createTemplateAction({
  id: 'fs:append',
  description: 'Appends text to a workspace file, creating it when it does not exist.',
  supportsDryRun: true,
  schema: { input: z.object({ path: z.string().min(1), content: z.string() }), output: z.object({ path: z.string() }) },
  async handler(ctx) {
    const file = await resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
    const before = fs.existsSync(file) ? await readWorkspaceText(ctx.workspacePath, ctx.input.path) : '';
    await writeWorkspaceFile(ctx.workspacePath, ctx.input.path, before + ctx.input.content);
    ctx.output('path', ctx.input.path);
  },
});

export const fsParseAction = createTemplateAction({
  id: 'roadiehq:utils:fs:parse',
  description: 'Reads a workspace file and parses it as YAML, several YAML documents, or JSON.',
  supportsDryRun: true,
  schema: {
    input: z.object({ path: z.string().min(1), parser: z.enum(['yaml', 'json', 'multiyaml']).optional() }),
    output: z.object({ content: z.unknown() }),
  },
  async handler(ctx) {
    const text = await readWorkspaceText(ctx.workspacePath, ctx.input.path);
    const parser = ctx.input.parser;
    // JSON_SCHEMA: plain data only, no custom tags.
    const content =
      parser === 'json'
        ? JSON.parse(text)
        : parser === 'yaml'
          ? yaml.load(text, { schema: yaml.JSON_SCHEMA })
          : parser === 'multiyaml'
            ? yaml.loadAll(text, undefined, { schema: yaml.JSON_SCHEMA })
            : text;
    ctx.output('content', content);
  },
});

/** The same action under the id another portal's templates use for it. */
export function aliasOf<T extends TemplateAction>(action: T, id: string): T {
  return { ...action, id, description: `${action.description} (the same as ${action.id})` };
}

export const fileActions: TemplateAction[] = [
  fsReadAction,
  fsReaddirAction,
  fsWriteAction,
  fsAppendAction,
  fsParseAction,
  aliasOf(fsWriteAction, 'roadiehq:utils:fs:write'),
  aliasOf(fsAppendAction, 'roadiehq:utils:fs:append'),
] as TemplateAction[];
