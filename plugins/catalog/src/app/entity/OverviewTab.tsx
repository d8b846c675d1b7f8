import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import { stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { AboutCard } from './AboutCard.js';
import { LinksCard } from './LinksCard.js';
import { RelatedEntitiesCard } from './RelatedEntitiesCard.js';
import { RelationsCard } from './RelationsCard.js';

/** Problems the catalog found when it last read this entity; its last good version is what shows. */
function ProcessingErrors({ entity }: { entity: Entity }) {
  const items = (entity.status?.items ?? []).filter(i => i.level === 'error');
  if (items.length === 0) return null;
  return (
    <Alert severity="error" variant="outlined" aria-label="Processing errors">
      <AlertTitle>The catalog could not process the latest version of this entity</AlertTitle>
      {items.map((item, i) => (
        <div key={i}>{item.error ? item.error.message : item.message}</div>
      ))}
    </Alert>
  );
}

export function OverviewTab({ entity }: { entity: Entity }) {
  const ref = stringifyEntityRef(entity);
  const kind = entity.kind.toLowerCase();
  const groups = (entity.relations ?? []).filter(r => r.type === 'memberOf').map(r => r.targetRef);
  return (
    <Stack spacing={3}>
      <ProcessingErrors entity={entity} />
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 8 }}>
          <AboutCard entity={entity} />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <LinksCard entity={entity} />
        </Grid>
        {kind === 'group' && (
          <Grid size={{ xs: 12, md: 6 }}>
            <RelatedEntitiesCard title="Members" filter={[{ kind: 'user', 'relations.memberOf': ref }]} emptyText="This group has no members." />
          </Grid>
        )}
        {kind === 'user' && (
          <Grid size={{ xs: 12, md: 6 }}>
            <RelatedEntitiesCard title="Groups" filter={[{ kind: 'group', 'relations.hasMember': ref }]} emptyText="This user belongs to no group." />
          </Grid>
        )}
        {(kind === 'group' || kind === 'user') && (
          <Grid size={{ xs: 12, md: 6 }}>
            <RelatedEntitiesCard
              title="Owned entities"
              filter={[{ 'relations.ownedBy': kind === 'user' ? [ref, ...groups] : ref }]}
              emptyText="Nothing in the catalog is owned here."
            />
          </Grid>
        )}
        <Grid size={12}>
          <RelationsCard entity={entity} />
        </Grid>
      </Grid>
    </Stack>
  );
}
