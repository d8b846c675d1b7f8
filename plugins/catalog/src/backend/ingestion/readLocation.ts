import picomatch from 'picomatch';
import type { DbLocationFileRow, TargetDecl } from '../database/tables.js';
import type { FileChange, LocationSource } from './LocationSource.js';
import { hashOf } from './processFile.js';
import type { FileProblem, LocationWalk, ProcessedFile } from './types.js';

/** A targeted file that does not exist is stored with this hash, so its error leaves with its target. */
export const MISSING_FILE_HASH = '';

/** Edited files a push may have for readEditedFiles to take it. */
const MAX_EDITED_FILES = 200;

/** A file as last processed: what the next refresh compares against. */
type StoredFile = Pick<DbLocationFileRow, 'hash' | 'has_errors' | 'targets'>;

export interface ReadLocationOptions {
  source: LocationSource;
  /** The location's files as last processed, by path. */
  stored: Map<string, StoredFile>;
  /** Paths changed since the last refresh; undefined to look at every file (compared by hash). */
  changes: Map<string, FileChange> | undefined;
  /** Process every file, even one whose content is unchanged (the location's kind rules changed). */
  reprocess?: boolean;
  process(path: string, text: string, hash: string): ProcessedFile;
  /** Receives each new or changed file once processed; the walk waits for it before reading on. */
  emit(file: ProcessedFile): Promise<void> | void;
  maxFiles: number;
  concurrency: number;
}

interface Visit {
  path: string;
  optional: boolean;
  viaGlob: boolean;
}

/**
 * Walks a location's files from its root through the targets of its Location entities and reads
 * only what may have changed: with a list of changed paths, only those paths and newly targeted
 * files; without one, every file, skipping those whose content hash is unchanged. Unchanged files
 * contribute their stored targets, so the walk never re-reads them.
 */
export async function readLocation(options: ReadLocationOptions): Promise<LocationWalk> {
  const { source, stored, changes } = options;
  const full = changes === undefined;
  const added = full ? [] : [...changes].filter(([, c]) => c === 'added').map(([p]) => p);
  const storedPaths = [...stored.keys()];
  const missingFiles: FileProblem[] = [];
  const locationProblems: FileProblem[] = [];
  const kept = new Set<string>();
  const targetsOf = new Map<string, TargetDecl[]>();
  const listings = new Map<string, Promise<string[]>>();
  const queued = new Set<string>([source.rootPath]);
  let anyRewritten = false;

  const visit = async (item: Visit): Promise<TargetDecl[]> => {
    const before = stored.get(item.path);
    const mustRead = full || !before || changes.has(item.path);
    if (!mustRead) {
      kept.add(item.path);
      return before.targets ?? [];
    }
    const file = await readIfChanged(source, item.path, before, options.process, options.reprocess ?? false);
    if (!file) {
      if (item.optional || item.viaGlob) return [];
      kept.add(item.path);
      // The registered file itself has no presence to mark optional: say only that it is missing.
      const message =
        item.path === source.rootPath
          ? `${item.path} does not exist: check the path and branch in the URL`
          : `${item.path} does not exist; mark the target \`presence: optional\` if it may be missing`;
      missingFiles.push({ file: item.path, type: 'read', message });
      anyRewritten = true;
      return [];
    }
    kept.add(item.path);
    if (file === 'unchanged') return before?.targets ?? [];
    if (!file.keepAll) anyRewritten = true;
    const targets = file.targets;
    await options.emit(file);
    return targets;
  };

  const expand = async (declaring: string, target: TargetDecl): Promise<Visit[]> => {
    if (target.kind === 'external') return [];
    if (target.kind === 'path') return [{ path: target.path, optional: target.optional, viaGlob: false }];
    const isMatch = picomatch(target.pattern, { dot: false });
    const knownGlob = stored.get(declaring)?.targets?.some(t => t.kind === 'glob' && t.pattern === target.pattern);
    let candidates: string[];
    if (!full && knownGlob) {
      // The glob was expanded before: its matches are what we stored plus what was added since.
      candidates = [...storedPaths, ...added];
    } else {
      const base = picomatch.scan(target.pattern).base;
      if (!listings.has(base)) listings.set(base, source.listFiles(base));
      candidates = await listings.get(base)!;
    }
    return candidates.filter(p => isMatch(p)).map(p => ({ path: p, optional: true, viaGlob: true }));
  };

  let frontier: Visit[] = [{ path: source.rootPath, optional: false, viaGlob: false }];
  while (frontier.length > 0) {
    const next: Visit[] = [];
    await forEachLimited(frontier, options.concurrency, async item => {
      const targets = await visit(item);
      targetsOf.set(item.path, targets);
      for (const target of targets) {
        for (const child of await expand(item.path, target)) {
          if (queued.has(child.path)) continue;
          if (queued.size >= options.maxFiles) {
            locationProblems.push({ file: '', type: 'location', message: `The location names more than ${options.maxFiles} files; the rest were not read` });
            return;
          }
          queued.add(child.path);
          next.push(child);
        }
      }
    });
    frontier = next;
  }

  const removedFiles = storedPaths.filter(p => !kept.has(p));
  let externalTargets: LocationWalk['externalTargets'];
  if (anyRewritten || removedFiles.length > 0) {
    const seen = new Map<string, { type: 'url' | 'file'; target: string }>();
    for (const [p, targets] of targetsOf) {
      if (!kept.has(p)) continue;
      for (const t of targets) if (t.kind === 'external') seen.set(`${t.type}:${t.target}`, { type: t.type, target: t.target });
    }
    externalTargets = [...seen.values()];
  }
  return { removedFiles, missingFiles, externalTargets, locationProblems };
}

