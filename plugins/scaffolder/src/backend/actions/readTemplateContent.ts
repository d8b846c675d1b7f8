import fs from 'node:fs';
import path from 'node:path';
import { InputError, NotFoundError } from '@portal/backend-common';
import type { GitReader } from '@portal/git';
import { listWorkspaceFiles } from './workspacePaths.js';
import type { TaskLogger, TemplateInfo } from './types.js';

export interface ContentFile {
  /** Relative to the folder that was read, with '/'. */
  path: string;
  content: Buffer;
}

/** A template's location annotation (`url:…` or `file:…`) as a URL or an absolute path. */
export function templateBaseOf(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const match = /^(url|file):(.+)$/.exec(location);
  return match ? match[2] : location;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

type Source = { type: 'git'; repoUrl: string; ref?: string; path: string } | { type: 'file'; root: string; path: string };

/**
 * Where `url` points: an absolute git URL, or a path relative to the template's own file. A
 * relative path may not leave the template's repository (git) or the template's folder (files):
 * a template must not read the server's other files through its content.
 */
function resolveSource(reader: GitReader, url: string, templateInfo: TemplateInfo | undefined): Source {
  if (isHttpUrl(url)) {
    const parsed = reader.parseUrl(url);
    return { type: 'git', repoUrl: parsed.repoUrl, ref: parsed.ref, path: parsed.path };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || path.isAbsolute(url)) {
    throw new InputError(`The url "${url}" must be an http(s) URL or a path relative to the template`);
  }
  const base = templateBaseOf(templateInfo?.baseUrl);
  if (!base) throw new InputError(`The relative url "${url}" needs a template with a known location`);
  if (isHttpUrl(base)) {
    const template = reader.parseUrl(base);
    const parsed = reader.parseUrl(new URL(url, base).href);
    if (parsed.repoUrl !== template.repoUrl) throw new InputError(`The url "${url}" leaves the template's repository`);
    return { type: 'git', repoUrl: parsed.repoUrl, ref: template.ref, path: parsed.path };
  }
  const root = path.dirname(path.resolve(base));
  const target = path.resolve(root, url);
  const relative = path.relative(root, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new InputError(`The url "${url}" leaves the template's folder`);
  return { type: 'file', root, path: relative };
}

async function realInside(root: string, file: string): Promise<boolean> {
  const [realRoot, real] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
  const relative = path.relative(realRoot, real);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Reads every file below a folder of the template's content. Symbolic links are skipped. */
export async function readContentFolder(options: { reader: GitReader; url: string; templateInfo?: TemplateInfo; logger: TaskLogger }): Promise<ContentFile[]> {
  const source = resolveSource(options.reader, options.url, options.templateInfo);
  if (source.type === 'git') {
    const commit = await options.reader.fetch(source.repoUrl, source.ref);
    const files = await options.reader.listFiles(source.repoUrl, commit, source.path);
    const prefix = source.path ? `${source.path.replace(/\/+$/, '')}/` : '';
    return Promise.all(
      files.map(async file => ({
        path: file.startsWith(prefix) ? file.slice(prefix.length) : file,
        content: await options.reader.readFile(source.repoUrl, commit, file),
      })),
    );
  }
  const dir = path.join(source.root, source.path);
  if (!fs.existsSync(dir) || !(await realInside(source.root, dir))) throw new NotFoundError(`The template content "${options.url}" was not found`);
  const all = await listWorkspaceFiles(dir, { includeSymlinks: true });
  const out: ContentFile[] = [];
  for (const file of all) {
    const full = path.join(dir, file);
    if ((await fs.promises.lstat(full)).isSymbolicLink()) {
      options.logger.warn(`Skipped ${file}: symbolic links in template content are not copied`);
      continue;
    }
    out.push({ path: file, content: await fs.promises.readFile(full) });
  }
  return out;
}

/** Reads one file of the template's content (fetch:plain:file). */
export async function readContentFile(options: { reader: GitReader; url: string; templateInfo?: TemplateInfo }): Promise<Buffer> {
  const source = resolveSource(options.reader, options.url, options.templateInfo);
  if (source.type === 'git') {
    const commit = await options.reader.fetch(source.repoUrl, source.ref);
    return options.reader.readFile(source.repoUrl, commit, source.path);
  }
  const file = path.join(source.root, source.path);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.lstat(file);
  } catch {
    throw new NotFoundError(`The template file "${options.url}" was not found`);
  }
  if (!stat.isFile()) throw new InputError(`The template file "${options.url}" is not a plain file`);
  if (!(await realInside(source.root, file))) throw new InputError(`The url "${options.url}" leaves the template's folder`);
  return fs.promises.readFile(file);
}
