import type { DocsEntityName } from '../common/index.js';

/** The standalone reader's route of an entity's docs, as the server writes it into page links. */
export function docsSiteRoute({ namespace, kind, name }: DocsEntityName): string {
  return `/docs/${[namespace, kind.toLowerCase(), name].map(encodeURIComponent).join('/')}`;
}

/** The entity page's Docs tab, where the same pages are shown inside the catalog. */
export function entityDocsRoute({ namespace, kind, name }: DocsEntityName): string {
  return `/catalog/${[namespace, kind.toLowerCase(), name].map(encodeURIComponent).join('/')}/docs`;
}

/**
 * Moves a link to a page of the site at `from` under `to`, keeping the page path and fragment;
 * any other link (another entity's docs, an asset, an external page) is returned unchanged.
 * Entity names compare case-insensitively, as the catalog treats them.
 */
export function rerouteDocsLink(href: string, from: string, to: string): string {
  if (from === to) return href;
  const head = href.slice(0, from.length);
  const next = href.charAt(from.length);
  if (head.toLowerCase() !== from.toLowerCase() || (next !== '' && next !== '/' && next !== '#' && next !== '?')) return href;
  return to + href.slice(from.length);
}
