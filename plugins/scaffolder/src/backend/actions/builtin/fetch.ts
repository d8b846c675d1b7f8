import fs from 'node:fs';
import path from 'node:path';
import type { GitReader } from '@portal/git';
import picomatch from 'picomatch';
import { z } from 'zod';
import { readContentFile, readContentFolder } from '../readTemplateContent.js';
import { createTemplateAction } from '../types.js';
import { resolveSafeChildPath, writeWorkspaceFile } from '../workspacePaths.js';

const DEFAULT_TEMPLATE_EXTENSION = '.njk';

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

/** Backstage's rule: a rendered path with an empty part (`a//b`, `/b`, `''`) means "skip this file". */
function isSkipped(renderedPath: string): boolean {
  return renderedPath === '' || renderedPath.startsWith('/') || renderedPath.includes('//') || renderedPath.endsWith('/');
}

/**
 * Which skeleton files keep their contents as they are. As in Backstage, a pattern is a glob
 * relative to the skeleton folder, and a pattern that names a folder (`.github/workflows/` or
 * `.github/workflows`) covers everything below it: GitHub Actions files are full of `${{ }}`
 * that must reach GitHub untouched.
 */
export function verbatimMatcher(patterns: string[]): (file: string) => boolean {
  const globs = patterns
    .map(pattern => pattern.trim().replace(/^(\.\/)+/, ''))
    .filter(Boolean)
    .flatMap(pattern => (pattern.endsWith('/') ? [`${pattern}**`] : [pattern, `${pattern}/**`]));
  if (globs.length === 0) return () => false;
  return picomatch(globs, { dot: true });
}

export function createFetchTemplateAction(reader: GitReader) {
  return createTemplateAction({
    id: 'fetch:template',
    description: 'Copies a folder of skeleton files into the workspace, rendering file names and contents with the given values.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        url: z.string().min(1).describe('A folder of the template (relative to its file) or a git URL'),
        targetPath: z.string().default('./').describe('Where to put the files, inside the workspace'),
        values: z.record(z.string(), z.unknown()).default({}),
        copyWithoutTemplating: z
          .array(z.string())
          .default([])
          .describe(
            'Globs relative to the skeleton folder; matching files, and everything inside matching folders, are copied without rendering their contents',
          ),
        copyWithoutRender: z.array(z.string()).optional().describe('Deprecated: the old name of copyWithoutTemplating'),
        templateFileExtension: z.union([z.boolean(), z.string().regex(/^\.\w+/)]).optional(),
        cookiecutterCompat: z.boolean().default(false),
        replace: z.boolean().default(false).describe('Overwrite files that already exist in the workspace'),
      }),
    },
    async handler(ctx) {
      const { input } = ctx;
      if (input.cookiecutterCompat) ctx.logger.warn('cookiecutterCompat is not supported: {{ cookiecutter.x }} is left as it is');
      const extension = input.templateFileExtension === true ? DEFAULT_TEMPLATE_EXTENSION : input.templateFileExtension || undefined;
      const patterns = [...input.copyWithoutTemplating];
      if (input.copyWithoutRender) {
        ctx.logger.warn('copyWithoutRender is deprecated: use copyWithoutTemplating, which means the same');
        patterns.push(...input.copyWithoutRender);
      }
      if (extension && patterns.length > 0) {
        throw new Error('templateFileExtension and copyWithoutTemplating cannot be used together');
      }
      const verbatim = verbatimMatcher(patterns);
      const target = await resolveSafeChildPath(ctx.workspacePath, input.targetPath);
      const relativeTarget = path.relative(ctx.workspacePath, target) || '.';
      const files = await readContentFolder({ reader, url: input.url, templateInfo: ctx.templateInfo, logger: ctx.logger });
      ctx.logger.info(`Fetched ${files.length} files from ${input.url}; rendering into ${relativeTarget}`);
      const context = { values: input.values };
      let written = 0;
      for (const file of files) {
        let outputPath = file.path;
        let render: boolean;
        if (extension) {
          render = outputPath.endsWith(extension);
          if (render) outputPath = outputPath.slice(0, -extension.length);
        } else {
          render = !verbatim(file.path);
        }
        outputPath = ctx.templater.renderString(outputPath, context);
        if (isSkipped(outputPath)) continue;
        const destination = path.join(relativeTarget, outputPath);
        if (!input.replace && fs.existsSync(path.join(ctx.workspacePath, destination))) {
          ctx.logger.info(`Kept ${destination}: it exists and replace is false`);
          continue;
        }
        const content = render && !isBinary(file.content) ? ctx.templater.renderString(file.content.toString('utf8'), context) : file.content;
        await writeWorkspaceFile(ctx.workspacePath, destination, content);
        written++;
      }
      ctx.logger.info(`Wrote ${written} files`);
    },
  });
}

export function createFetchPlainAction(reader: GitReader) {
  return createTemplateAction({
    id: 'fetch:plain',
    description: 'Copies a folder into the workspace as it is.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        url: z.string().min(1),
        targetPath: z.string().default('./'),
      }),
    },
    async handler(ctx) {
      const target = await resolveSafeChildPath(ctx.workspacePath, ctx.input.targetPath);
      const relativeTarget = path.relative(ctx.workspacePath, target) || '.';
      const files = await readContentFolder({ reader, url: ctx.input.url, templateInfo: ctx.templateInfo, logger: ctx.logger });
      for (const file of files) await writeWorkspaceFile(ctx.workspacePath, path.join(relativeTarget, file.path), file.content);
      ctx.logger.info(`Copied ${files.length} files from ${ctx.input.url} into ${relativeTarget}`);
    },
  });
}

export function createFetchPlainFileAction(reader: GitReader) {
  return createTemplateAction({
    id: 'fetch:plain:file',
    description: 'Copies one file into the workspace as it is.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        url: z.string().min(1),
        targetPath: z.string().min(1).describe('The file to write, inside the workspace'),
      }),
    },
    async handler(ctx) {
      const content = await readContentFile({ reader, url: ctx.input.url, templateInfo: ctx.templateInfo });
      await writeWorkspaceFile(ctx.workspacePath, ctx.input.targetPath, content);
      ctx.logger.info(`Copied ${ctx.input.url} to ${ctx.input.targetPath}`);
    },
  });
}
