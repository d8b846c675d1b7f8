import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import InputAdornment from '@mui/material/InputAdornment';
import InputBase from '@mui/material/InputBase';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListSubheader from '@mui/material/ListSubheader';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { describeError } from '@portal/app-api';
import { searchDocumentTypes, type SearchResult } from '../common/index.js';
import { Highlighted } from './Highlighted.js';
import { useDebounced, useSearch } from './hooks.js';
import { describeResult, searchPagePath, typeLabels } from './resultLabels.js';

const TYPEAHEAD_LIMIT = 12;

/** Whether a key press went to a field the person is typing in (where `/` is a character). */
function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

/**
 * The header's search: a field that opens a command palette, also on `/` and Ctrl/⌘-K anywhere.
 * Typing shows the best matches grouped by type; arrows move, Enter opens the one picked, and
 * the last row (or Ctrl/⌘-Enter) opens the search page with every result.
 */
export function SearchPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      if (commandK || (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingInField(event.target))) {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Box
        component="button"
        type="button"
        onClick={() => setOpen(true)}
        aria-label="Search the portal"
        aria-keyshortcuts="/ Control+K Meta+K"
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          width: '100%',
          maxWidth: 480,
          px: 1.5,
          py: 1,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          bgcolor: 'background.default',
          color: 'text.secondary',
          font: 'inherit',
          cursor: 'text',
          textAlign: 'left',
          '&:hover': { borderColor: 'text.primary' },
        }}
      >
        <SearchIcon fontSize="small" />
        <Box component="span" sx={{ flexGrow: 1 }}>
          Search the portal
        </Box>
        <Box component="kbd" sx={{ fontSize: 12, border: 1, borderColor: 'divider', borderRadius: 0.5, px: 0.75 }}>
          /
        </Box>
      </Box>
      {open && <PaletteDialog onClose={() => setOpen(false)} />}
    </>
  );
}

type Row = { kind: 'result'; result: SearchResult } | { kind: 'all' };

function PaletteDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const [active, setActive] = useState(0);
  const settled = useDebounced(term.trim(), 120);
  const search = useSearch({ term: settled, pageLimit: TYPEAHEAD_LIMIT }, { enabled: settled.length > 0 });
  const data = settled ? search.data : undefined;
  const results = useMemo(() => data?.results ?? [], [data]);

  // Grouped by type, the group of the best result first, so Enter on the first row opens it.
  const groups = useMemo(
    () =>
      searchDocumentTypes
        .map(type => ({ type, results: results.filter(r => r.type === type) }))
        .filter(g => g.results.length > 0)
        .sort((a, b) => a.results[0]!.rank - b.results[0]!.rank),
    [results],
  );
  const rows: Row[] = useMemo(
    () => [...groups.flatMap(g => g.results.map(result => ({ kind: 'result' as const, result }))), ...(term.trim() ? [{ kind: 'all' as const }] : [])],
    [groups, term],
  );
  useEffect(() => setActive(0), [settled]);

  const go = (row: Row | undefined) => {
    if (!row) return;
    onClose();
    navigate(row.kind === 'all' ? searchPagePath(term.trim()) : row.result.document.location);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(i => (rows.length === 0 ? 0 : (i + step + rows.length) % rows.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!term.trim()) return;
      // Results still loading for what was just typed: Enter means "search for this".
      const stale = settled !== term.trim() || search.isFetching;
      go(event.ctrlKey || event.metaKey || stale ? { kind: 'all' } : rows[Math.min(active, rows.length - 1)]);
    }
  };

  let index = -1;
  const optionId = (i: number) => `search-palette-option-${i}`;
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      slotProps={{ paper: { sx: { alignSelf: 'flex-start', mt: '10vh' } } }}
      aria-label="Search the portal"
    >
      <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1.5, borderBottom: 1, borderColor: 'divider' }}>
        <InputBase
          autoFocus
          fullWidth
          placeholder="Search entities, docs and templates"
          value={term}
          onChange={event => setTerm(event.target.value)}
          onKeyDown={onKeyDown}
          startAdornment={
            <InputAdornment position="start">
              <SearchIcon />
            </InputAdornment>
          }
          inputProps={{
            role: 'combobox',
            'aria-label': 'Search the portal',
            'aria-expanded': rows.length > 0,
            'aria-controls': 'search-palette-results',
            'aria-activedescendant': rows.length > 0 ? optionId(active) : undefined,
          }}
        />
      </Box>
      {search.isFetching && <LinearProgress sx={{ height: 2 }} />}
      <List id="search-palette-results" role="listbox" dense sx={{ maxHeight: '60vh', overflowY: 'auto', py: 0 }}>
        {search.isError && (
          <Typography role="alert" color="error" sx={{ px: 2, py: 1.5 }}>
            {describeError(search.error).message}
          </Typography>
        )}
        {settled && search.isSuccess && !search.isPlaceholderData && results.length === 0 && (
          <Typography color="text.secondary" sx={{ px: 2, py: 1.5 }}>
            Nothing matches “{settled}”.
          </Typography>
        )}
        {groups.map(group => (
          <li key={group.type}>
            <ul style={{ padding: 0 }}>
              <ListSubheader sx={{ lineHeight: 2.5 }}>{typeLabels[group.type]}</ListSubheader>
              {group.results.map(result => {
                const i = ++index;
                return (
                  <ListItemButton
                    key={`${result.type}:${result.document.location}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    selected={i === active}
                    onMouseMove={() => setActive(i)}
                    onClick={() => go({ kind: 'result', result })}
                    sx={{ gap: 1.5, alignItems: 'flex-start' }}
                  >
                    <Box sx={{ minWidth: 0, flexGrow: 1 }}>
                      <Typography variant="body2" noWrap sx={{ fontWeight: 500 }}>
                        <Highlighted text={result.document.title} highlight={{ value: result.highlight.fields.title, tags: result.highlight }} />
                      </Typography>
                      <Typography variant="caption" color="text.secondary" noWrap component="div">
                        {describeResult(result) || result.document.text}
                      </Typography>
                    </Box>
                    {result.document.kind && result.type === 'software-catalog' && <Chip size="small" label={result.document.kind} variant="outlined" />}
                  </ListItemButton>
                );
              })}
            </ul>
          </li>
        ))}
        {term.trim() && (
          <ListItemButton
            id={optionId(rows.length - 1)}
            role="option"
            aria-selected={active === rows.length - 1}
            selected={active === rows.length - 1}
            onMouseMove={() => setActive(rows.length - 1)}
            onClick={() => go({ kind: 'all' })}
            sx={{ borderTop: 1, borderColor: 'divider' }}
          >
            <SearchIcon fontSize="small" sx={{ mr: 1.5 }} />
            <Typography variant="body2">
              See all results for “{term.trim()}”{' '}
              <Typography component="span" variant="caption" color="text.secondary">
                Ctrl/⌘ Enter
              </Typography>
            </Typography>
          </ListItemButton>
        )}
      </List>
    </Dialog>
  );
}
