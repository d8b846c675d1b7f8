import { Link as RouterLink } from 'react-router-dom';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DEFAULT_NAMESPACE, type Entity } from '@portal/catalog-model';

export function templatePath(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  return `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(entity.metadata.name)}`;
}

/** `group:default/platform-team` reads as `platform-team`; other kinds and namespaces keep their prefix. */
export function humanizeOwner(owner: unknown): string | undefined {
  if (typeof owner !== 'string' || !owner) return undefined;
  return owner.replace(/^group:/i, '').replace(/^default\//, '');
}

/** `missingActions`: the actions its steps name that this portal lacks; its tasks would be refused. */
export function TemplateCard({ entity, missingActions }: { entity: Entity; missingActions?: string[] }) {
  const title = entity.metadata.title ?? entity.metadata.name;
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
  const owner = humanizeOwner(entity.spec?.owner);
  return (
    <Card variant="outlined" sx={{ height: '100%' }} component="article" aria-label={title}>
      <CardActionArea component={RouterLink} to={templatePath(entity)} sx={{ height: '100%', alignItems: 'stretch', display: 'flex' }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, width: '100%' }}>
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
            <Typography variant="h6" component="h2" sx={{ lineHeight: 1.3 }}>
              {title}
            </Typography>
            {type && <Chip size="small" label={type} color="primary" variant="outlined" />}
          </Stack>
          <Typography variant="body2" sx={{ color: 'text.secondary', flexGrow: 1 }}>
            {entity.metadata.description ?? 'No description.'}
          </Typography>
          {(entity.metadata.tags ?? []).length > 0 && (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {entity.metadata.tags!.map(tag => (
                <Chip key={tag} size="small" label={tag} />
              ))}
            </Stack>
          )}
          {missingActions && missingActions.length > 0 && (
            <Alert severity="warning" variant="outlined" sx={{ py: 0 }}>
              Uses actions this portal lacks: {missingActions.join(', ')}
            </Alert>
          )}
          {owner && (
            <Typography variant="caption" sx={{ color: 'text.secondary' }}>
              Owner: {owner}
            </Typography>
          )}
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
