import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { QueryEntitiesResponse } from '../../common/index.js';
import { PAGE_SIZES } from './useCatalogUrlState.js';

export interface CatalogPaginationProps {
  page: QueryEntitiesResponse;
  limit: number;
  pageIndex: number;
  onLimitChange(limit: number): void;
  onPageChange(cursor: string, pageIndex: number): void;
}

/** Rows per page, "21–40 of 95", and Previous / Next by the server's cursors. */
export function CatalogPagination({ page, limit, pageIndex, onLimitChange, onPageChange }: CatalogPaginationProps) {
  const first = pageIndex * limit + 1;
  const { prevCursor, nextCursor } = page.pageInfo;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'flex-end', px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
      <TextField select size="small" label="Rows" value={limit} onChange={e => onLimitChange(Number(e.target.value))} sx={{ width: 90 }}>
        {PAGE_SIZES.map(size => (
          <MenuItem key={size} value={size}>
            {size}
          </MenuItem>
        ))}
      </TextField>
      <Typography variant="body2" role="status" aria-live="polite" data-testid="catalog-count">
        {first.toLocaleString()}–{(first + page.items.length - 1).toLocaleString()} of {page.totalItems.toLocaleString()}
      </Typography>
      <Button size="small" disabled={!prevCursor} onClick={() => prevCursor && onPageChange(prevCursor, Math.max(0, pageIndex - 1))}>
        Previous
      </Button>
      <Button size="small" disabled={!nextCursor} onClick={() => nextCursor && onPageChange(nextCursor, pageIndex + 1)}>
        Next
      </Button>
    </Stack>
  );
}
