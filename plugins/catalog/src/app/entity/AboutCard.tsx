import { Link as RouterLink } from 'react-router-dom';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { entityRoute, humanizeRef, useEntitiesByRefs } from '../api.js';
import { InfoCard } from './InfoCard.js';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Where the entity's source lives, from the location annotations the catalog sets. */
function sourceLinks(entity: Entity): { source?: string; view?: string; edit?: string } {
  const a = entity.metadata.annotations ?? {};
  const strip = (v?: string) => (v?.startsWith('url:') ? v.slice(4) : undefined);
  return {
    source: strip(a['backstage.io/source-location']),
    view: a['backstage.io/view-url'] ?? strip(a['backstage.io/managed-by-location']),
    edit: a['backstage.io/edit-url'],
  };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6 }}>
      <Typography variant="overline" component="h3" sx={{ color: 'text.secondary', lineHeight: 1.5 }}>
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children ?? '—'}
      </Typography>
    </Grid>
  );
}

function RefLink({ refText, defaultKind }: { refText?: string; defaultKind: string }) {
  if (!refText) return null;
  const full = refText.includes(':') ? refText : `${defaultKind}:${refText}`;
  return (
    <Link component={RouterLink} to={entityRoute(full)}>
      {humanizeRef(full, defaultKind)}
    </Link>
  );
}

/** The entity's system as a full ref, when its domain has to come from that system. */
function systemForDomain(entity: Entity): string | undefined {
  const spec = entity.spec ?? {};
  const system = str(spec.system);
  if (!system || str(spec.domain)) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(system, { defaultKind: 'system', defaultNamespace: entity.metadata.namespace ?? 'default' }));
  } catch {
    return undefined;
  }
}

export function AboutCard({ entity }: { entity: Entity }) {
  const spec = entity.spec ?? {};
  const links = sourceLinks(entity);
  // A component's domain is its system's, as Backstage shows it.
  const systemRef = systemForDomain(entity);
  const system = useEntitiesByRefs(systemRef ? [systemRef] : [], ['kind', 'metadata.namespace', 'metadata.name', 'spec.domain']);
  const systemEntity = system.data?.items[0] ?? undefined;
  const domain = str(spec.domain) ?? str(systemEntity?.spec?.domain);
  const domainRef = domain && !domain.includes(':') && systemEntity ? `domain:${systemEntity.metadata.namespace ?? 'default'}/${domain}` : domain;
  return (
    <InfoCard
      title="About"
      action={
        <Stack direction="row" spacing={1}>
          {links.view && (
            <Button size="small" href={links.view} target="_blank" rel="noreferrer" startIcon={<OpenInNewIcon />}>
              View source
            </Button>
          )}
          {links.edit && (
            <Button size="small" href={links.edit} target="_blank" rel="noreferrer" startIcon={<EditOutlinedIcon />}>
              Edit
            </Button>
          )}
        </Stack>
      }
    >
      <Typography variant="body1" sx={{ mb: 2 }}>
        {entity.metadata.description ?? <em>No description</em>}
      </Typography>
      <Grid container spacing={2}>
        <Field label="Owner">{str(spec.owner) ? <RefLink refText={str(spec.owner)} defaultKind="group" /> : undefined}</Field>
        <Field label="System">{str(spec.system) ? <RefLink refText={str(spec.system)} defaultKind="system" /> : undefined}</Field>
        <Field label="Domain">{domainRef ? <RefLink refText={domainRef} defaultKind="domain" /> : undefined}</Field>
        <Field label="Type">{str(spec.type)}</Field>
        <Field label="Lifecycle">{str(spec.lifecycle)}</Field>
        <Field label="Tags">
          {(entity.metadata.tags ?? []).length > 0 ? (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {entity.metadata.tags!.map(t => (
                <Chip key={t} label={t} size="small" />
              ))}
            </Stack>
          ) : undefined}
        </Field>
        <Field label="Source">
          {links.source ? (
            <Link href={links.source} target="_blank" rel="noreferrer" sx={{ wordBreak: 'break-all' }}>
              {links.source}
            </Link>
          ) : (
            str(entity.metadata.annotations?.['backstage.io/managed-by-location'])
          )}
        </Field>
      </Grid>
    </InfoCard>
  );
}
