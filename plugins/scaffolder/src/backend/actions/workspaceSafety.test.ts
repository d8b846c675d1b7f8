import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitReader } from '@portal/git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActionContext, type TestActionContext } from '../__fixtures__/actionContext.js';
import { createFetchPlainAction, createFetchPlainFileAction, createFetchTemplateAction } from './builtin/fetch.js';
import { debugLogAction } from './builtin/debug.js';
import { fsDeleteAction, fsRenameAction } from './builtin/fs.js';
import { catalogWriteAction } from './builtin/catalog.js';
import { resolveSafeChildPath, writeWorkspaceFile } from './workspacePaths.js';

let outside: string;
let templateDir: string;
let reader: GitReader;
const contexts: Array<TestActionContext<unknown>> = [];

async function context<T>(input: T) {
  const ctx = await createActionContext(input, {
    templateInfo: { entityRef: 'template:default/t', baseUrl: `file:${path.join(templateDir, 'template.yaml')}` },
  });
  contexts.push(ctx as TestActionContext<unknown>);
  return ctx;
}

beforeEach(async () => {
  outside = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-outside-'));
  await fs.promises.writeFile(path.join(outside, 'secret.txt'), 'top secret');
  templateDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-template-'));
  await fs.promises.writeFile(path.join(templateDir, 'template.yaml'), 'kind: Template');
  await fs.promises.mkdir(path.join(templateDir, 'content', 'src'), { recursive: true });
  await fs.promises.writeFile(path.join(templateDir, 'content', 'README.md'), '# ${{ values.name }}\n');
  await fs.promises.writeFile(path.join(templateDir, 'content', 'src', '${{ values.name }}.ts'), 'export const n = ${{ values.count }};\n');
  await fs.promises.writeFile(path.join(templateDir, 'content', "${{ 'x' if values.skip else '' }}"), 'skipped');
  await fs.promises.writeFile(path.join(templateDir, 'content', 'raw.txt'), 'keep ${{ values.name }}');
  reader = new GitReader({ cacheDir: path.join(outside, 'cache'), integrations: [] });
});

afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.cleanup();
  await fs.promises.rm(outside, { recursive: true, force: true });
  await fs.promises.rm(templateDir, { recursive: true, force: true });
});

describe('fetch:template', () => {
  it('renders names and contents, skips empty names and copies globs verbatim', async () => {
    const ctx = await context({
      url: './content',
      targetPath: 'out',
      values: { name: 'svc', count: 3, skip: false },
      copyWithoutTemplating: ['raw.txt'],
      replace: false,
      cookiecutterCompat: false,
    });
    await createFetchTemplateAction(reader).handler(ctx);
    const out = path.join(ctx.workspacePath, 'out');
    expect(await fs.promises.readFile(path.join(out, 'README.md'), 'utf8')).toBe('# svc\n');
    expect(await fs.promises.readFile(path.join(out, 'src', 'svc.ts'), 'utf8')).toBe('export const n = 3;\n');
    expect(await fs.promises.readFile(path.join(out, 'raw.txt'), 'utf8')).toBe('keep ${{ values.name }}');
    expect(fs.readdirSync(out).sort()).toEqual(['README.md', 'raw.txt', 'src']);
  });

  it('renders only files with the template extension when templateFileExtension is set', async () => {
    await fs.promises.writeFile(path.join(templateDir, 'content', 'main.ts.njk'), 'export const name = "${{ values.name }}";');
    const ctx = await context({
      url: './content',
      targetPath: './',
      values: { name: 'svc', skip: true },
      copyWithoutTemplating: [],
      templateFileExtension: true,
      replace: false,
      cookiecutterCompat: false,
    });
    await createFetchTemplateAction(reader).handler(ctx);
    expect(await fs.promises.readFile(path.join(ctx.workspacePath, 'main.ts'), 'utf8')).toBe('export const name = "svc";');
    expect(await fs.promises.readFile(path.join(ctx.workspacePath, 'README.md'), 'utf8')).toBe('# ${{ values.name }}\n');
    // File names are rendered either way.
    expect(fs.existsSync(path.join(ctx.workspacePath, 'src', 'svc.ts'))).toBe(true);
    expect(fs.existsSync(path.join(ctx.workspacePath, 'x'))).toBe(true);
  });

  it('refuses a targetPath outside the workspace, absolute or relative', async () => {
    for (const targetPath of ['../../x', path.join(outside, 'x'), '/etc']) {
      const ctx = await context({ url: './content', targetPath, values: {}, copyWithoutTemplating: [], replace: false, cookiecutterCompat: false });
      await expect(createFetchTemplateAction(reader).handler(ctx)).rejects.toThrow(/workspace/);
    }
    expect(fs.readdirSync(outside).sort()).toEqual(['secret.txt']);
  });

  it('refuses file names that render to a path outside the workspace', async () => {
    await fs.promises.writeFile(path.join(templateDir, 'content', '${{ values.evil }}'), 'pwned');
    const ctx = await context({
      url: './content',
      targetPath: './',
      values: { evil: `../../../../../..${outside}/pwned` },
      copyWithoutTemplating: [],
      replace: false,
      cookiecutterCompat: false,
    });
    await expect(createFetchTemplateAction(reader).handler(ctx)).rejects.toThrow(/leaves the task workspace/);
    expect(fs.existsSync(path.join(outside, 'pwned'))).toBe(false);
  });

  it('does not follow symbolic links in the template content', async () => {
    await fs.promises.symlink(path.join(outside, 'secret.txt'), path.join(templateDir, 'content', 'link.txt'));
    await fs.promises.symlink(outside, path.join(templateDir, 'content', 'linkdir'));
    const ctx = await context({
      url: './content',
      targetPath: './',
      values: { name: 'a' },
      copyWithoutTemplating: [],
      replace: false,
      cookiecutterCompat: false,
    });
    await createFetchTemplateAction(reader).handler(ctx);
    expect(fs.existsSync(path.join(ctx.workspacePath, 'link.txt'))).toBe(false);
    expect(fs.existsSync(path.join(ctx.workspacePath, 'linkdir'))).toBe(false);
    expect(ctx.logs.join('\n')).toMatch(/symbolic links in template content are not copied/);
  });

  it('refuses content urls that leave the template folder or are absolute paths', async () => {
    for (const url of ['../', `${outside}`, `file://${outside}`, '../../../../etc']) {
      const ctx = await context({ url, targetPath: './', values: {}, copyWithoutTemplating: [], replace: false, cookiecutterCompat: false });
      await expect(createFetchTemplateAction(reader).handler(ctx)).rejects.toThrow();
    }
  });
});

