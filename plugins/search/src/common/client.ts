import { fetchJson } from '@portal/app-api';
import type { SearchQuery, SearchResultSet } from './types.js';

/** The query string of `GET /api/search/query`, in the bracket style Backstage's search client sends. */
export function searchQueryString(query: SearchQuery): string {
  const params = new URLSearchParams({ term: query.term });
  for (const type of query.types ?? []) params.append('types[]', type);
  for (const [field, value] of Object.entries(query.filters ?? {})) if (value) params.append(`filters[${field}]`, value);
  if (query.pageCursor) params.set('pageCursor', query.pageCursor);
  if (query.pageLimit) params.set('pageLimit', String(query.pageLimit));
  return params.toString();
}

/** Asks the portal's search; the caller's session cookie goes along. */
export function querySearch(query: SearchQuery, init: { signal?: AbortSignal } = {}): Promise<SearchResultSet> {
  return fetchJson<SearchResultSet>(`/api/search/query?${searchQueryString(query)}`, init);
}
