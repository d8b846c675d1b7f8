import { InputError } from '@portal/backend-common';
import type { ResolvedHost } from './hostPolicy.js';

/** A location URL broken into the repository to clone, the ref and the path inside it. */
export interface ParsedLocation {
  type: 'url';
  /** The clone URL, always ending in `.git`; the same string for every URL of one repository. */
  repoUrl: string;
  host: string;
  /** Branch, tag or commit; undefined means the default branch. */
  ref?: string;
  /** File or folder inside the repository, '' for the root. */
  path: string;
  kind: 'blob' | 'tree';
  /** Which web URL layout the host uses, for building view and edit links. */
  style: 'github' | 'gitlab' | 'gitea';
  /** Gitea names the kind of ref in its URLs (`/src/branch/`, `/src/tag/`, `/src/commit/`). */
  refType?: 'branch' | 'tag' | 'commit';
}

function decodeSegments(pathname: string): string[] {
  const segments = pathname.split('/').filter(segment => segment !== '');
  return segments.map(segment => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new InputError(`The URL path segment "${segment}" is not valid`);
    }
    if (decoded === '.' || decoded === '..' || decoded.includes('/') || decoded.includes('\0')) {
      throw new InputError(`The URL path segment "${segment}" is not allowed`);
    }
    return decoded;
  });
}

/** The path under which the portal's own host serves repositories, such as `/git` or `/portal/git`. */
export function localGitPrefix(baseUrl: string): string {
  return `${new URL(baseUrl).pathname.replace(/\/+$/, '')}/git`;
}

const giteaRefTypes = new Set(['branch', 'tag', 'commit']);

/**
 * Parses GitHub-style (`/<owner>/<repo>/blob|tree/<ref>/<path>`, also used by the local host and
 * any plain git host), GitLab (`/<group>/<repo>/-/blob|tree/<ref>/<path>`) and Gitea
 * (`/<owner>/<repo>/src/branch|tag|commit/<ref>/<path>`) URLs. A ref containing a slash cannot
 * be told apart from a path, so the first segment after blob/tree is taken as the ref.
 */
export function parseLocation({ url, integration }: ResolvedHost): ParsedLocation {
  let pathname = url.pathname;
  if (integration.type === 'local') {
    const prefix = localGitPrefix(integration.baseUrl ?? url.origin);
    if (!pathname.startsWith(`${prefix}/`)) {
      throw new InputError(`Repositories of the portal's own git host live under ${prefix}/`);
    }
    pathname = pathname.slice(prefix.length);
  }
  const segments = decodeSegments(pathname);
  const base = { type: 'url' as const, host: url.host.toLowerCase() };
  const prefixPath = integration.type === 'local' ? localGitPrefix(integration.baseUrl ?? url.origin) : '';
  const repoUrlOf = (repo: string[]) => {
    const names = [...repo];
    names[names.length - 1] = names[names.length - 1]!.replace(/\.git$/, '');
    return `${url.origin}${prefixPath}/${names.map(encodeURIComponent).join('/')}.git`;
  };
  const requireRef = (ref: string | undefined) => {
    if (!ref) throw new InputError(`The URL ${url.href} names no ref after blob/tree`);
    return ref;
  };

  const dash = segments.indexOf('-');
  if (dash >= 2 && ['blob', 'tree', 'raw'].includes(segments[dash + 1] ?? '')) {
    return {
      ...base,
      repoUrl: repoUrlOf(segments.slice(0, dash)),
      ref: requireRef(segments[dash + 2]),
      path: segments.slice(dash + 3).join('/'),
      kind: segments[dash + 1] === 'tree' ? 'tree' : 'blob',
      style: 'gitlab',
    };
  }
  if ((segments[2] === 'src' || segments[2] === 'raw') && giteaRefTypes.has(segments[3] ?? '')) {
    const path = segments.slice(5).join('/');
    const last = segments[segments.length - 1] ?? '';
    return {
      ...base,
      repoUrl: repoUrlOf(segments.slice(0, 2)),
      ref: requireRef(segments[4]),
      path,
      // Gitea uses one URL form for files and folders; a last segment with an extension is taken as a file.
      kind: segments[2] === 'raw' || (path !== '' && last.includes('.')) ? 'blob' : 'tree',
      style: 'gitea',
      refType: segments[3] as 'branch' | 'tag' | 'commit',
    };
  }
  if (segments[2] === 'blob' || segments[2] === 'tree') {
    return {
      ...base,
      repoUrl: repoUrlOf(segments.slice(0, 2)),
      ref: requireRef(segments[3]),
      path: segments.slice(4).join('/'),
      kind: segments[2],
      style: integration.type === 'gitlab' ? 'gitlab' : integration.type === 'gitea' ? 'gitea' : 'github',
    };
  }
  const isRepoRoot = segments.length === 2 || (integration.type === 'gitlab' && segments.length >= 2);
  if (isRepoRoot) {
    return {
      ...base,
      repoUrl: repoUrlOf(segments),
      path: '',
      kind: 'tree',
      style: integration.type === 'gitlab' ? 'gitlab' : integration.type === 'gitea' ? 'gitea' : 'github',
    };
  }
  throw new InputError(`Unsupported git location URL: ${url.href}`);
}

/** The web page of a file or folder of a location's repository at the location's ref. */
export function buildWebUrl(location: ParsedLocation, path: string): string {
  const base = location.repoUrl.replace(/\.git$/, '');
  const ref = encodeURIComponent(location.ref ?? 'HEAD');
  const cleanPath = path.replace(/^\/+/, '');
  const encodedPath = cleanPath.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  const kind = cleanPath === '' || cleanPath.endsWith('/') ? 'tree' : 'blob';
  const suffix = encodedPath ? `/${encodedPath}` : '';
  switch (location.style) {
    case 'gitlab':
      return `${base}/-/${kind}/${ref}${suffix}`;
    case 'gitea': {
      const refType = location.refType ?? (/^[0-9a-f]{40}$/.test(location.ref ?? '') ? 'commit' : 'branch');
      return `${base}/src/${refType}/${ref}${suffix}`;
    }
    default:
      return `${base}/${kind}/${ref}${suffix}`;
  }
}
