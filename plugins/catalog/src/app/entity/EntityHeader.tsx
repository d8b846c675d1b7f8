import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import StarIcon from '@mui/icons-material/Star';
import StarBorderIcon from '@mui/icons-material/StarBorder';
import { ErrorPanel } from '@portal/app-api';
import { stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { entityRoute, humanizeRef, useRefreshEntity } from '../api.js';
import { useStarredEntities } from '../useStarredEntities.js';

/** Kind, owner, lifecycle and tags under the title, with the star and refresh actions. */
export function EntityHeader({ entity }: { entity: Entity }) {
  const ref = stringifyEntityRef(entity);
  const { isStarred, toggle } = useStarredEntities();
  const refresh = useRefreshEntity(entity);
  const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const ownerRef = entity.relations?.find(r => r.type === 'ownedBy')?.targetRef;
  const lifecycle = typeof entity.spec?.lifecycle === 'string' ? entity.spec.lifecycle : undefined;
  const starred = isStarred(ref);
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip label={entity.kind} size="small" color="primary" variant="outlined" />
        {typeof entity.spec?.type === 'string' && <Chip label={entity.spec.type} size="small" variant="outlined" />}
        {owner && (
          <Typography variant="body2" component="span">
            Owner:{' '}
            <Link
              component={RouterLink}
              to={entityRoute(ownerRef ?? (owner.includes(':') ? owner : `group:${owner}`))}
              aria-label={`Owner ${humanizeRef(ownerRef ?? owner, 'group')}`}
            >
              {humanizeRef(ownerRef ?? owner, 'group')}
            </Link>
          </Typography>
        )}
        {lifecycle && (
          <Chip label={lifecycle} size="small" color={lifecycle === 'production' ? 'success' : lifecycle === 'deprecated' ? 'warning' : 'default'} />
        )}
        {(entity.metadata.tags ?? []).map(tag => (
          <Chip key={tag} label={tag} size="small" />
        ))}
        <Tooltip title={starred ? 'Remove from starred' : 'Add to starred'}>
          <IconButton size="small" onClick={() => toggle(ref)} aria-pressed={starred} aria-label={starred ? 'Unstar' : 'Star'}>
            {starred ? <StarIcon fontSize="small" color="warning" /> : <StarBorderIcon fontSize="small" />}
          </IconButton>
        </Tooltip>
        <Button size="small" startIcon={<RefreshIcon />} onClick={() => refresh.mutate()} disabled={refresh.isPending}>
          {refresh.isPending ? 'Refreshing…' : 'Refresh'}
        </Button>
        {refresh.isSuccess && (
          <Typography variant="body2" role="status" sx={{ color: 'success.main' }}>
            Refreshed
          </Typography>
        )}
      </Stack>
      {refresh.isError && <ErrorPanel error={refresh.error} title="Refreshing failed" />}
    </Stack>
  );
}
