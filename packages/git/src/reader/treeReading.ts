import fs from 'node:fs';
import { InputError } from '@portal/backend-common';
import git from 'isomorphic-git';

/** isomorphic-git's object cache for one repository cache directory. */
export type ObjectCache = object;

export interface TreeSource {
  gitdir: string;
  cache: ObjectCache;
  /** The file system object reads go through (see createObjectFs). */
  fs: typeof fs;
  /**
   * Parsed trees by id. Git objects never change, so this is always right; it saves inflating
   * the same folders again for every file read at a commit.
   */
  trees: Map<string, TreeEntry[]>;
  /** Entries of the cached trees by name, built on first lookup: folders can hold 100,000 entries. */
  treeIndexes?: Map<string, Promise<Map<string, TreeEntry>>>;
  /** Root tree ids by commit id, for the same reason. */
  commitTrees: Map<string, string>;
}

const MAX_CACHED_TREES = 20_000;

/** Normalises a repo-relative path: no leading or trailing slashes, no `.` or `..` segments. */
export function cleanRepoPath(path: string): string {
  const segments = path.split('/').filter(segment => segment !== '' && segment !== '.');
  if (segments.some(segment => segment === '..' || segment.includes('\0'))) {
    throw new InputError(`The path "${path}" leaves the repository`);
  }
  return segments.join('/');
}

export async function hasObject(source: TreeSource, oid: string): Promise<boolean> {
  try {
    await git.readObject({ fs: source.fs, gitdir: source.gitdir, oid, cache: source.cache, format: 'deflated' });
    return true;
  } catch {
    return false;
  }
}

/** True when the commit and its root tree are readable, the two things every read starts from. */
export async function hasCommit(source: TreeSource, oid: string): Promise<boolean> {
  try {
    const { commit } = await git.readCommit({ fs: source.fs, gitdir: source.gitdir, oid, cache: source.cache });
    return await hasObject(source, commit.tree);
  } catch {
    return false;
  }
}

export type TreeEntry = { path: string; oid: string; type: 'blob' | 'tree' | 'commit'; mode: string };

async function readTreeEntries(source: TreeSource, oid: string): Promise<TreeEntry[]> {
  const cached = source.trees.get(oid);
  if (cached) return cached;
  const { tree } = await git.readTree({ fs: source.fs, gitdir: source.gitdir, oid, cache: source.cache });
  if (source.trees.size >= MAX_CACHED_TREES) {
    source.trees.clear();
    source.treeIndexes?.clear();
  }
  source.trees.set(oid, tree);
  return tree;
}

/** A tree's entries by name, built once per tree and shared by the reads that ask at the same time. */
function treeIndex(source: TreeSource, oid: string): Promise<Map<string, TreeEntry>> {
  const indexes = (source.treeIndexes ??= new Map());
  let index = indexes.get(oid);
  if (!index) {
    // Files of one folder are read side by side: the first read builds the folder's index and
    // the others wait for it, instead of each building its own.
    index = readTreeEntries(source, oid).then(entries => new Map(entries.map(entry => [entry.path, entry])));
    indexes.set(oid, index);
    index.catch(() => {
      if (indexes.get(oid) === index) indexes.delete(oid);
    });
  }
  return index;
}

async function treeEntryNamed(source: TreeSource, oid: string, name: string): Promise<TreeEntry | undefined> {
  return (await treeIndex(source, oid)).get(name);
}

/** The tree of a commit. */
export async function commitTree(source: TreeSource, commit: string): Promise<string> {
  const cached = source.commitTrees.get(commit);
  if (cached) return cached;
  const { commit: parsed } = await git.readCommit({ fs: source.fs, gitdir: source.gitdir, oid: commit, cache: source.cache });
  if (source.commitTrees.size >= MAX_CACHED_TREES) source.commitTrees.clear();
  source.commitTrees.set(commit, parsed.tree);
  return parsed.tree;
}

/** Walks from a tree to the entry at a repo-relative path; undefined when nothing is there. */
export async function findEntry(source: TreeSource, treeOid: string, filepath: string): Promise<{ oid: string; type: TreeEntry['type'] } | undefined> {
  let current: { oid: string; type: TreeEntry['type'] } = { oid: treeOid, type: 'tree' };
  for (const segment of filepath.split('/').filter(Boolean)) {
    if (current.type !== 'tree') return undefined;
    const entry = await treeEntryNamed(source, current.oid, segment);
    if (!entry) return undefined;
    current = entry;
  }
  return current;
}

/** Every file (blobs and symlinks; not submodules) under a tree, as paths joined to `prefix`. */
export async function listTreeFiles(source: TreeSource, treeOid: string, prefix: string): Promise<string[]> {
  const entries = await readTreeEntries(source, treeOid);
  const nested = await Promise.all(
    entries.map(async entry => {
      const path = prefix ? `${prefix}/${entry.path}` : entry.path;
      if (entry.type === 'tree') return listTreeFiles(source, entry.oid, path);
      return entry.type === 'blob' ? [path] : [];
    }),
  );
  return nested.flat();
}

export type PathChange = { path: string; change: 'added' | 'modified' | 'deleted' };

/**
 * Compares two trees, descending only into subtrees whose ids differ: a change to one file costs
 * reading the trees on its path, not the whole repository.
 */
export async function diffTrees(source: TreeSource, from: string | undefined, to: string | undefined, prefix: string): Promise<PathChange[]> {
  if (from === to) return [];
  const empty = new Map<string, TreeEntry>();
  const beforeByName = from ? await treeIndex(source, from) : empty;
  const afterByName = to ? await treeIndex(source, to) : empty;
  // Folders can hold 100,000 entries of which a push changes one: compare ids first and look
  // only at the names that differ.
  const changed: string[] = [];
  for (const [name, b] of afterByName) {
    const a = beforeByName.get(name);
    if (!a || a.oid !== b.oid || a.mode !== b.mode || a.type !== b.type) changed.push(name);
  }
  for (const name of beforeByName.keys()) if (!afterByName.has(name)) changed.push(name);
  changed.sort();
  const results = await Promise.all(
    changed.map(async (name): Promise<PathChange[]> => {
      const path = prefix ? `${prefix}/${name}` : name;
      const a = beforeByName.get(name);
      const b = afterByName.get(name);
      const aTree = a?.type === 'tree' ? a.oid : undefined;
      const bTree = b?.type === 'tree' ? b.oid : undefined;
      const aFile = a?.type === 'blob' ? a : undefined;
      const bFile = b?.type === 'blob' ? b : undefined;
      const changes: PathChange[] = [];
      if (aFile && bFile) {
        if (aFile.oid !== bFile.oid || aFile.mode !== bFile.mode) changes.push({ path, change: 'modified' });
      } else if (aFile) {
        changes.push({ path, change: 'deleted' });
      } else if (bFile) {
        changes.push({ path, change: 'added' });
      }
      if (aTree || bTree) changes.push(...(await diffTrees(source, aTree, bTree, path)));
      return changes;
    }),
  );
  return results.flat();
}
