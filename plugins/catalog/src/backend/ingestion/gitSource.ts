import path from 'node:path';
import picomatch from 'picomatch';
import { InputError, NotFoundError } from '@portal/backend-common';
import type { GitReader, ParsedLocation } from './gitReader.js';
import type { FileChange, LocationSource, TargetWithoutPresence } from './LocationSource.js';

/** Normalises a clone URL so push events and registered locations compare equal. */
export function normalizeRepoUrl(url: string): string {
  try {
    const u = new URL(url);
    const pathname = u.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
    return `${u.host.toLowerCase()}${pathname}`.toLowerCase();
  } catch {
    return url
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .toLowerCase();
  }
}

/** A `type: url` location: a file in a git repository, read at the head of a ref. */
export function createGitSource(gitReader: GitReader, target: string): LocationSource & { parsed: ParsedLocation } {
  const parsed = gitReader.parseUrl(target);
  const rootPath = parsed.kind === 'tree' ? path.posix.join(parsed.path, 'catalog-info.yaml') : parsed.path;
  let commit: string | undefined;
  const at = () => {
    if (!commit) throw new Error('The repository was not fetched before reading');
    return commit;
  };
  const sameRepo = (other: ParsedLocation) => normalizeRepoUrl(other.repoUrl) === normalizeRepoUrl(parsed.repoUrl) && (other.ref ?? '') === (parsed.ref ?? '');
  const webUrl = (p: string) => gitReader.webUrl(parsed, p);

  return {
    parsed,
    rootPath,
    head: () => gitReader.headCommit(parsed.repoUrl, parsed.ref),
    prepare: async () => {
      commit = await gitReader.fetch(parsed.repoUrl, parsed.ref);
      return commit;
    },
    changes: async (from, to) => {
      const changed = await gitReader.changedPaths(parsed.repoUrl, from, to);
      if (!changed) return undefined;
      return new Map<string, FileChange>(changed.map(c => [c.path, c.change]));
    },
    readFile: async file => {
      try {
        return await gitReader.readFile(parsed.repoUrl, at(), file);
      } catch (error) {
        // Only a path the commit's trees do not hold is absent (its entities go). A cache that
        // cannot be read throws GitReadError, which fails the refresh and keeps every entity.
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    listFiles: dir => gitReader.listFiles(parsed.repoUrl, at(), dir || undefined),
    resolveTarget: (fromPath, value, type): TargetWithoutPresence => {
      if (type === 'file') throw new InputError("A location in a repository cannot name files on the server's disk");
      if (type && type !== 'url') throw new InputError(`Unknown location type "${type}"`);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        const other = gitReader.parseUrl(value);
        if (sameRepo(other) && other.kind === 'blob') return { kind: 'path', path: other.path };
        return { kind: 'external', type: 'url', target: value };
      }
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromPath), value));
      const resolved = joined.startsWith('/') ? joined.slice(1) : joined;
      if (resolved === '..' || resolved.startsWith('../')) {
        throw new InputError(`The target "${value}" points outside the repository`);
      }
      return picomatch.scan(value).isGlob ? { kind: 'glob', pattern: resolved } : { kind: 'path', path: resolved };
    },
    annotations: file => {
      const view = webUrl(file);
      const dir = path.posix.dirname(file);
      const source = webUrl(dir === '.' ? '' : `${dir}/`);
      return {
        'backstage.io/managed-by-location': `url:${view}`,
        'backstage.io/source-location': `url:${source.endsWith('/') ? source : `${source}/`}`,
        'backstage.io/view-url': view,
        'backstage.io/edit-url': editUrlOf(view),
      };
    },
  };
}

/** The edit page of a file for the hosts we know the URL forms of; the view URL otherwise. */
function editUrlOf(viewUrl: string): string {
  if (viewUrl.includes('/-/blob/')) return viewUrl.replace('/-/blob/', '/-/edit/');
  if (viewUrl.includes('/src/branch/')) return viewUrl.replace('/src/branch/', '/_edit/');
  if (viewUrl.includes('/blob/')) return viewUrl.replace('/blob/', '/edit/');
  return viewUrl;
}
