import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import MenuBookOutlinedIcon from '@mui/icons-material/MenuBookOutlined';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { EmptyState, ErrorPanel, fetchJson, PageLayout, Progress } from '@portal/app-api';
import type { Entity } from '@portal/catalog-model';
import { TECHDOCS_REF_ANNOTATION } from '../common/index.js';

interface EntitiesPage {
  items: Entity[];
  totalItems: number;
}

/** /docs: every entity with docs, from the catalog's query API, with search and an owner filter. */
export function DocsListPage() {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const entities = useQuery({
    queryKey: ['techdocs', 'entities'],
    queryFn: () =>
      fetchJson<EntitiesPage>(`/api/catalog/entities/by-query?filter=${encodeURIComponent(`metadata.annotations.${TECHDOCS_REF_ANNOTATION}`)}&limit=500`),
  });
  const owners = useMemo(
    () => [...new Set((entities.data?.items ?? []).map(e => String(e.spec?.owner ?? '')).filter(Boolean))].sort(),
    [entities.data],
  );
  const shown = (entities.data?.items ?? []).filter(e => {
    const haystack = `${e.metadata.name} ${e.metadata.title ?? ''} ${e.metadata.description ?? ''}`.toLowerCase();
    return haystack.includes(text.toLowerCase()) && (!owner || e.spec?.owner === owner);
  });

  return (
    <PageLayout title="Docs" subtitle="Documentation written next to the code, rendered from the same commit.">
      {entities.isPending ? <Progress /> : entities.isError ? <ErrorPanel error={entities.error} title="Could not list the docs" /> : entities.data.items.length === 0 ? (
        <EmptyState
          icon={<MenuBookOutlinedIcon />}
          title="No documentation yet"
          description={<>Docs appear here for catalog entities whose <code>catalog-info.yaml</code> carries <code>{TECHDOCS_REF_ANNOTATION}: dir:.</code>, with a <code>mkdocs.yml</code> and a <code>docs/</code> folder.</>}
        />
      ) : (
        <>
          <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
            <TextField size="small" type="search" label="Search" value={text} onChange={e => setText(e.target.value)} />
            <TextField size="small" select label="Owner" value={owner} onChange={e => setOwner(e.target.value)} sx={{ minWidth: 180 }}>
              <MenuItem value="">Any owner</MenuItem>
              {owners.map(o => <MenuItem key={o} value={o}>{o}</MenuItem>)}
            </TextField>
          </Stack>
          <List aria-label="Entities with docs">
            {shown.map(e => {
              const ns = e.metadata.namespace ?? 'default';
              return (
                <ListItemButton key={`${e.kind}:${ns}/${e.metadata.name}`} component={RouterLink} to={`/docs/${ns}/${e.kind.toLowerCase()}/${e.metadata.name}`}>
                  <ListItemText primary={e.metadata.title ?? e.metadata.name} secondary={[e.metadata.description, e.spec?.owner && `Owner: ${String(e.spec.owner)}`].filter(Boolean).join(' · ')} />
                </ListItemButton>
              );
            })}
          </List>
        </>
      )}
    </PageLayout>
  );
}
