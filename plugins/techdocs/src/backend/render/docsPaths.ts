import path from 'node:path';
import { InputError } from '@portal/backend-common';

/**
 * Checks a page or asset path taken from a URL and returns it normalised (forward slashes, no
 * leading or trailing slash). Anything that could climb out of docs_dir is refused outright rather
 * than normalised away, so a crafted path never reaches a file reader.
 */
export function checkDocsPath(raw: string, what = 'path'): string {
  if (raw.includes('\0')) throw new InputError(`The ${what} must not contain NUL characters`);
  if (raw.includes('\\')) throw new InputError(`The ${what} must not contain backslashes`);
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw)) throw new InputError(`The ${what} must be relative`);
  const segments = raw.split('/');
  if (segments.some(s => s === '..' || s === '.')) throw new InputError(`The ${what} must not contain "." or ".." segments`);
  return segments.filter(s => s !== '').join('/');
}

/**
 * Resolves a link target relative to the folder of the page that holds it, inside docs_dir.
 * Returns undefined when the target would leave docs_dir.
 */
export function resolveDocsLink(fromFile: string, target: string): string | undefined {
  const base = path.posix.dirname(fromFile);
  const joined = path.posix.normalize(path.posix.join(base === '.' ? '' : base, target));
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** `guide/setup.md` → `guide/setup`: the page path used in reader URLs and the API. */
export function pagePathOf(markdownFile: string): string {
  return markdownFile.replace(/\.md$/i, '');
}

export function isMarkdownFile(file: string): boolean {
  return /\.md$/i.test(file);
}
