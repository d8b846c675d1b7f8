import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { EmptyState, ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import { useEntityFacets, useEntityQuery, useOwnershipRefs } from '../api.js';
import { useStarredEntities } from '../useStarredEntities.js';
import { buildFilter, FACETS, readFilterState, SORTS, type FacetParam, type SortKey, type View } from './catalogFilters.js';
import { EntityTable, TABLE_FIELDS } from './EntityTable.js';
import { FacetFilters } from './FacetFilters.js';

export interface CatalogBrowserProps {
  title: string;
  subtitle: ReactNode;
  /** Shows only this kind, without kind tabs (the APIs page). */
  fixedKind?: string;
  facets: readonly FacetParam[];
  actions?: ReactNode;
  empty: ReactNode;
}

const PAGE_SIZES = [20, 50, 100];
/** Kinds shown first in the tabs, in this order; others follow by count. */
const KIND_ORDER = ['component', 'api', 'system', 'domain', 'resource', 'group', 'user', 'template', 'location'];

/**
 * A server-paginated, filterable view of the catalog. Everything that defines the view (kind,
 * facets, text, "owned / starred / all", sort, page) lives in the URL, so a view can be shared.
 */
export function CatalogBrowser({ title, subtitle, fixedKind, facets, actions, empty }: CatalogBrowserProps) {
  const [params, setParams] = useSearchParams();
  const state = readFilterState(params, { kind: 'component' });
  const ownership = useOwnershipRefs();
  const { starred } = useStarredEntities();
  const context = { ownershipRefs: ownership.data?.ownershipEntityRefs, starred, fixedKind };
  const filter = buildFilter(state, context);
  const facetFilter = buildFilter({ ...state, selected: { type: [], owner: [], lifecycle: [], tag: [], namespace: [] } }, context);
  const limit = PAGE_SIZES.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : PAGE_SIZES[0]!;
  const cursor = params.get('cursor');
  const pageIndex = Math.max(0, Number(params.get('page') ?? 0) || 0);

  // Filter changes start again at the first page; paging keeps the filters.
  const update = (change: (next: URLSearchParams) => void, keepPage = false) => {
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        change(next);
        if (!keepPage) {
          next.delete('cursor');
          next.delete('page');
        }
        return next;
      },
      { replace: false },
    );
  };

  const [text, setText] = useState(state.text);
  useEffect(() => setText(state.text), [state.text]);
  useEffect(() => {
    if (text === state.text) return undefined;
    const timer = setTimeout(() => update(next => (text ? next.set('q', text) : next.delete('q'))), 300);
    return () => clearTimeout(timer);
  }, [text]); // Only typing schedules a URL update; the URL changing back resets `text` above.

  const request = cursor
    ? { cursor, limit, fields: TABLE_FIELDS }
    : {
        filter,
        limit,
        fields: TABLE_FIELDS,
        orderFields: state.sort ? [{ field: SORTS[state.sort.key], order: state.sort.order }] : undefined,
        fullTextFilter: state.text ? { term: state.text } : undefined,
      };
  const waitingForOwner = state.view === 'owned' && ownership.isLoading;
  const query = useEntityQuery(request, !waitingForOwner);
  // The rows come first: on a small server the counts' queries would otherwise compete with the
  // page's for the same cores. Later pages and filters keep the previous rows, so they do not wait.
  const tableAnswered = query.data !== undefined || query.isError;
  const kindFacet = useEntityFacets(fixedKind ? [] : ['kind'], undefined, tableAnswered);
  const facetCounts = useEntityFacets(
    FACETS.filter(f => facets.includes(f.param)).map(f => f.path),
    facetFilter,
    tableAnswered,
  );

  const kinds = useMemo(() => {
    const list = (kindFacet.data?.facets.kind ?? []).map(k => ({ kind: k.value.toLowerCase(), label: k.value, count: k.count }));
    const rank = (k: string) => (KIND_ORDER.includes(k) ? KIND_ORDER.indexOf(k) : KIND_ORDER.length);
    list.sort((a, b) => rank(a.kind) - rank(b.kind) || b.count - a.count);
    if (!list.some(k => k.kind === state.kind) && state.kind !== 'all') list.unshift({ kind: state.kind, label: state.kind, count: 0 });
    return list;
  }, [kindFacet.data, state.kind]);

  const total = query.data?.totalItems ?? 0;
  const first = pageIndex * limit + 1;
  const onSort = (key: SortKey) =>
    update(next => {
      const order = state.sort?.key === key && state.sort.order === 'asc' ? 'desc' : 'asc';
      next.set('sort', key);
      next.set('order', order);
    });

  return (
    <PageLayout title={title} subtitle={subtitle} actions={actions}>
      {!fixedKind && (
        <Tabs
          value={state.kind}
          onChange={(_e, kind: string) => update(next => next.set('kind', kind))}
          variant="scrollable"
          aria-label="Kinds"
          sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
        >
          {kinds.map(k => (
            <Tab key={k.kind} value={k.kind} label={`${k.label} (${k.count.toLocaleString()})`} />
          ))}
          <Tab value="all" label="All" />
        </Tabs>
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Stack component="aside" aria-label="Filters" spacing={2} sx={{ width: { xs: '100%', md: 280 }, flexShrink: 0 }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            fullWidth
            value={state.view}
            onChange={(_e, view: View | null) => view && update(next => (view === 'all' ? next.delete('view') : next.set('view', view)))}
            aria-label="Whose entities"
          >
            <ToggleButton value="owned">Owned by me</ToggleButton>
            <ToggleButton value="starred">Starred</ToggleButton>
            <ToggleButton value="all">All</ToggleButton>
          </ToggleButtonGroup>
          {state.view === 'owned' && ownership.data === null && (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Sign in to see what you own.
            </Typography>
          )}
          <TextField
            size="small"
            label="Search"
            value={text}
            onChange={e => setText(e.target.value)}
            slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
          />
          <FacetFilters
            facets={facets}
            counts={facetCounts.data?.facets}
            selected={state.selected}
            onChange={(param, values) =>
              update(next => {
                next.delete(param);
                for (const v of values) next.append(param, v);
              })
            }
          />
          {(FACETS.some(f => state.selected[f.param].length > 0) || state.text) && (
            <Button size="small" onClick={() => update(next => ['q', ...FACETS.map(f => f.param)].forEach(p => next.delete(p)))}>
              Clear filters
            </Button>
          )}
        </Stack>
        <Box sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
          {query.isError ? (
            <ErrorPanel error={query.error} title="Could not load the catalog" />
          ) : !query.data ? (
            <Progress label="Loading entities" />
          ) : query.data.items.length === 0 ? (
            FACETS.some(f => state.selected[f.param].length > 0) || state.text || state.view !== 'all' ? (
              <EmptyState title="Nothing matches" description="No entity matches these filters. Remove a filter or change the search." />
            ) : (
              empty
            )
          ) : (
            <Paper variant="outlined">
              <Box sx={{ overflowX: 'auto' }}>
                <EntityTable entities={query.data.items} showKind={!fixedKind && state.kind === 'all'} sort={state.sort} onSort={onSort} busy={query.isPlaceholderData} />
              </Box>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'flex-end', px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
                <TextField
                  select
                  size="small"
                  label="Rows"
                  value={limit}
                  onChange={e => update(next => next.set('limit', e.target.value))}
                  sx={{ width: 90 }}
                >
                  {PAGE_SIZES.map(size => (
                    <MenuItem key={size} value={size}>
                      {size}
                    </MenuItem>
                  ))}
                </TextField>
                <Typography variant="body2" role="status" aria-live="polite" data-testid="catalog-count">
                  {first.toLocaleString()}–{(first + query.data.items.length - 1).toLocaleString()} of {total.toLocaleString()}
                </Typography>
                <Button
                  size="small"
                  disabled={!query.data.pageInfo.prevCursor}
                  onClick={() =>
                    update(next => {
                      next.set('cursor', query.data.pageInfo.prevCursor!);
                      next.set('page', String(Math.max(0, pageIndex - 1)));
                    }, true)
                  }
                >
                  Previous
                </Button>
                <Button
                  size="small"
                  disabled={!query.data.pageInfo.nextCursor}
                  onClick={() =>
                    update(next => {
                      next.set('cursor', query.data.pageInfo.nextCursor!);
                      next.set('page', String(pageIndex + 1));
                    }, true)
                  }
                >
                  Next
                </Button>
              </Stack>
            </Paper>
          )}
        </Box>
      </Stack>
    </PageLayout>
  );
}
