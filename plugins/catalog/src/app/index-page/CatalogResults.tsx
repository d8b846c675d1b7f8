import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import { EmptyState, ErrorPanel, Progress } from '@portal/app-api';
import type { QueryEntitiesResponse } from '../../common/index.js';
import { hasActiveFilters, type SortKey } from './catalogFilters.js';
import { CatalogPagination } from './CatalogPagination.js';
import { EntityTable } from './EntityTable.js';
import type { CatalogUrlState } from './useCatalogUrlState.js';

export interface CatalogResultsProps {
  /** The page query, as TanStack Query reports it. */
  query: { data?: QueryEntitiesResponse; error: unknown; isError: boolean; isPlaceholderData: boolean };
  state: CatalogUrlState;
  showKind: boolean;
  /** Shown when the catalog has nothing of this kind at all, rather than nothing matching filters. */
  empty: ReactNode;
  onSort(key: SortKey): void;
  onLimitChange(limit: number): void;
  onPageChange(cursor: string, pageIndex: number): void;
}

/** The page of entities with its pagination, or the loading, error or empty state in its place. */
export function CatalogResults({ query, state, showKind, empty, onSort, onLimitChange, onPageChange }: CatalogResultsProps) {
  if (query.isError) return <ErrorPanel error={query.error} title="Could not load the catalog" />;
  if (!query.data) return <Progress label="Loading entities" />;
  if (query.data.items.length === 0) {
    return hasActiveFilters(state) || state.view !== 'all' ? (
      <EmptyState title="Nothing matches" description="No entity matches these filters. Remove a filter or change the search." />
    ) : (
      <>{empty}</>
    );
  }
  return (
    <Paper variant="outlined">
      <Box sx={{ overflowX: 'auto' }}>
        <EntityTable entities={query.data.items} showKind={showKind} sort={state.sort} onSort={onSort} busy={query.isPlaceholderData} />
      </Box>
      <CatalogPagination page={query.data} limit={state.limit} pageIndex={state.pageIndex} onLimitChange={onLimitChange} onPageChange={onPageChange} />
    </Paper>
  );
}
