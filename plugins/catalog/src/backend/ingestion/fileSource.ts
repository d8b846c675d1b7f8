import fs from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { InputError } from '@portal/backend-common';
import type { LocationSource, TargetWithoutPresence } from './LocationSource.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** A `type: file` location: catalog files on the backend's own disk. */
export function createFileSource(target: string): LocationSource {
  const rootPath = path.resolve(target);
  return {
    rootPath,
    head: async () => undefined,
    prepare: async () => undefined,
    changes: async () => undefined,
    readFile: async file => {
      try {
        return await fs.readFile(file);
      } catch (error) {
        if (isAbsent(error)) return undefined;
        throw error;
      }
    },
    listFiles: async dir => {
      const out: string[] = [];
      await walk(path.resolve(dir || '/'), out);
      return out;
    },
    resolveTarget: (fromPath, value, type): TargetWithoutPresence => {
      if (type === 'url' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { kind: 'external', type: 'url', target: value };
      if (type && type !== 'file') throw new InputError(`Unknown location type "${type}"`);
      const resolved = path.resolve(path.dirname(fromPath), value);
      return picomatch.scan(value).isGlob ? { kind: 'glob', pattern: resolved } : { kind: 'path', path: resolved };
    },
    annotations: file => ({
      'backstage.io/managed-by-location': `file:${file}`,
    }),
  };
}

/** Codes of a path that is not there (or not a folder/file as asked): absent, not unreadable. */
const ABSENT_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function isAbsent(error: unknown): boolean {
  return ABSENT_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    // A folder that is not there matches nothing; one that cannot be read (EACCES, EIO) fails
    // the refresh, or its files would count as removed and their entities be deleted.
    if (isAbsent(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, out);
    } else if (entry.isFile()) {
      out.push(full);
    }
  }
}
