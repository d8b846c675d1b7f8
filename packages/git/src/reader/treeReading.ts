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
/** Trees at least this large keep their stored form for the next diff… */
export const RAW_TREE_MIN_BYTES = 64 * 1024;
/** …up to this many bytes in all, across every repository. */
const RAW_TREES_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The stored form of the widest trees read lately, by id, for every cache of the process (an id
 * names its contents, whichever repository holds it): the next push's diff compares them with
 * their new version byte for byte, without parsing either. `scans` counts the name lookups made
 * in the bytes without an index (see treeEntryNamed).
 */
const rawTrees = new Map<string, { raw: Buffer; scans: number }>();
let rawTreesBytes = 0;

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

/** A tree object's stored bytes: entries of `<mode> <name>\0<20-byte id>`, sorted the way git sorts them. */
async function readRawTree(source: TreeSource, oid: string): Promise<Buffer> {
  const kept = rawTrees.get(oid);
  if (kept) return kept.raw;
  const { type, object } = await git.readObject({ fs: source.fs, gitdir: source.gitdir, oid, cache: source.cache, format: 'content' });
  if (type !== 'tree') throw new InputError(`Object ${oid} is a ${type}, not a tree`);
  const bytes = object as Uint8Array;
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  keepRawTree(oid, raw);
  return raw;
}

/** Keeps a tree's stored bytes if it is wide enough, forgetting the oldest beyond the budget. */
export function keepRawTree(oid: string, raw: Buffer): void {
  if (raw.length < RAW_TREE_MIN_BYTES || raw.length > RAW_TREES_MAX_BYTES || rawTrees.has(oid)) return;
  // A view of a larger buffer would keep all of it alive: keep a copy of just the tree.
  const own = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? raw : Buffer.from(raw);
  rawTrees.set(oid, { raw: own, scans: 0 });
  rawTreesBytes += own.length;
  // Oldest first: Maps iterate in insertion order.
  for (const [key, kept] of rawTrees) {
    if (rawTreesBytes <= RAW_TREES_MAX_BYTES) break;
    rawTrees.delete(key);
    rawTreesBytes -= kept.raw.length;
  }
}

/** Where each part of the tree entry starting at `start` lies. */
interface RawEntry {
  nameStart: number;
  nameEnd: number;
  end: number;
  mode: string;
}

function rawEntryAt(raw: Buffer, start: number, treeOid: string): RawEntry {
  const space = raw.indexOf(0x20, start);
  const nul = space < 0 ? -1 : raw.indexOf(0, space + 1);
  if (space < 0 || nul < 0 || nul + 21 > raw.length) throw new InputError(`The tree ${treeOid} is damaged`);
  const mode = raw.toString('latin1', start, space);
  return { nameStart: space + 1, nameEnd: nul, end: nul + 21, mode: mode.length === 5 ? `0${mode}` : mode };
}

function typeOfMode(mode: string): TreeEntry['type'] {
  return mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
}

function entryOf(raw: Buffer, at: RawEntry): TreeEntry {
  return { path: raw.toString('utf8', at.nameStart, at.nameEnd), oid: raw.toString('hex', at.nameEnd + 1, at.end), mode: at.mode, type: typeOfMode(at.mode) };
}

function parseTree(raw: Buffer, oid: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (let i = 0; i < raw.length;) {
    const at = rawEntryAt(raw, i, oid);
    entries.push(entryOf(raw, at));
    i = at.end;
  }
  return entries;
}

/** Where the name of the tree entry starting at `start` ends (its NUL byte; the id follows). */
function nameEndAt(raw: Buffer, start: number, treeOid: string): number {
  let k = start;
  while (k < raw.length && raw[k] !== 0) k++;
  if (k + 21 > raw.length) throw new InputError(`The tree ${treeOid} is damaged`);
  return k;
}

/** The mode of a folder is `40000`: five bytes and a space. */
function isFolderAt(raw: Buffer, start: number): boolean {
  return raw[start] === 0x34 && raw[start + 5] === 0x20;
}

/**
 * Git's order of tree entries: names compared byte for byte, a folder's name as if it ended in
 * `/`. Takes the offsets where the entries start and where their names end; negative when the
 * entry of `a` comes first.
 */
function compareEntryNames(a: Buffer, x: number, xEnd: number, b: Buffer, y: number, yEnd: number): number {
  let p = a.indexOf(0x20, x) + 1;
  let q = b.indexOf(0x20, y) + 1;
  for (; p < xEnd && q < yEnd; p++, q++) {
    if (a[p] !== b[q]) return a[p]! - b[q]!;
  }
  const nextA = p < xEnd ? a[p]! : isFolderAt(a, x) ? 0x2f : 0;
  const nextB = q < yEnd ? b[q]! : isFolderAt(b, y) ? 0x2f : 0;
  return nextA - nextB;
}