/**
 * The refresh of a push that only edited files the location already has, none of which declares
 * targets: which files belong to the location cannot have changed, so only the edited ones are
 * read, and the location's other files are never listed or walked. Returns undefined when the push
 * may change which files belong to it — a file added, deleted or renamed, a file with targets
 * edited, a missing target, or an edited file that now declares targets — and the caller walks.
 */
export async function readEditedFiles(options: {
  source: LocationSource;
  changes: Map<string, FileChange>;
  /** The stored rows of these paths; paths the location does not have are left out. */
  storedOf(paths: string[]): Promise<ReadLocationOptions['stored']>;
  process: ReadLocationOptions['process'];
}): Promise<ProcessedFile[] | undefined> {
  // Larger pushes take the walk, which writes as it reads instead of holding every file.
  if (options.changes.size > MAX_EDITED_FILES) return undefined;
  if ([...options.changes.values()].some(change => change !== 'modified')) return undefined;
  const stored = await options.storedOf([...options.changes.keys()]);
  if ([...stored.values()].some(before => before.targets || before.hash === MISSING_FILE_HASH)) return undefined;
  const files: ProcessedFile[] = [];
  for (const [path, before] of stored) {
    const file = await readIfChanged(options.source, path, before, options.process, false);
    if (!file) return undefined;
    if (file === 'unchanged') continue;
    if (file.targets.length > 0) return undefined;
    files.push(file);
  }
  return files;
}

/**
 * Reads a file and processes it unless its content is the stored one and had no problems (or
 * `always` says to): undefined when the file does not exist. A file that cannot be parsed keeps its last targets, so
 * the files it named stay too; one that cannot be read throws, and the refresh fails before deleting anything.
 */
async function readIfChanged(
  source: LocationSource,
  path: string,
  before: StoredFile | undefined,
  process: ReadLocationOptions['process'],
  always: boolean,
): Promise<ProcessedFile | 'unchanged' | undefined> {
  const bytes = await source.readFile(path);
  if (!bytes) return undefined;
  const hash = hashOf(bytes);
  if (!always && before && before.hash === hash && !before.has_errors) return 'unchanged';
  const file = process(path, bytes.toString('utf8'), hash);
  if (file.keepAll) file.targets = before?.targets ?? [];
  return file;
}

/**
 * Runs `fn` over the items, `limit` at a time. After a failure (a file that cannot be read) no new
 * item starts, and the failure is thrown once the items under way have finished: the walk runs in
 * the write transaction, which must not roll back while a file is still being handed to it.
 */
async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let index = 0;
  let failure: { error: unknown } | undefined;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failure && index < items.length) {
      try {
        await fn(items[index++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure.error;
}
