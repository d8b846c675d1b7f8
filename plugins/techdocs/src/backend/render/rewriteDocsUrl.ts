import { pagePathOf, resolveDocsLink } from './docsPaths.js';

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
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Rewrites a link or image URL written in a page into one that works in the portal: relative
 * `.md` links become reader routes, files become assets at the same commit. Absolute URLs are left
 * for the sanitiser to judge; targets outside docs_dir become inert.
 */
export function rewriteDocsUrl(url: string, tag: 'a' | 'img', context: DocsLinkContext): string {
  const trimmed = url.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('/') || HAS_SCHEME.test(trimmed)) return trimmed;
  const hashAt = trimmed.indexOf('#');
  const hash = hashAt >= 0 ? trimmed.slice(hashAt) : '';
  const pathPart = (hashAt >= 0 ? trimmed.slice(0, hashAt) : trimmed).split('?')[0]!;
  if (pathPart === '') return trimmed;
  const resolved = resolveDocsLink(context.file, safeDecode(pathPart));
  if (resolved === undefined) return '#';
  if (tag === 'img') return context.assetUrl(resolved);

  const { files } = context;
  if (/\.md$/i.test(resolved)) return context.pageUrl(pagePathOf(resolved), hash);
  if (files.has(`${resolved}.md`)) return context.pageUrl(resolved, hash);
  for (const index of ['index.md', 'README.md']) {
    const candidate = resolved === '' ? index : `${resolved}/${index}`;
    if (files.has(candidate)) return context.pageUrl(pagePathOf(candidate), hash);
  }
  return context.assetUrl(resolved);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
