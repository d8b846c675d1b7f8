import { Link as RouterLink } from 'react-router-dom';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type { Entity } from '@portal/catalog-model';
import { entityRoute, humanizeRef } from '../api.js';
import type { SortKey } from './catalogFilters.js';

export const TABLE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.uid',
  'spec.type',
  'spec.owner',
  'spec.lifecycle',
];

interface Column {
  id: string;
  label: string;
  sort?: SortKey;
  render(entity: Entity): React.ReactNode;
  width?: string | number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

const COLUMNS: Column[] = [
  {
    id: 'name',
    label: 'Name',
    sort: 'name',
    render: e => (
      <Link component={RouterLink} to={entityRoute(e)} sx={{ fontWeight: 500 }}>
        {e.metadata.title ?? e.metadata.name}
      </Link>
    ),
  },
  { id: 'kind', label: 'Kind', sort: 'kind', render: e => e.kind },
  { id: 'type', label: 'Type', sort: 'type', render: e => text(e.spec?.type) },
  {
    id: 'owner',
    label: 'Owner',
    sort: 'owner',
    render: e => {
      const owner = text(e.spec?.owner);
      if (!owner) return '';
      return (
        <Link component={RouterLink} to={entityRoute(owner.includes(':') ? owner : `group:${owner}`)}>
          {humanizeRef(owner, 'group')}
        </Link>
      );
    },
  },
  { id: 'lifecycle', label: 'Lifecycle', sort: 'lifecycle', render: e => text(e.spec?.lifecycle) },
  {
    id: 'description',
    label: 'Description',
    width: '30%',
    render: e => (
      <Typography variant="body2" sx={{ color: 'text.secondary', display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
        {e.metadata.description}
      </Typography>
    ),
  },
  {
    id: 'tags',
    label: 'Tags',
    render: e => (
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {(e.metadata.tags ?? []).map(tag => (
          <Chip key={tag} label={tag} size="small" variant="outlined" />
        ))}
      </Stack>
    ),
  },
];

export interface EntityTableProps {
  entities: Entity[];
  showKind: boolean;
  sort?: { key: SortKey; order: 'asc' | 'desc' };
  onSort(key: SortKey): void;
  busy?: boolean;
}

/** One server page of entities; sorting asks the server, never the rows on screen. */
export function EntityTable({ entities, showKind, sort, onSort, busy }: EntityTableProps) {
  const columns = COLUMNS.filter(c => showKind || c.id !== 'kind');
  return (
    <Table size="small" aria-label="Entities" aria-busy={busy} sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
      <TableHead>
        <TableRow>
          {columns.map(column => (
            <TableCell key={column.id} sx={{ width: column.width, fontWeight: 600 }} sortDirection={sort?.key === column.sort ? sort?.order : false}>
              {column.sort ? (
                <TableSortLabel
                  active={sort?.key === column.sort}
                  direction={sort?.key === column.sort ? sort.order : 'asc'}
                  onClick={() => onSort(column.sort!)}
                >
                  {column.label}
                </TableSortLabel>
              ) : (
                column.label
              )}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {entities.map(entity => (
          <TableRow key={entity.metadata.uid ?? `${entity.kind}:${entity.metadata.namespace}/${entity.metadata.name}`} hover>
            {columns.map(column => (
              <TableCell key={column.id}>{column.render(entity)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