describe('workspace paths', () => {
  it('refuses symbolic links in the workspace that point outside, dangling ones included', async () => {
    const ctx = await context({});
    await fs.promises.symlink(outside, path.join(ctx.workspacePath, 'escape'));
    await fs.promises.symlink(path.join(outside, 'nothing-yet'), path.join(ctx.workspacePath, 'dangling'));
    await expect(resolveSafeChildPath(ctx.workspacePath, 'escape/secret.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveSafeChildPath(ctx.workspacePath, 'escape/new/file')).rejects.toThrow(/symbolic link/);
    await expect(writeWorkspaceFile(ctx.workspacePath, 'dangling', 'x')).rejects.toThrow(/symbolic link/);
    expect(fs.existsSync(path.join(outside, 'nothing-yet'))).toBe(false);
    await expect(resolveSafeChildPath(ctx.workspacePath, 'a/../../x')).rejects.toThrow(/leaves/);
    await expect(resolveSafeChildPath(ctx.workspacePath, 'a/b/../c')).resolves.toBe(path.join(ctx.workspacePath, 'a', 'c'));
  });

  it('fs:rename, fs:delete, catalog:write and fetch:plain:file stay inside the workspace', async () => {
    const ctx = await context({});
    await fs.promises.writeFile(path.join(ctx.workspacePath, 'a.txt'), 'a');
    await fs.promises.symlink(outside, path.join(ctx.workspacePath, 'escape'));
    await expect(fsRenameAction.handler({ ...ctx, input: { files: [{ from: 'a.txt', to: '../a.txt', overwrite: false }] } })).rejects.toThrow(/leaves/);
    await expect(fsRenameAction.handler({ ...ctx, input: { files: [{ from: 'a.txt', to: 'escape/a.txt', overwrite: false }] } })).rejects.toThrow(
      /symbolic link/,
    );
    await expect(fsRenameAction.handler({ ...ctx, input: { files: [{ from: '../../../etc/hostname', to: 'h', overwrite: false }] } })).rejects.toThrow(
      /leaves/,
    );
    await expect(fsDeleteAction.handler({ ...ctx, input: { files: ['escape/secret.txt'] } })).rejects.toThrow(/symbolic link/);
    await expect(fsDeleteAction.handler({ ...ctx, input: { files: ['../*'] } })).rejects.toThrow(/leaves/);
    await fsDeleteAction.handler({ ...ctx, input: { files: ['**/*.txt'] } });
    expect(fs.existsSync(path.join(ctx.workspacePath, 'a.txt'))).toBe(false);
    expect(fs.existsSync(path.join(outside, 'secret.txt'))).toBe(true);
    await expect(catalogWriteAction.handler({ ...ctx, input: { filePath: '/tmp/catalog-info.yaml', entity: {} } })).rejects.toThrow(/relative/);
    await expect(createFetchPlainFileAction(reader).handler({ ...ctx, input: { url: '../../../../etc/passwd', targetPath: 'p' } })).rejects.toThrow(/leaves/);
    await fsRenameAction.handler({ ...ctx, input: { files: [{ from: 'escape', to: 'moved', overwrite: false }] } }).catch(() => undefined);
    expect(fs.existsSync(path.join(outside, 'secret.txt'))).toBe(true);
  });

  it('fetch:plain copies as it is and debug:log lists the workspace', async () => {
    const ctx = await context({});
    await createFetchPlainAction(reader).handler({ ...ctx, input: { url: './content', targetPath: 'plain' } });
    expect(await fs.promises.readFile(path.join(ctx.workspacePath, 'plain', 'README.md'), 'utf8')).toBe('# ${{ values.name }}\n');
    await debugLogAction.handler({ ...ctx, input: { message: 'hello', listWorkspace: true } });
    expect(ctx.logs).toContain('hello');
    expect(ctx.logs).toContain('plain/README.md');
  });
});