async function readTreeEntries(source: TreeSource, oid: string): Promise<TreeEntry[]> {
  const cached = source.trees.get(oid);
  if (cached) return cached;
  const tree = parseTree(await readRawTree(source, oid), oid);
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

/**
 * Looking up a name in a wide folder's stored bytes is cheaper than building the folder's index
 * for the first few lookups (a push that edits a file or two); a walk that reads the whole folder
 * gets the index after these.
 */
const SCANS_BEFORE_INDEX = 8;

async function treeEntryNamed(source: TreeSource, oid: string, name: string): Promise<TreeEntry | undefined> {
  const kept = source.treeIndexes?.has(oid) ? undefined : rawTrees.get(oid);
  if (kept && kept.scans < SCANS_BEFORE_INDEX) {
    kept.scans++;
    return scanRawTree(kept.raw, oid, Buffer.from(name));
  }
  return (await treeIndex(source, oid)).get(name);
}

/** The entry of a stored tree with the given name, found by walking its entries. */
function scanRawTree(raw: Buffer, oid: string, name: Buffer): TreeEntry | undefined {
  for (let i = 0; i < raw.length;) {
    const nameEnd = nameEndAt(raw, i, oid);
    const nameStart = raw.indexOf(0x20, i) + 1;
    if (nameEnd - nameStart === name.length && raw.compare(name, 0, name.length, nameStart, nameEnd) === 0) {
      return entryOf(raw, rawEntryAt(raw, i, oid));
    }
    i = nameEnd + 21;
  }
  return undefined;
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
 * reading the trees on its path, not the whole repository. Both trees are walked side by side in
 * their stored order, and entries whose bytes are equal (most of a folder of 100,000 services)
 * are passed over without being parsed.
 */
export async function diffTrees(source: TreeSource, from: string | undefined, to: string | undefined, prefix: string): Promise<PathChange[]> {
  if (from === to) return [];
  const empty = Buffer.alloc(0);
  const [a, b] = await Promise.all([from ? readRawTree(source, from) : empty, to ? readRawTree(source, to) : empty]);
  const pairs = pairDifferingEntries(a, from ?? '', b, to ?? '');
  // A tree out of git's order cannot be walked side by side; compare it by name instead.
  if (!pairs) return diffTreesByName(source, from ? parseTree(a, from) : [], to ? parseTree(b, to) : [], prefix);
  const results = await Promise.all(pairs.map(([before, after]) => diffEntry(source, before, after, prefix)));
  return results.flat();
}

/**
 * The entries that differ between two stored trees, as (before, after) pairs of the same name
 * and kind; undefined when either tree is not in git's order. Equal entries cost a byte
 * comparison: nothing is decoded for them.
 */
function pairDifferingEntries(a: Buffer, aOid: string, b: Buffer, bOid: string): Array<[TreeEntry | undefined, TreeEntry | undefined]> | undefined {
  const pairs: Array<[TreeEntry | undefined, TreeEntry | undefined]> = [];
  // Offsets of the current entries, where their names end, and the same for the entries before them.
  let i = 0;
  let j = 0;
  let prevI = -1;
  let prevINameEnd = -1;
  let prevJ = -1;
  let prevJNameEnd = -1;
  while (i < a.length || j < b.length) {
    const iNameEnd = i < a.length ? nameEndAt(a, i, aOid) : -1;
    const jNameEnd = j < b.length ? nameEndAt(b, j, bOid) : -1;
    if (iNameEnd >= 0 && prevI >= 0 && compareEntryNames(a, prevI, prevINameEnd, a, i, iNameEnd) >= 0) return undefined;
    if (jNameEnd >= 0 && prevJ >= 0 && compareEntryNames(b, prevJ, prevJNameEnd, b, j, jNameEnd) >= 0) return undefined;
    let order = iNameEnd >= 0 ? -1 : 1;
    if (iNameEnd >= 0 && jNameEnd >= 0) {
      const length = iNameEnd + 21 - i;
      if (length === jNameEnd + 21 - j && a.compare(b, j, j + length, i, i + length) === 0) {
        // Same mode, name and id: nothing changed under this entry.
        order = 0;
      } else {
        order = compareEntryNames(a, i, iNameEnd, b, j, jNameEnd);
        pairs.push([order <= 0 ? entryOf(a, rawEntryAt(a, i, aOid)) : undefined, order >= 0 ? entryOf(b, rawEntryAt(b, j, bOid)) : undefined]);
      }
    } else {
      pairs.push([order < 0 ? entryOf(a, rawEntryAt(a, i, aOid)) : undefined, order > 0 ? entryOf(b, rawEntryAt(b, j, bOid)) : undefined]);
    }
    if (order <= 0) {
      prevI = i;
      prevINameEnd = iNameEnd;
      i = iNameEnd + 21;
    }
    if (order >= 0) {
      prevJ = j;
      prevJNameEnd = jNameEnd;
      j = jNameEnd + 21;
    }
  }
  return pairs;
}

/** The changes under one name that differs between two trees. */
async function diffEntry(source: TreeSource, a: TreeEntry | undefined, b: TreeEntry | undefined, prefix: string): Promise<PathChange[]> {
  const name = (a ?? b)!.path;
  const path = prefix ? `${prefix}/${name}` : name;
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
}

/** The same comparison for trees that are not in git's order, matched by name. */
async function diffTreesByName(source: TreeSource, before: TreeEntry[], after: TreeEntry[], prefix: string): Promise<PathChange[]> {
  const beforeByName = new Map(before.map(entry => [entry.path, entry]));
  const afterByName = new Map(after.map(entry => [entry.path, entry]));
  const names = new Set<string>();
  for (const [name, b] of afterByName) {
    const a = beforeByName.get(name);
    if (!a || a.oid !== b.oid || a.mode !== b.mode) names.add(name);
  }
  for (const name of beforeByName.keys()) if (!afterByName.has(name)) names.add(name);
  const results = await Promise.all([...names].map(name => diffEntry(source, beforeByName.get(name), afterByName.get(name), prefix)));
  return results.flat();
}
