import path from 'node:path';
import { pagePathOf, resolveDocsLink } from './docsPaths.js';

/** A link or image of a page that points inside the site, as the link check needs it. */
export interface DocsLink {
  /** As written in the page. */
  written: string;
  tag: 'a' | 'img';
  /** The page (path without `.md`) or file (path in docs_dir) it resolves to; neither when it leaves docs_dir. */
  page?: string;
  file?: string;
  /** The fragment without `#`, '' when none. */
  anchor: string;
}

/** Where a page sits and how to address other pages and files of the same site and commit. */
export interface DocsLinkContext {
  /** The page's Markdown file, relative to docs_dir. */
  file: string;
  /** Every file in docs_dir, relative to it. */
  files: ReadonlySet<string>;
  /** The reader route of a page, with the fragment (`''` or `#id`) appended. */
  pageUrl(pagePath: string, hash: string): string;
  /** The assets API URL of a file in docs_dir at this commit. */
  assetUrl(file: string): string;
  /** When given, every link inside the site is recorded here for the link check. */
  links?: DocsLink[];
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Rewrites a link or image URL written in a page into one that works in the portal: relative
 * `.md` links become reader routes, files become assets at the same commit. Absolute URLs are left
 * for the sanitiser to judge; targets outside docs_dir become inert.
 *
 * `fromDirectoryUrl`: the URL was written in raw HTML for MkDocs' directory URLs, where the page
 * `guide/setup.md` is served as `guide/setup/`, so `../img/a.png` means `guide/img/a.png`.
 */
export function rewriteDocsUrl(url: string, tag: 'a' | 'img', context: DocsLinkContext, fromDirectoryUrl = false): string {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('/') || HAS_SCHEME.test(trimmed)) return trimmed;
  if (trimmed.startsWith('#')) {
    context.links?.push({ written: trimmed, tag, page: pagePathOf(context.file), anchor: safeDecode(trimmed.slice(1)) });
    return trimmed;
  }
  const hashAt = trimmed.indexOf('#');
  const hash = hashAt >= 0 ? trimmed.slice(hashAt) : '';
  const pathPart = (hashAt >= 0 ? trimmed.slice(0, hashAt) : trimmed).split('?')[0]!;
  if (pathPart === '') return trimmed;
  const isIndex = /(^|\/)(index|README)\.md$/i.test(context.file);
  const from = fromDirectoryUrl && !isIndex ? `${pagePathOf(context.file)}/index.html` : context.file;
  const resolved = resolveDocsLink(from, safeDecode(pathPart));
  const record = (target: { page?: string; file?: string }) => context.links?.push({ written: trimmed, tag, anchor: safeDecode(hash.slice(1)), ...target });
  if (resolved === undefined) {
    record({});
    return '#';
  }
  if (tag === 'img') {
    record({ file: resolved });
    return context.assetUrl(resolved);
  }
  const page = pageOf(resolved, context.files);
  if (page !== undefined) {
    record({ page });
    return context.pageUrl(page, hash);
  }
  record({ file: resolved });
  return context.assetUrl(resolved);
}

/** The page a resolved link names: `a.md`, `a` (a directory URL) or a folder with an index. */
function pageOf(resolved: string, files: ReadonlySet<string>): string | undefined {
  if (/\.md$/i.test(resolved)) return pagePathOf(resolved);
  if (files.has(`${resolved}.md`)) return resolved;
  if (files.has(resolved)) return undefined;
  for (const index of ['index.md', 'README.md']) {
    const candidate = resolved === '' ? index : `${resolved}/${index}`;
    if (files.has(candidate)) return pagePathOf(candidate);
  }
  if (/\.html$/i.test(resolved) && files.has(resolved.replace(/\.html$/i, '.md'))) return resolved.replace(/\.html$/i, '');
  if (path.posix.extname(resolved) === '') return resolved;
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
