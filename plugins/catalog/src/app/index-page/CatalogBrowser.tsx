import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { PageLayout } from '@portal/app-api';
import type { EntityQueryRequest } from '../../common/index.js';
import { useEntityFacets, useEntityQuery, useOwnershipRefs } from '../api.js';
import { useStarredEntities } from '../useStarredEntities.js';
import { buildFilter, FACETS, SORTS, type FacetParam } from './catalogFilters.js';
import { CatalogFilterPanel } from './CatalogFilterPanel.js';
import { CatalogResults } from './CatalogResults.js';
import { TABLE_FIELDS } from './EntityTable.js';
import { KindTabs } from './KindTabs.js';
import { useCatalogUrlState, type CatalogUrlState } from './useCatalogUrlState.js';

export interface CatalogBrowserProps {
  title: string;
  subtitle: ReactNode;
  /** Shows only this kind, without kind tabs (the APIs page). */
  fixedKind?: string;
  facets: readonly FacetParam[];
  actions?: ReactNode;
  empty: ReactNode;
}

const NO_FACETS_SELECTED = { type: [], owner: [], lifecycle: [], tag: [], namespace: [] };

/** The page request: a cursor carries its query with it, so only the first page sends the filters. */
function pageRequest(state: CatalogUrlState, filter: NonNullable<EntityQueryRequest['filter']>) {
  const { cursor, limit } = state;
  if (cursor) return { cursor, limit, fields: TABLE_FIELDS };
  return {
    filter,
    limit,
    fields: TABLE_FIELDS,
    orderFields: state.sort ? [{ field: SORTS[state.sort.key], order: state.sort.order }] : undefined,
    fullTextFilter: state.text ? { term: state.text } : undefined,
  };
}

/**
 * A server-paginated, filterable view of the catalog. Everything that defines the view (kind,
 * facets, text, "owned / starred / all", sort, page) lives in the URL, so a view can be shared.
 */
export function CatalogBrowser({ title, subtitle, fixedKind, facets, actions, empty }: CatalogBrowserProps) {
  const url = useCatalogUrlState();
  const { state } = url;
  const ownership = useOwnershipRefs();
  const { starred } = useStarredEntities();
  const context = { ownershipRefs: ownership.data?.ownershipEntityRefs, starred, fixedKind };
  // The facet counts ignore the facets chosen, so each list still offers its other values.
  const facetFilter = buildFilter({ ...state, selected: NO_FACETS_SELECTED }, context);

  const waitingForOwner = state.view === 'owned' && ownership.isLoading;
  const query = useEntityQuery(pageRequest(state, buildFilter(state, context)), !waitingForOwner);
  // The rows come first: on a small server the counts' queries would otherwise compete with the
  // page's for the same cores. Later pages and filters keep the previous rows, so they do not wait.
  const tableAnswered = query.data !== undefined || query.isError;
  const kindFacet = useEntityFacets(fixedKind ? [] : ['kind'], undefined, tableAnswered);
  const facetCounts = useEntityFacets(
    FACETS.filter(f => facets.includes(f.param)).map(f => f.path),
    facetFilter,
    tableAnswered,
  );

  return (
    <PageLayout title={title} subtitle={subtitle} actions={actions}>
      {!fixedKind && <KindTabs value={state.kind} counts={kindFacet.data?.facets.kind} onChange={url.setKind} />}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        <CatalogFilterPanel
          state={state}
          facets={facets}
          facetCounts={facetCounts.data?.facets}
          signedOut={ownership.data === null}
          onViewChange={url.setView}
          onSearchText={url.setSearchText}
          onFacetChange={url.setFacet}
          onClear={url.clearFilters}
        />
        <Box sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
          <CatalogResults
            query={query}
            state={state}
            showKind={!fixedKind && state.kind === 'all'}
            empty={empty}
            onSort={url.toggleSort}
            onLimitChange={url.setLimit}
            onPageChange={url.goToPage}
          />
        </Box>
      </Stack>
    </PageLayout>
  );
}
