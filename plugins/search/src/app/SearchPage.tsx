import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { EmptyState, ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import { searchDocumentTypes, type SearchDocumentType, type SearchResult } from '../common/index.js';
import { Highlighted } from './Highlighted.js';
import { useSearch } from './hooks.js';
import { describeResult, searchKinds, typeLabels } from './resultLabels.js';

const PAGE_SIZE = 20;

/**
 * `/search?query=…&type=…&kind=…&cursor=…`: every result, a page at a time, with the query,
 * filters and page in the URL so a search can be shared and the back button walks it.
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('query') ?? '';
  const type = searchDocumentTypes.find(t => t === params.get('type'));
  const kind = params.get('kind') ?? '';
  const cursor = params.get('cursor') ?? undefined;
  const [draft, setDraft] = useState(query);
  useEffect(() => setDraft(query), [query]);

  const search = useSearch({ term: query, types: type ? [type] : undefined, filters: kind ? { kind } : undefined, pageCursor: cursor, pageLimit: PAGE_SIZE });
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ cursor: undefined, ...changes })) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ query: draft.trim() });
  };

  return (
    <PageLayout title="Search" tabTitle={query ? `Search: ${query}` : 'Search'}>
      <Stack spacing={2}>
        <Box component="form" role="search" onSubmit={submit} sx={{ display: 'flex', gap: 1 }}>
          <TextField
            size="small"
            fullWidth
            placeholder="Search entities, docs and templates"
            value={draft}
            onChange={event => setDraft(event.target.value)}
            slotProps={{ htmlInput: { 'aria-label': 'Search query' } }}
          />
          <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
            Search
          </Button>
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', borderBottom: 1, borderColor: 'divider' }}>
          <Tabs
            value={type ?? 'all'}
            onChange={(_e, value: string) => update({ type: value === 'all' ? undefined : value, kind: value === 'software-catalog' ? kind : undefined })}
          >
            <Tab value="all" label="All" />
            {searchDocumentTypes.map(t => (
              <Tab key={t} value={t} label={typeLabels[t]} />
            ))}
          </Tabs>
          <Box sx={{ flexGrow: 1 }} />
          <TextField
            select
            size="small"
            label="Kind"
            value={kind}
            onChange={event => update({ kind: event.target.value || undefined, type: event.target.value ? 'software-catalog' : type })}
            sx={{ minWidth: 160, mb: 1 }}
          >
            <MenuItem value="">Any kind</MenuItem>
            {searchKinds.map(k => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {search.isPending ? (
          <Progress label="Searching" />
        ) : search.isError ? (
          <ErrorPanel error={search.error} title="Search failed" />
        ) : search.data.results.length === 0 ? (
          <EmptyState
            title={query ? `Nothing matches “${query}”` : 'Nothing to show'}
            description={type || kind ? 'Try another type or kind, or fewer words.' : 'Try fewer or other words; a name, a title or a heading works best.'}
          />
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" aria-live="polite">
              {search.data.numberOfResults} {search.data.numberOfResults === 1 ? 'result' : 'results'}
            </Typography>
            <List disablePadding>
              {search.data.results.map(result => (
                <ResultItem key={`${result.type}:${result.document.location}`} result={result} />
              ))}
            </List>
            <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
              <Button disabled={!search.data.previousPageCursor} onClick={() => update({ cursor: search.data.previousPageCursor })}>
                Previous
              </Button>
              <Button disabled={!search.data.nextPageCursor} onClick={() => update({ cursor: search.data.nextPageCursor })}>
                Next
              </Button>
            </Box>
          </>
        )}
      </Stack>
    </PageLayout>
  );
}

function ResultItem({ result }: { result: SearchResult }) {
  const { document, highlight } = result;
  const where = describeResult(result);
  return (
    <ListItem divider sx={{ display: 'block', py: 1.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Link component={RouterLink} to={document.location} variant="subtitle1" sx={{ fontWeight: 500 }}>
          <Highlighted text={document.title} highlight={{ value: highlight.fields.title, tags: highlight }} />
        </Link>
        <Chip size="small" label={result.type === 'software-catalog' && document.kind ? document.kind : typeLabels[result.type as SearchDocumentType]} />
      </Box>
      {where && (
        <Typography variant="caption" color="text.secondary">
          {where}
        </Typography>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        <Highlighted text={document.text} highlight={{ value: highlight.fields.text, tags: highlight }} />
      </Typography>
    </ListItem>
  );
}
