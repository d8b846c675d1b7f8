import { useMemo } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlineOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';
import { EmptyState, ErrorPanel, PageLayout, Progress } from '@portal/app-api';
import { useActionIds, useTemplates } from '../hooks.js';
import { missingActionsOf } from './missingActions.js';
import { TemplateCard } from './TemplateCard.js';
import { filterTemplates, templateFacets } from './filterTemplates.js';

/** The template gallery at /create; filters live in the URL so a filtered view can be shared. */
export function TemplateGalleryPage() {
  const templates = useTemplates();
  const actionIds = useActionIds();
  const [params, setParams] = useSearchParams();
  // The search params object changes only when the URL does, so the filters are kept with it.
  const filters = useMemo(() => ({ search: params.get('q') ?? '', type: params.get('type') ?? undefined, tags: params.getAll('tag') }), [params]);
  const facets = useMemo(() => templateFacets(templates.data ?? []), [templates.data]);
  const shown = useMemo(() => filterTemplates(templates.data ?? [], filters), [templates.data, filters]);

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
  };
  const toggleTag = (tag: string) =>
    update(next => {
      const tags = next.getAll('tag');
      next.delete('tag');
      for (const kept of tags.includes(tag) ? tags.filter(t => t !== tag) : [...tags, tag]) next.append('tag', kept);
    });

  return (
    <PageLayout
      title="Create"
      subtitle="Start a new project from one of your organisation's software templates."
      actions={
        <>
          <Button component={RouterLink} to="/create/repositories">
            Repositories
          </Button>
          <Button component={RouterLink} to="/create/tasks">
            Tasks
          </Button>
        </>
      }
    >
      {templates.isPending ? (
        <Progress label="Loading templates" />
      ) : templates.isError ? (
        <ErrorPanel error={templates.error} title="Could not load the templates" />
      ) : templates.data.length === 0 ? (
        <EmptyState
          icon={<AddCircleOutlineIcon />}
          title="No templates yet"
          description={
            <>
              Templates are catalog entities of <code>kind: Template</code>: a <code>template.yaml</code> that asks for a few parameters and lists the steps
              that create the repository. Register one with the catalog and it appears here, ready to run.
            </>
          }
        />
      ) : (
        <Stack spacing={2}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label="Search templates"
              value={filters.search}
              onChange={event => update(next => (event.target.value ? next.set('q', event.target.value) : next.delete('q')))}
              sx={{ flex: 1 }}
              slotProps={{
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon />
                    </InputAdornment>
                  ),
                },
              }}
            />
            <TextField
              select
              label="Type"
              value={filters.type ?? ''}
              onChange={event => update(next => (event.target.value ? next.set('type', event.target.value) : next.delete('type')))}
              sx={{ minWidth: 200 }}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">All types</MenuItem>
              {facets.types.map(type => (
                <MenuItem key={type} value={type}>
                  {type}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          {facets.tags.length > 0 && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} role="group" aria-label="Filter by tag">
              <Typography variant="body2" sx={{ color: 'text.secondary', mr: 0.5 }}>
                Tags:
              </Typography>
              {facets.tags.map(tag => {
                const active = filters.tags.includes(tag);
                return (
                  <Chip
                    key={tag}
                    label={tag}
                    size="small"
                    color={active ? 'primary' : 'default'}
                    variant={active ? 'filled' : 'outlined'}
                    onClick={() => toggleTag(tag)}
                    aria-pressed={active}
                  />
                );
              })}
            </Stack>
          )}
          {shown.length === 0 ? (
            <EmptyState
              title="No template matches"
              description="Try other words, or clear the type and tag filters."
              action={<Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>Clear filters</Button>}
            />
          ) : (
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}>
              {shown.map(entity => (
                <TemplateCard
                  key={`${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`}
                  entity={entity}
                  missingActions={missingActionsOf(entity, actionIds.data)}
                />
              ))}
            </Box>
          )}
        </Stack>
      )}
    </PageLayout>
  );
}
