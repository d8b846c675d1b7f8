import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { hasActiveFilters, type CatalogFilterState, type FacetParam, type View } from './catalogFilters.js';
import { FacetFilters } from './FacetFilters.js';
import { SearchTextField } from './SearchTextField.js';

export interface CatalogFilterPanelProps {
  state: CatalogFilterState;
  facets: readonly FacetParam[];
  /** Counts per facet path, for the options; undefined while they load. */
  facetCounts: Record<string, Array<{ value: string; count: number }>> | undefined;
  /** Nobody is signed in, so "Owned by me" cannot match anything. */
  signedOut: boolean;
  onViewChange(view: View): void;
  onSearchText(text: string): void;
  onFacetChange(param: FacetParam, values: string[]): void;
  onClear(): void;
}

/** The side bar: whose entities, the search box, one filter per facet, and "Clear filters". */
export function CatalogFilterPanel({ state, facets, facetCounts, signedOut, onViewChange, onSearchText, onFacetChange, onClear }: CatalogFilterPanelProps) {
  return (
    <Stack component="aside" aria-label="Filters" spacing={2} sx={{ width: { xs: '100%', md: 280 }, flexShrink: 0 }}>
      <ToggleButtonGroup
        exclusive
        size="small"
        fullWidth
        value={state.view}
        // Clicking the selected button would deselect it; a view is always chosen.
        onChange={(_e, view: View | null) => view && onViewChange(view)}
        aria-label="Whose entities"
      >
        <ToggleButton value="owned">Owned by me</ToggleButton>
        <ToggleButton value="starred">Starred</ToggleButton>
        <ToggleButton value="all">All</ToggleButton>
      </ToggleButtonGroup>
      {state.view === 'owned' && signedOut && (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Sign in to see what you own.
        </Typography>
      )}
      <SearchTextField value={state.text} onCommit={onSearchText} />
      <FacetFilters facets={facets} counts={facetCounts} selected={state.selected} onChange={onFacetChange} />
      {hasActiveFilters(state) && (
        <Button size="small" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Stack>
  );
}
