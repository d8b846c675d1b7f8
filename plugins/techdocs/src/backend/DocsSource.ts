import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError } from '@portal/backend-common';
import { checkDocsPath } from './render/docsPaths.js';

/**
 * Where one entity's docs live: the folder holding mkdocs.yml, in a repository or on disk. Paths
 * are relative to that folder. A version is a commit for repositories and a content hash for
 * local folders, so caching by version works the same for both.
 */
export interface DocsSource {
  /** A stable description of the place, e.g. the repository URL and folder; part of cache keys. */
  readonly id: string;
  /** The version the docs are at now, as cheaply as possible (one round trip for git). */
  latestVersion(): Promise<string>;
  /** Makes the latest version readable (fetches it) and returns it. */
  prepareLatest(): Promise<string>;
  listFiles(version: string): Promise<string[]>;
  readFile(version: string, file: string): Promise<Buffer>;
  /** The file's URL in its repository. */
  webUrl?(file: string): string;
  /** The URL of the repository host's editor for the file, for "edit this page". */
  editUrl?(file: string): string;
}

/** What the docs need of a parsed repository location (a subset of @portal/git's ParsedLocation). */
export interface DocsRepoLocation {
  repoUrl: string;
  ref?: string;
  path: string;
  kind: 'blob' | 'tree';
  host: string;
  type: 'url';
}

/** The part of @portal/git's GitReader the docs use. */
export interface DocsGitReader {
  parseUrl(url: string): DocsRepoLocation;
  headCommit(repoUrl: string, ref?: string): Promise<string>;
  fetch(repoUrl: string, ref?: string): Promise<string>;
  readFile(repoUrl: string, commit: string, path: string): Promise<Buffer>;
  listFiles(repoUrl: string, commit: string, dir?: string): Promise<string[]>;
  webUrl(location: DocsRepoLocation, path: string): string;
}

export function gitDocsSource(gitReader: DocsGitReader, location: DocsRepoLocation, root: string): DocsSource {
  const inRepo = (file: string) => (root ? `${root}/${file}` : file);
  return {
    id: `${location.repoUrl}#${location.ref ?? ''}:${root}`,
    latestVersion: () => gitReader.headCommit(location.repoUrl, location.ref),
    prepareLatest: () => gitReader.fetch(location.repoUrl, location.ref),
    async listFiles(commit) {
      const files = await gitReader.listFiles(location.repoUrl, commit, root);
      return root ? files.map(f => f.slice(root.length + 1)) : files;
    },
    readFile: (commit, file) => gitReader.readFile(location.repoUrl, commit, inRepo(checkDocsPath(file))),
    webUrl: file => gitReader.webUrl({ ...location, kind: 'blob' }, inRepo(file)),
    editUrl: file => editUrlOf(gitReader.webUrl({ ...location, kind: 'blob' }, inRepo(file))),
  };
}

/**
 * A file's editor URL from its view URL: GitHub and the portal's own git host `…/blob/<ref>/…` →
 * `…/edit/<ref>/…`, GitLab `…/-/blob/…` → `…/-/edit/…`, Gitea `…/src/branch/…` → `…/_edit/…`.
 */
export function editUrlOf(webUrl: string): string {
  return webUrl
    .replace(/\/-\/blob\//, '/-/edit/')
    .replace(/^(https?:\/\/[^/]+(?:\/[^/]+){2,}?)\/blob\//, '$1/edit/')
    .replace(/\/src\/(branch|commit|tag)\//, '/_edit/');
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * Docs in a folder on the server's disk (catalog `file:` locations). The version is a hash of
 * every file's path, size and modification time, so an edit shows up like a new commit.
 */
export function fileDocsSource(directory: string): DocsSource {
  const root = path.resolve(directory);
  const scan = async () => {
    const out: Array<{ file: string; size: number; mtimeMs: number }> = [];
    await walk(root, '', out);
    return out.sort((a, b) => (a.file < b.file ? -1 : 1));
  };
  const version = async () => {
    const hash = createHash('sha1');
    for (const entry of await scan()) hash.update(`${entry.file}\0${entry.size}\0${entry.mtimeMs}\n`);
    return `local-${hash.digest('hex').slice(0, 32)}`;
  };
  return {
    id: `file:${root}`,
    latestVersion: version,
    prepareLatest: version,
    listFiles: async () => (await scan()).map(entry => entry.file),
    async readFile(_version, file) {
      const full = path.join(root, checkDocsPath(file));
      // A symbolic link inside the folder could point anywhere on the server: follow it, then check.
      const [real, realRoot] = await Promise.all([fs.realpath(full).catch(() => undefined), fs.realpath(root).catch(() => root)]);
      if (!real || !real.startsWith(realRoot + path.sep)) throw new NotFoundError(`No file ${file} in the docs`);
      return fs.readFile(real).catch(() => {
        throw new NotFoundError(`No file ${file} in the docs`);
      });
    },
  };
}

async function walk(dir: string, prefix: string, out: Array<{ file: string; size: number; mtimeMs: number }>): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, rel, out);
    else if (entry.isFile()) {
      const stat = await fs.stat(full);
      out.push({ file: rel, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
}
