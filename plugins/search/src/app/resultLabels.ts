import type { SearchDocumentType, SearchResult } from '../common/index.js';

export const typeLabels: Record<SearchDocumentType, string> = {
  'software-catalog': 'Catalog',
  techdocs: 'Docs',
  templates: 'Templates',
};

/** The kinds the search page offers as a filter, as Backstage's catalog names them. */
export const searchKinds = ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User', 'Template', 'Location'];

/** A line under a result's title: where it is from and what it is. */
export function describeResult(result: SearchResult): string {
  const d = result.document;
  if (result.type === 'techdocs') return [d.siteName, d.pageTitle !== d.title ? d.pageTitle : undefined].filter(Boolean).join(' › ');
  return [d.type, d.owner?.replace(/^(group|user):default\//, '')].filter(Boolean).join(' · ');
}

/** The search page's address for a query. */
export function searchPagePath(query: string): string {
  return `/search?${new URLSearchParams({ query })}`;
}
