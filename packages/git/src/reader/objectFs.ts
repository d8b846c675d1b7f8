import fs from 'node:fs';
import path from 'node:path';

const LOOSE_OBJECT = /\/objects\/([0-9a-f]{2})\/[0-9a-f]{38}$/;
// isomorphic-git only checks the code of a failed read, so one shared object does (no stack trace per miss).
const NOT_FOUND = Object.freeze({ code: 'ENOENT', message: 'no such object file' });

/**
 * The file system isomorphic-git reads a cache's objects through. Every object read first tries
 * the object's loose file, which a cache filled by fetches (packs only) never has: the folders of
 * loose objects are listed once, and reads in folders that did not exist fail at once instead of
 * costing a failed open each. Made anew after every fetch or rebuild (see GitReader.source), so
 * only a folder created by something else meanwhile could be missed.
 */
export function createObjectFs(gitdir: string): typeof fs {
  const objectsDir = path.join(gitdir, 'objects');
  let looseDirs: Promise<Set<string>> | undefined;
  const listLooseDirs = () =>
    (looseDirs ??= fs.promises
      .readdir(objectsDir)
      .then(names => new Set(names.filter(name => /^[0-9a-f]{2}$/.test(name))))
      .catch(() => new Set<string>()));

  const readFile = (async (file: string, options?: unknown) => {
    const loose = LOOSE_OBJECT.exec(String(file));
    if (loose && !(await listLooseDirs()).has(loose[1]!)) throw NOT_FOUND;
    return fs.promises.readFile(file, options as never);
  }) as typeof fs.promises.readFile;
  return { ...fs, promises: { ...fs.promises, readFile } } as typeof fs;
}
