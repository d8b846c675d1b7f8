import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { InputError, NotFoundError } from '@portal/backend-common';
import { cleanRepoPath } from '../reader/treeReading.js';
import { runGit } from './runGit.js';

/** What the repository pages show; the shapes the web API answers. */
export interface RepositoryTreeEntry {
  name: string;
  path: string;
  type: 'tree' | 'blob' | 'commit';
  /** Bytes, for files. */
  size?: number;
}

export interface RepositoryCommitSummary {
  sha: string;
  subject: string;
  body: string;
  author: { name: string; email: string };
  /** ISO time the commit was authored. */
  date: string;
}

export interface RepositoryFileChange {
  path: string;
  /** Set for renames: the path before. */
  oldPath?: string;
  change: 'added' | 'modified' | 'deleted' | 'renamed';
  binary: boolean;
  /** The unified diff's hunks (from the first `@@`), empty for binary files. */
  patch: string;
}

const REF = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]{1,200}$/;
const SHA = /^[0-9a-f]{40}$/;
/** Files larger than this are offered as a download only, not read into the page. */
export const MAX_SHOWN_FILE_BYTES = 1024 * 1024;
const MAX_DIFF_BYTES = 2 * 1024 * 1024;

const gitCli = (gitdir: string, args: string[], options?: Parameters<typeof runGit>[1]) => runGit(['--git-dir', gitdir, ...args], options);

/** The repository's default branch (where HEAD points), such as `main`. */
export async function defaultBranch(gitdir: string): Promise<string> {
  const head = await fs.promises.readFile(path.join(gitdir, 'HEAD'), 'utf8');
  return /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1]?.trim() ?? 'main';
}

export async function listBranches(gitdir: string): Promise<string[]> {
  const { stdout } = await gitCli(gitdir, ['for-each-ref', '--format=%(refname:short)', '--sort=refname', 'refs/heads']);
  return stdout.toString('utf8').split('\n').filter(Boolean);
}

/** The commit an object id stands for: itself, or what an annotated tag points at. */
async function peelToCommit(gitdir: string, oid: string): Promise<string | undefined> {
  for (let depth = 0; depth < 5; depth++) {
    const object = await git.readObject({ fs, gitdir, oid, format: 'parsed' }).catch(() => undefined);
    if (!object) return undefined;
    if (object.type === 'commit') return oid;
    if (object.type !== 'tag') return undefined;
    oid = (object.object as { object: string }).object;
  }
  return undefined;
}

/**
 * The commit a branch, tag or full commit id names; undefined for a branch with no commits yet
 * (an empty repository). Throws NotFoundError for anything else, InputError for a malformed ref.
 * Reads run in process (isomorphic-git): a page asks several of these per view.
 */
