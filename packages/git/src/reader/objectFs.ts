import fs from 'node:fs';
import path from 'node:path';

const LOOSE_OBJECT = /\/objects\/([0-9a-f]{2})\/[0-9a-f]{38}$/;
// isomorphic-git only checks the code of a failed read, so one shared object does (no stack trace per miss).
const NOT_FOUND = Object.freeze({ code: 'ENOENT', message: 'no such object file' });
const NO_PATH = Object.freeze({ code: 'ERR_INVALID_ARG_TYPE', message: 'no path given' });

/**
 * The file system isomorphic-git reads a cache's objects through. Every object read first tries
 * the object's loose file, which a cache filled by fetches (packs only) never has: the folders of
 * loose objects are listed once, and reads in folders that did not exist fail at once instead of
 * costing a failed open each. Made anew after every fetch or rebuild (see GitReader.source), so
 * only a folder created by something else meanwhile could be missed.
 *
 * Every object read also lists the pack folder. That listing is shared by all reads that start in
 * the same turn of the event loop (a batch of files read at once) and asked for again in the next
 * turn, so a cache deleted or emptied meanwhile is noticed on the next read instead of being
 * answered from packs still held in memory.
 */
export function createObjectFs(gitdir: string): typeof fs {
  const objectsDir = path.join(gitdir, 'objects');
  const packDir = path.join(objectsDir, 'pack');
  let looseDirs: Promise<Set<string>> | undefined;
  const listLooseDirs = () =>
    (looseDirs ??= fs.promises
      .readdir(objectsDir)
      .then(names => new Set(names.filter(name => /^[0-9a-f]{2}$/.test(name))))
      .catch(() => new Set<string>()));

  let gitdirStat: Promise<fs.Stats> | undefined;
  let turn: { packs?: Promise<string[]> } | undefined;
  const thisTurn = () => {
    if (!turn) {
      turn = {};
      setImmediate(() => (turn = undefined));
    }
    return turn;
  };

  const readFile = (async (file: string, options?: unknown) => {
    // isomorphic-git calls readFile() without a path on every command to learn whether it returns
    // a promise; answering without a real call spares building an error with a stack each time.
    if (file === undefined) throw NO_PATH;
    const loose = LOOSE_OBJECT.exec(String(file));
    if (loose && !(await listLooseDirs()).has(loose[1]!)) throw NOT_FOUND;
    return fs.promises.readFile(file, options as never);
  }) as typeof fs.promises.readFile;

  // Asked only to learn whether the repository is a folder or a `.git` file pointing elsewhere,
  // which a cache folder never stops being; a missing cache shows in the pack listing instead.
  const stat = ((file: string, options?: unknown) => {
    if (file !== gitdir || options !== undefined) return fs.promises.stat(file, options as never);
    if (gitdirStat) return gitdirStat;
    const pending = fs.promises.stat(file);
    pending.then(
      stats => {
        if (stats.isDirectory()) gitdirStat = pending;
      },
      () => {},
    );
    return pending;
  }) as typeof fs.promises.stat;

  const readdir = (async (dir: string, options?: unknown) => {
    if (dir !== packDir || options !== undefined) return fs.promises.readdir(dir, options as never);
    const current = thisTurn();
    // isomorphic-git sorts the listing in place, so each caller gets its own copy.
    return [...(await (current.packs ??= fs.promises.readdir(dir)))];
  }) as typeof fs.promises.readdir;

  return { ...fs, promises: { ...fs.promises, readFile, stat, readdir } } as typeof fs;
}
