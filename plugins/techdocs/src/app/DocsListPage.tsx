import { useEffect, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import MenuBookOutlinedIcon from '@mui/icons-material/MenuBookOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { EmptyState, ErrorPanel, fetchJson, PageLayout, Progress } from '@portal/app-api';
import { CatalogApiClient, type EntityQueryRequest } from '@portal/plugin-catalog/common';
import { TECHDOCS_REF_ANNOTATION } from '../common/index.js';
import { docsSiteRoute } from './docsRoutes.js';

const catalog = new CatalogApiClient((path, init) => fetchJson(path, init));
const PAGE_SIZE = 20;
const HAS_DOCS = `metadata.annotations.${TECHDOCS_REF_ANNOTATION}`;

/**
 * /docs: entities with docs, a page at a time from the catalog's query API, which also does the
 * searching and the owner filter. Both live in the URL (`?q=&owner=`), so a view can be shared.
 */
export function DocsListPage() {
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? '';
  const [text, setText] = useState(params.get('q') ?? '');
  const term = useDebounced(text.trim(), 250);
  // A cursor belongs to one query: changing the search or the owner starts again at the first page.
  const view = `${owner}\0${term}`;
  const [page, setPage] = useState<{ view: string; cursor: string }>();
  const cursor = page?.view === view ? page.cursor : undefined;
  const setCursor = (next: string | undefined) => setPage(next ? { view, cursor: next } : undefined);

  useEffect(() => {
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        if (term) next.set('q', term);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [term, setParams]);

  const filter: EntityQueryRequest['filter'] = [{ [HAS_DOCS]: true, ...(owner ? { 'spec.owner': owner } : {}) }];
  const entities = useQuery({
    queryKey: ['techdocs', 'entities', owner, term, cursor],
    queryFn: () =>
      cursor
        ? catalog.queryEntities({ cursor, limit: PAGE_SIZE })
        : catalog.queryEntities({
            filter,
            fullTextFilter: term ? { term } : undefined,
            orderFields: [{ field: 'metadata.name', order: 'asc' }],
            limit: PAGE_SIZE,
          }),
    placeholderData: keepPreviousData,
  });
  const owners = useQuery({
    queryKey: ['techdocs', 'owners'],
    queryFn: async () => (await catalog.getEntityFacets(['spec.owner'], [{ [HAS_DOCS]: true }])).facets['spec.owner'] ?? [],
  });
  const filtered = Boolean(owner || term);

  const chooseOwner = (value: string) => {
    setParams(previous => {
      const next = new URLSearchParams(previous);
      if (value) next.set('owner', value);
      else next.delete('owner');
      return next;
    });
  };

  return (
    <PageLayout title="Docs" subtitle="Documentation written next to the code, rendered from the same commit.">
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField size="small" type="search" label="Search docs" value={text} onChange={e => setText(e.target.value)} />
        <TextField size="small" select label="Owner" value={owner} onChange={e => chooseOwner(e.target.value)} sx={{ minWidth: 200 }}>
          <MenuItem value="">Any owner</MenuItem>
          {owner && !owners.data?.some(o => o.value === owner) && <MenuItem value={owner}>{owner}</MenuItem>}
          {(owners.data ?? []).map(o => (
            <MenuItem key={o.value} value={o.value}>
              {o.value}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {entities.isPending ? (
        <Progress label="Loading the docs" />
      ) : entities.isError ? (
        <ErrorPanel error={entities.error} title="Could not list the docs" />
      ) : entities.data.items.length === 0 ? (
        filtered ? (
          <Alert severity="info">No docs match these filters.</Alert>
        ) : (
          <EmptyState
            icon={<MenuBookOutlinedIcon />}
            title="No documentation yet"
            description={
              <>
                Docs appear here for catalog entities whose <code>catalog-info.yaml</code> carries <code>{TECHDOCS_REF_ANNOTATION}: dir:.</code>, with a{' '}
                <code>mkdocs.yml</code> and a <code>docs/</code> folder.
              </>
            }
          />
        )
      ) : (
        <>
          <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="docs-count">
            {entities.data.totalItems} {entities.data.totalItems === 1 ? 'entity' : 'entities'} with docs
          </Typography>
          <List aria-label="Entities with docs">
            {entities.data.items.map(e => {
              const name = { namespace: e.metadata.namespace ?? 'default', kind: e.kind, name: e.metadata.name };
              return (
                <ListItemButton key={`${e.kind}:${name.namespace}/${name.name}`} component={RouterLink} to={docsSiteRoute(name)}>
                  <ListItemText
                    primary={e.metadata.title ?? e.metadata.name}
                    secondary={[e.metadata.description, e.spec?.owner && `Owner: ${String(e.spec.owner)}`].filter(Boolean).join(' · ')}
                  />
                </ListItemButton>
              );
            })}
          </List>
          {(entities.data.pageInfo.prevCursor || entities.data.pageInfo.nextCursor) && (
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
              <Button disabled={!entities.data.pageInfo.prevCursor} onClick={() => setCursor(entities.data.pageInfo.prevCursor)}>
                Previous
              </Button>
              <Button disabled={!entities.data.pageInfo.nextCursor} onClick={() => setCursor(entities.data.pageInfo.nextCursor)}>
                Next
              </Button>
            </Stack>
          )}
        </>
      )}
    </PageLayout>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