export async function resolveRef(gitdir: string, ref: string): Promise<string | undefined> {
  if (!REF.test(ref)) throw new InputError(`"${ref}" is not a branch, tag or commit id`);
  if (SHA.test(ref)) {
    const commit = await peelToCommit(gitdir, ref);
    if (commit) return commit;
  } else {
    for (const candidate of [`refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const oid = await git.resolveRef({ fs, gitdir, ref: candidate }).catch(() => undefined);
      const commit = oid && (await peelToCommit(gitdir, oid));
      if (commit) return commit;
    }
  }
  if (ref === (await defaultBranch(gitdir)) && (await listBranches(gitdir)).length === 0) return undefined;
  throw new NotFoundError(`No branch, tag or commit named ${ref}`);
}

type TreeItem = { mode: string; path: string; oid: string; type: RepositoryTreeEntry['type'] };

/** The entries of the folder at `dir` ('' for the root) of a commit; undefined when there is no such folder. */
async function readFolder(gitdir: string, commit: string, dir: string): Promise<TreeItem[] | undefined> {
  try {
    const { tree } = await git.readTree({ fs, gitdir, oid: commit, ...(dir ? { filepath: dir } : {}) });
    return tree as TreeItem[];
  } catch {
    return undefined;
  }
}

/** What sits at `filePath` in the commit's tree: its object id, type and mode; undefined when nothing does. */
export async function entryAt(
  gitdir: string,
  commit: string,
  filePath: string,
): Promise<{ oid: string; type: RepositoryTreeEntry['type']; mode: string } | undefined> {
  const clean = cleanRepoPath(filePath);
  if (clean === '') return { oid: commit, type: 'tree', mode: '040000' };
  const folder = await readFolder(gitdir, commit, path.posix.dirname(clean) === '.' ? '' : path.posix.dirname(clean));
  const found = folder?.find(item => item.path === path.posix.basename(clean));
  return found ? { oid: found.oid, type: found.type, mode: found.mode } : undefined;
}

/** A folder's entries at a commit, folders first, then by name. */
export async function listTree(gitdir: string, commit: string, dirPath: string): Promise<RepositoryTreeEntry[]> {
  const clean = cleanRepoPath(dirPath);
  const entry = await entryAt(gitdir, commit, clean);
  if (!entry) throw new NotFoundError(`No folder ${clean} at this commit`);
  if (entry.type !== 'tree') throw new InputError(`${clean} is a file, not a folder`);
  const items = (await readFolder(gitdir, commit, clean)) ?? [];
  const entries: RepositoryTreeEntry[] = items.map(item => ({ name: item.path, path: clean ? `${clean}/${item.path}` : item.path, type: item.type }));
  const rank = (e: RepositoryTreeEntry) => (e.type === 'tree' ? 0 : 1);
  return entries.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** A file's bytes at a commit, up to `maxBytes`. */
export async function readBlob(
  gitdir: string,
  commit: string,
  filePath: string,
  maxBytes = MAX_SHOWN_FILE_BYTES,
): Promise<{ content: Buffer; size: number; truncated: boolean; mode: string }> {
  const clean = cleanRepoPath(filePath);
  const entry = await entryAt(gitdir, commit, clean);
  if (!entry || entry.type !== 'blob') throw new NotFoundError(`No file ${clean} at this commit`);
  const { blob } = await git.readBlob({ fs, gitdir, oid: entry.oid });
  const content = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  return { content: content.subarray(0, maxBytes), size: content.length, truncated: content.length > maxBytes, mode: entry.mode };
}

/** Whether bytes look like text: no NUL in the first 8000 bytes, as git itself decides. */
export function isText(content: Buffer): boolean {
  return !content.subarray(0, 8000).includes(0);
}

const FIELD = '\u001f';
const RECORD = '\u001e';

/** Commits reachable from `commit`, newest first, touching `filePath` when given. */
export async function listCommits(
  gitdir: string,
  commit: string,
  options: { path?: string; skip: number; limit: number },
): Promise<{ items: RepositoryCommitSummary[]; more: boolean }> {
  const clean = options.path ? cleanRepoPath(options.path) : '';
  const args = [
    'log',
    `--format=%H${FIELD}%an${FIELD}%ae${FIELD}%aI${FIELD}%s${FIELD}%b${RECORD}`,
    `--skip=${options.skip}`,
    `--max-count=${options.limit + 1}`,
    commit,
  ];
  if (clean) args.push('--', clean);
  const { stdout } = await gitCli(gitdir, args);
  const items = stdout
    .toString('utf8')
    .split(RECORD)
    .map(record => record.replace(/^\n/, ''))
    .filter(Boolean)
    .map(record => {
      const [sha, name, email, date, subject, body] = record.split(FIELD) as [string, string, string, string, string, string];
      return { sha, subject, body: body.trim(), author: { name, email }, date: new Date(date).toISOString() };
    });
  return { items: items.slice(0, options.limit), more: items.length > options.limit };
}

/** One commit with what it changed against its first parent (everything, for a first commit). */
export async function readCommitDiff(
  gitdir: string,
  sha: string,
): Promise<RepositoryCommitSummary & { parents: string[]; files: RepositoryFileChange[]; truncated: boolean }> {
  if (!SHA.test(sha)) throw new InputError(`"${sha}" is not a full commit id`);
  const commit = await resolveRef(gitdir, sha).catch(() => undefined);
  if (!commit) throw new NotFoundError(`No commit ${sha}`);
  const header = await gitCli(gitdir, ['show', '-s', `--format=%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%aI${FIELD}%s${FIELD}%b`, commit]);
  const [, parents, name, email, date, subject, body] = header.stdout.toString('utf8').split(FIELD) as [string, string, string, string, string, string, string];
  const diff = await gitCli(gitdir, ['show', '--format=', '--patch', '--no-color', '--no-ext-diff', '--find-renames', '--first-parent', '--root', commit], {
    maxBytes: MAX_DIFF_BYTES,
  });
  return {
    sha: commit,
    parents: parents.split(' ').filter(Boolean),
    subject,
    body: body.trim(),
    author: { name, email },
    date: new Date(date).toISOString(),
    files: parsePatch(diff.stdout.toString('utf8')),
    truncated: diff.truncated,
  };
}

/** Splits `git show --patch` output into one change per file. */
export function parsePatch(text: string): RepositoryFileChange[] {
  const files: RepositoryFileChange[] = [];
  for (const section of text.split(/^(?=diff --git )/m)) {
    if (!section.startsWith('diff --git ')) continue;
    const lines = section.split('\n');
    const hunkStart = lines.findIndex(line => line.startsWith('@@'));
    const head = hunkStart < 0 ? lines : lines.slice(0, hunkStart);
    const field = (prefix: string) => head.find(line => line.startsWith(prefix))?.slice(prefix.length);
    const unquote = (value: string | undefined) => value?.replace(/^"(.*)"$/, '$1');
    const from = unquote(field('rename from ')) ?? unquote(field('--- a/'));
    const to = unquote(field('rename to ')) ?? unquote(field('+++ b/'));
    const [, gitA, gitB] = /^diff --git a\/(.*) b\/(.*)$/.exec(lines[0]!) ?? [];
    const change: RepositoryFileChange['change'] =
      field('new file mode') !== undefined
        ? 'added'
        : field('deleted file mode') !== undefined
          ? 'deleted'
          : field('rename from ') !== undefined
            ? 'renamed'
            : 'modified';
    const pathNow = change === 'deleted' ? (from ?? gitA ?? '') : (to ?? gitB ?? '');
    files.push({
      path: pathNow,
      ...(change === 'renamed' ? { oldPath: from ?? gitA ?? '' } : {}),
      change,
      binary: head.some(line => line.startsWith('Binary files ')),
      patch: hunkStart < 0 ? '' : lines.slice(hunkStart).join('\n').replace(/\n$/, ''),
    });
  }
  return files;
}
