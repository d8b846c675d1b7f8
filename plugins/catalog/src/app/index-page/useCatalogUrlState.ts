import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FACETS, readFilterState, type CatalogFilterState, type FacetParam, type SortKey, type View } from './catalogFilters.js';

export const PAGE_SIZES = [20, 50, 100];

/** The whole view of the index page as the URL holds it: filters, sort and the page shown. */
export interface CatalogUrlState extends CatalogFilterState {
  /** Rows per page, always one of PAGE_SIZES. */
  limit: number;
  /** The server's cursor for the page shown; absent on the first page. */
  cursor?: string;
  /** Zero-based number of the page shown, for the "21–40 of 95" count. */
  pageIndex: number;
}

/** One thing a reader does to the view; each becomes an edit of the URL's search parameters. */
export type CatalogUrlChange =
  | { type: 'kind'; kind: string }
  | { type: 'view'; view: View }
  | { type: 'text'; text: string }
  | { type: 'facet'; param: FacetParam; values: string[] }
  | { type: 'clearFilters' }
  | { type: 'sort'; key: SortKey }
  | { type: 'limit'; limit: number }
  | { type: 'page'; cursor: string; pageIndex: number };

export function readCatalogUrlState(params: URLSearchParams): CatalogUrlState {
  const limit = Number(params.get('limit'));
  return {
    ...readFilterState(params, { kind: 'component' }),
    limit: PAGE_SIZES.includes(limit) ? limit : PAGE_SIZES[0]!,
    cursor: params.get('cursor') ?? undefined,
    pageIndex: Math.max(0, Number(params.get('page') ?? 0) || 0),
  };
}

/**
 * The search parameters after a change. Only the parameters the change is about are touched, so
 * anything else in the URL survives. Every change but paging starts again at the first page: a
 * cursor belongs to the query it came from.
 */
export function applyCatalogUrlChange(previous: URLSearchParams, change: CatalogUrlChange): URLSearchParams {
  const next = new URLSearchParams(previous);
  switch (change.type) {
    case 'kind':
      next.set('kind', change.kind);
      break;
    case 'view':
      if (change.view === 'all') next.delete('view');
      else next.set('view', change.view);
      break;
    case 'text':
      if (change.text) next.set('q', change.text);
      else next.delete('q');
      break;
    case 'facet':
      next.delete(change.param);
      for (const value of change.values) next.append(change.param, value);
      break;
    case 'clearFilters':
      for (const param of ['q', ...FACETS.map(f => f.param)]) next.delete(param);
      break;
    case 'sort': {
      // Sorting by the column already sorted ascending turns it round; any other column starts ascending.
      const sortedAscending = previous.get('sort') === change.key && previous.get('order') !== 'desc';
      next.set('sort', change.key);
      next.set('order', sortedAscending ? 'desc' : 'asc');
      break;
    }
    case 'limit':
      next.set('limit', String(change.limit));
      break;
    case 'page':
      next.set('cursor', change.cursor);
      next.set('page', String(change.pageIndex));
      return next;
  }
  next.delete('cursor');
  next.delete('page');
  return next;
}

export interface CatalogUrlControls {
  state: CatalogUrlState;
  setKind(kind: string): void;
  setView(view: View): void;
  setSearchText(text: string): void;
  setFacet(param: FacetParam, values: string[]): void;
  clearFilters(): void;
  toggleSort(key: SortKey): void;
  setLimit(limit: number): void;
  goToPage(cursor: string, pageIndex: number): void;
}

/**
 * The index page's view, read from and written to the URL, so a view can be shared as a link.
 * Every change pushes a history entry: the back button undoes the last filter, sort or page.
 */
export function useCatalogUrlState(): CatalogUrlControls {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readCatalogUrlState(params), [params]);
  return useMemo(() => {
    // Built from the parameters current when it runs, not from this render's: a debounced search
    // may land after other changes.
    const change = (c: CatalogUrlChange) => setParams(previous => applyCatalogUrlChange(previous, c), { replace: false });
    return {
      state,
      setKind: kind => change({ type: 'kind', kind }),
      setView: view => change({ type: 'view', view }),
      setSearchText: text => change({ type: 'text', text }),
      setFacet: (param, values) => change({ type: 'facet', param, values }),
      clearFilters: () => change({ type: 'clearFilters' }),
      toggleSort: key => change({ type: 'sort', key }),
      setLimit: limit => change({ type: 'limit', limit }),
      goToPage: (cursor, pageIndex) => change({ type: 'page', cursor, pageIndex }),
    };
  }, [state, setParams]);
}
