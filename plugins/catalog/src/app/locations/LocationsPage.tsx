import { Fragment, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import PlaceOutlinedIcon from '@mui/icons-material/PlaceOutlined';
import { EmptyState, ErrorPanel, PageLayout, Progress, SignInPrompt } from '@portal/app-api';
import type { LocationSummary } from '../../common/index.js';
import { useLocationStatus, useLocationSummaries, useOwnershipRefs, useRefreshLocation, useRemoveLocation } from '../api.js';
import { LocationErrorList } from './LocationErrorList.js';

const PAGE_SIZE = 25;

const ORIGINS: Record<LocationSummary['origin'], string> = {
  api: 'registered',
  config: 'catalog.locations',
  entity: 'via a Location entity',
};

/** Why Unregister is disabled, by where the location comes from. */
const UNREGISTER_REFUSALS: Record<LocationSummary['origin'], string> = {
  api: 'Only the owners of everything it brought in, and admins, may unregister it',
  config: 'It is configured in catalog.locations: remove it there',
  entity: 'A Location entity in another location names it: remove the target from that file',
};

function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

function LocationErrors({ id }: { id: string }) {
  const status = useLocationStatus(id);
  if (status.isLoading) return <Progress />;
  if (status.isError) return <ErrorPanel error={status.error} title="Could not load the location's errors" />;
  if (!status.data || status.data.errors.length === 0) return null;
  return <LocationErrorList errors={status.data.errors} label={`Errors of ${status.data.target}`} />;
}

function UnregisterDialog({ location, onClose }: { location: LocationSummary; onClose(): void }) {
  const remove = useRemoveLocation();
  return (
    <Dialog open onClose={onClose} aria-labelledby="unregister-title">
      <DialogTitle id="unregister-title">Unregister this location?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          <code>{location.target}</code> and the {location.entityCount} {location.entityCount === 1 ? 'entity' : 'entities'} it brought in leave the catalog.
          The repository itself is not touched, and the location can be registered again.
        </DialogContentText>
        {remove.isError && (
          <Box sx={{ mt: 2 }}>
            <ErrorPanel error={remove.error} title="Could not unregister the location" />
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" loading={remove.isPending} onClick={() => remove.mutate(location.id, { onSuccess: onClose })}>
          Unregister
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function LocationRow({ location, selected }: { location: LocationSummary; selected: boolean }) {
  const [open, setOpen] = useState(selected && location.errorCount > 0);
  const [confirming, setConfirming] = useState(false);
  const refresh = useRefreshLocation();
  const rowId = `location-${location.id}`;
  useEffect(() => {
    if (selected) document.getElementById(rowId)?.scrollIntoView({ block: 'center' });
  }, [selected, rowId]);
  return (
    <Fragment>
      <TableRow id={rowId} selected={selected} aria-label={location.target}>
        <TableCell sx={{ maxWidth: 480, wordBreak: 'break-all' }}>
          {location.type === 'url' ? (
            <Link href={location.target} target="_blank" rel="noreferrer">
              {location.target}
            </Link>
          ) : (
            <code>{location.target}</code>
          )}
          <Box>
            <Chip size="small" variant="outlined" label={ORIGINS[location.origin]} sx={{ mt: 0.5 }} />
            {location.refreshing && <Chip size="small" color="info" label="refreshing" sx={{ mt: 0.5, ml: 0.5 }} />}
          </Box>
        </TableCell>
        <TableCell>
          <code>{location.lastCommit ? location.lastCommit.slice(0, 10) : '—'}</code>
        </TableCell>
        <TableCell>{formatTime(location.lastRefreshAt)}</TableCell>
        <TableCell align="right">{location.entityCount}</TableCell>
        <TableCell>
          {location.errorCount === 0 ? (
            'none'
          ) : (
            <Button size="small" color="error" onClick={() => setOpen(!open)} aria-expanded={open}>
              {location.errorCount} {location.errorCount === 1 ? 'error' : 'errors'} in {location.filesWithErrors}{' '}
              {location.filesWithErrors === 1 ? 'file' : 'files'}
            </Button>
          )}
        </TableCell>
        <TableCell>
          <Stack direction="row" spacing={1}>
            <Button size="small" variant="outlined" loading={refresh.isPending} onClick={() => refresh.mutate(location.entityRef)}>
              Refresh
            </Button>
            <Button
              size="small"
              color="error"
              disabled={!location.canUnregister}
              title={location.canUnregister ? undefined : UNREGISTER_REFUSALS[location.origin]}
              onClick={() => setConfirming(true)}
            >
              Unregister
            </Button>
          </Stack>
        </TableCell>
      </TableRow>
      {(open || refresh.isError || refresh.isSuccess) && (
        <TableRow>
          <TableCell colSpan={6} sx={{ bgcolor: 'action.hover' }}>
            {refresh.isError && <ErrorPanel error={refresh.error} title="Could not refresh the location" />}
            {refresh.isSuccess && (
              <Alert severity="success" variant="outlined" role="status">
                Refreshed
              </Alert>
            )}
            {open && <LocationErrors id={location.id} />}
          </TableCell>
        </TableRow>
      )}
      {confirming && <UnregisterDialog location={location} onClose={() => setConfirming(false)} />}
    </Fragment>
  );
}

/** /catalog/locations — every registered location the caller may see, with its errors by file. */
export function LocationsPage() {
  const me = useOwnershipRefs();
  const [params] = useSearchParams();
  const selected = params.get('location');
  const [page, setPage] = useState(0);
  const summaries = useLocationSummaries({ limit: PAGE_SIZE, offset: page * PAGE_SIZE });

  let body;
  if (me.data === null) {
    body = (
      <SignInPrompt title="Sign in to see locations" message="The locations you see are those of the entities you own. After signing in you come back here." />
    );
  } else if (summaries.isLoading || me.isLoading) {
    body = <Progress label="Loading the locations" />;
  } else if (summaries.isError) {
    body = <ErrorPanel error={summaries.error} title="Could not load the locations" />;
  } else if (summaries.data && summaries.data.totalItems === 0) {
    body = (
      <EmptyState
        icon={<PlaceOutlinedIcon />}
        title={summaries.data.scope === 'all' ? 'No locations are registered' : 'No locations of entities you own'}
        description={
          summaries.data.scope === 'all'
            ? 'Register a catalog-info.yaml, or configure catalog.locations.'
            : 'You see the locations that brought in entities you or your teams own. Admins see every location.'
        }
      />
    );
  } else if (summaries.data) {
    body = (
      <Stack spacing={2}>
        {summaries.data.scope === 'owned' && (
          <Alert severity="info" variant="outlined">
            These are the locations that brought in entities you or your teams own. Admins see every location.
          </Alert>
        )}
        <Table size="small" aria-label="Locations">
          <TableHead>
            <TableRow>
              <TableCell>Target</TableCell>
              <TableCell>Last commit</TableCell>
              <TableCell>Last refresh</TableCell>
              <TableCell align="right">Entities</TableCell>
              <TableCell>Errors</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {summaries.data.items.map(location => (
              <LocationRow key={location.id} location={location} selected={location.id === selected} />
            ))}
          </TableBody>
        </Table>
        <TablePagination
          component="div"
          count={summaries.data.totalItems}
          page={page}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
          onPageChange={(_event, next) => setPage(next)}
        />
      </Stack>
    );
  }
  return (
    <PageLayout title="Locations" subtitle="Where the catalog reads from: each registered file, its last refresh and the problems in its files.">
      {body}
    </PageLayout>
  );
}
