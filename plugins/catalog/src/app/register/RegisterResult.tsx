import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ErrorPanel } from '@portal/app-api';
import type { AddLocationResponse } from '../../common/index.js';
import { entityRoute, locationRowRoute, useLocationStatus } from '../api.js';
import { LocationErrorList } from '../locations/LocationErrorList.js';
import { entitiesToAdd } from './DryRunReport.js';

/** After Register: the entities with links to their pages, and the location's first refresh as it goes. */
export function RegisterResult({ result }: { result: AddLocationResponse }) {
  const status = useLocationStatus(result.location.id, { follow: true });
  const entities = entitiesToAdd(result);
  const done = status.data && !status.data.refreshing && status.data.lastRefreshAt !== null;
  const progress = status.data?.progress;
  return (
    <Stack spacing={2} aria-label="Registered">
      <Typography variant="h6" component="h2">
        {entities.length === 0 ? 'The location is registered' : `Registered ${entities.length === 1 ? 'one entity' : `${entities.length} entities`}`}
      </Typography>
      {entities.length > 0 && (
        <List dense aria-label="Registered entities">
          {entities.map(e => (
            <ListItem key={`${e.kind}:${e.metadata.namespace}/${e.metadata.name}`} divider>
              <ListItemText
                primary={
                  <Link component={RouterLink} to={entityRoute(e)}>
                    {e.metadata.title ?? e.metadata.name}
                  </Link>
                }
                secondary={`${e.kind} · ${e.metadata.namespace ?? 'default'}/${e.metadata.name}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {status.isError && <ErrorPanel error={status.error} title="Could not follow the location's first refresh" />}
      {!done && !status.isError && (
        <Stack spacing={1} role="status" aria-label="Refresh progress">
          <Typography variant="body2">
            Reading the location…
            {progress ? ` ${progress.filesRead} files read, ${progress.entitiesRead} entities, ${progress.errors} errors so far.` : ''}
          </Typography>
          <LinearProgress />
        </Stack>
      )}
      {done && status.data && (
        <Alert
          severity={status.data.errorCount > 0 ? 'warning' : 'success'}
          variant="outlined"
          role="status"
          action={
            <Button component={RouterLink} to={locationRowRoute(result.location.id)} size="small">
              Locations
            </Button>
          }
        >
          <AlertTitle>First refresh done</AlertTitle>
          {status.data.fileCount} {status.data.fileCount === 1 ? 'file' : 'files'} read, {status.data.entityCount}{' '}
          {status.data.entityCount === 1 ? 'entity' : 'entities'} in the catalog, {status.data.errorCount} {status.data.errorCount === 1 ? 'error' : 'errors'}.
        </Alert>
      )}
      {done && status.data && status.data.errors.length > 0 && <LocationErrorList errors={status.data.errors.slice(0, 50)} label="Refresh errors" />}
    </Stack>
  );
}
