import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Entity } from '@portal/catalog-model';
import { locationRowRoute, useEntityLocation, useLocationStatus } from '../api.js';

/** A warning on an entity's page when files of the location it came from fail to be read. */
export function LocationProblemsBanner({ entity }: { entity: Entity }) {
  const location = useEntityLocation({ kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name });
  const status = useLocationStatus(location.data?.id);
  const errors = status.data?.errors ?? [];
  if (!location.data || !status.data || status.data.errorCount === 0) return null;
  const files = new Set(errors.map(e => e.file)).size;
  const own = errors.filter(
    e => e.entityRef?.toLowerCase() === `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase(),
  );
  return (
    <Alert
      severity="warning"
      variant="outlined"
      sx={{ mb: 2 }}
      action={
        <Button component={RouterLink} to={locationRowRoute(location.data.id)} size="small">
          See the errors
        </Button>
      }
    >
      {own.length > 0
        ? `This entity's file has ${own.length === 1 ? 'a problem' : `${own.length} problems`}: ${own[0]!.message}. What the catalog shows is the last version it could read.`
        : `The location this entity comes from has ${status.data.errorCount} ${status.data.errorCount === 1 ? 'error' : 'errors'} in ${files} ${files === 1 ? 'file' : 'files'}; some of its entities may be missing or out of date.`}
    </Alert>
  );
}
