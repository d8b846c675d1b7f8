import { Link as RouterLink } from 'react-router-dom';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Entity } from '@portal/catalog-model';
import { entityRoute, humanizeRef } from '../api.js';
import { InfoCard } from './InfoCard.js';

/** Relations per type; long lists are cut, since the related-entity cards page through them. */
const SHOWN = 25;

const RELATION_LABELS: Record<string, string> = {
  ownedBy: 'Owned by',
  ownerOf: 'Owner of',
  partOf: 'Part of',
  hasPart: 'Has part',
  providesApi: 'Provides API',
  apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API',
  apiConsumedBy: 'API consumed by',
  dependsOn: 'Depends on',
  dependencyOf: 'Dependency of',
  memberOf: 'Member of',
  hasMember: 'Has member',
  childOf: 'Child of',
  parentOf: 'Parent of',
};

export function RelationsCard({ entity }: { entity: Entity }) {
  const byType = new Map<string, string[]>();
  for (const r of entity.relations ?? []) byType.set(r.type, [...(byType.get(r.type) ?? []), r.targetRef]);
  return (
    <InfoCard title="Relations">
      {byType.size === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          This entity has no relations.
        </Typography>
      ) : (
        <Stack spacing={1.5}>
          {[...byType].map(([type, targets]) => (
            <Stack key={type} spacing={0.5} component="section" aria-label={type}>
              <Typography variant="overline" component="h3" sx={{ color: 'text.secondary', lineHeight: 1.5 }}>
                {RELATION_LABELS[type] ?? type}
              </Typography>
              <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {targets.slice(0, SHOWN).map(target => (
                  <Chip key={target} label={humanizeRef(target)} size="small" clickable component={RouterLink} to={entityRoute(target)} variant="outlined" />
                ))}
                {targets.length > SHOWN && <Chip size="small" label={`and ${targets.length - SHOWN} more`} />}
              </Stack>
            </Stack>
          ))}
        </Stack>
      )}
    </InfoCard>
  );
}
