import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@portal/backend-common';

function isInside(base: string, candidate: string): boolean {
  const relative = path.relative(base, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Resolves a path an action was given against a directory it must not leave (the workspace).
 * Refuses absolute paths, `..` that climbs out, and symbolic links anywhere on the way that
 * point outside, dangling links included: writing through a dangling link would create its
 * target, wherever that is.
 */
export async function resolveSafeChildPath(base: string, target: string): Promise<string> {
  if (typeof target !== 'string' || target.includes('\0')) throw new InputError('A path must be a string without NUL characters');
  if (path.isAbsolute(target) || path.win32.isAbsolute(target)) {
    throw new InputError(`The path "${target}" must be relative to the task workspace`);
  }
  const resolved = path.resolve(base, target);
  if (!isInside(path.resolve(base), resolved)) throw new InputError(`The path "${target}" leaves the task workspace`);
  const realBase = await fs.promises.realpath(base);
  // Check the deepest part of the path that exists: everything below it will be created fresh.
  for (let current = resolved; ; current = path.dirname(current)) {
    try {
      await fs.promises.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && current !== path.dirname(current)) continue;
      throw error;
    }
    let real: string;
    try {
      real = await fs.promises.realpath(current);
    } catch {
      throw new InputError(`The path "${target}" goes through a symbolic link that points nowhere`);
    }
    if (!isInside(realBase, real)) {
      throw new InputError(`The path "${target}" leaves the task workspace through a symbolic link`);
    }
    return resolved;
  }
}

/** Writes a file inside the workspace, creating its folders; the path is checked first. */
export async function writeWorkspaceFile(base: string, target: string, content: Buffer | string, options: { executable?: boolean } = {}): Promise<string> {
  const file = await resolveSafeChildPath(base, target);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  // A symbolic link created after the check by another step would be followed: remove whatever
  // is there first, so the write always makes a plain file.
  await fs.promises.rm(file, { force: true });
  await fs.promises.writeFile(file, content, { flag: 'wx', mode: options.executable ? 0o755 : 0o644 });
  return file;
}

/** Every file below a directory, as relative paths with '/', without following symbolic links. */
export async function listWorkspaceFiles(dir: string, options: { includeSymlinks?: boolean } = {}): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string, prefix: string): Promise<void> => {
    const entries = await fs.promises.readdir(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(current, entry.name), relative);
      else if (entry.isFile() || (options.includeSymlinks && entry.isSymbolicLink())) out.push(relative);
    }
  };
  await walk(dir, '');
  return out;
}
