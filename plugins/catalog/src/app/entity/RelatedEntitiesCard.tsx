import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ErrorPanel, Progress } from '@portal/app-api';
import type { EntityQueryRequest } from '../../common/index.js';
import { entityRoute, useEntityQuery } from '../api.js';
import { InfoCard } from './InfoCard.js';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.uid', 'spec.type', 'spec.lifecycle'];

/** Entities matching a filter (members, owned entities…), a server page at a time. */
export function RelatedEntitiesCard({ title, filter, emptyText }: { title: string; filter: NonNullable<EntityQueryRequest['filter']>; emptyText: string }) {
  const [cursor, setCursor] = useState<string | undefined>();
  const query = useEntityQuery(cursor ? { cursor, limit: 10, fields: FIELDS } : { filter, limit: 10, fields: FIELDS });
  return (
    <InfoCard title={query.data ? `${title} (${query.data.totalItems})` : title}>
      {query.isError ? (
        <ErrorPanel error={query.error} />
      ) : !query.data ? (
        <Progress />
      ) : query.data.items.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {emptyText}
        </Typography>
      ) : (
        <>
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Type</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {query.data.items.map(e => (
                <TableRow key={e.metadata.uid ?? e.metadata.name}>
                  <TableCell>
                    <Link component={RouterLink} to={entityRoute(e)}>
                      {e.metadata.title ?? e.metadata.name}
                    </Link>
                  </TableCell>
                  <TableCell>{e.kind}</TableCell>
                  <TableCell>{typeof e.spec?.type === 'string' ? e.spec.type : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {(query.data.pageInfo.prevCursor || query.data.pageInfo.nextCursor) && (
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', mt: 1 }}>
              <Button size="small" disabled={!query.data.pageInfo.prevCursor} onClick={() => setCursor(query.data.pageInfo.prevCursor)}>
                Previous
              </Button>
              <Button size="small" disabled={!query.data.pageInfo.nextCursor} onClick={() => setCursor(query.data.pageInfo.nextCursor)}>
                Next
              </Button>
            </Stack>
          )}
        </>
      )}
    </InfoCard>
  );
}
