import { Link as RouterLink, Route, Routes, useLocation, useParams } from 'react-router-dom';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { EmptyState, ErrorPanel, PageLayout, Progress, useEntityTabs } from '@portal/app-api';
import type { Entity } from '@portal/catalog-model';
import { entityRoute, useEntity } from '../api.js';
import { ApiDefinition } from './ApiDefinition.js';
import { DependencyGraph } from './DependencyGraph.js';
import { EntityHeader } from './EntityHeader.js';
import { LocationProblemsBanner } from './LocationProblemsBanner.js';
import { OverviewTab } from './OverviewTab.js';

interface PageTab {
  id: string;
  title: string;
  path: string;
  render(entity: Entity): React.ReactNode;
}

const ownTabs = (entity: Entity): PageTab[] => [
  { id: 'overview', title: 'Overview', path: '', render: e => <OverviewTab entity={e} /> },
  ...(entity.kind.toLowerCase() === 'api'
    ? [{ id: 'definition', title: 'Definition', path: 'definition', render: (e: Entity) => <ApiDefinition entity={e} /> }]
    : []),
  { id: 'dependencies', title: 'Dependencies', path: 'dependencies', render: e => <DependencyGraph entity={e} /> },
];

/** /catalog/:namespace/:kind/:name/* — the entity, its tabs and the tabs other plugins add. */
export function EntityPage() {
  const { namespace = 'default', kind = '', name = '' } = useParams();
  const entity = useEntity({ kind, namespace, name });
  const pluginTabs = useEntityTabs();
  const location = useLocation();

  if (entity.isLoading) return <Progress label="Loading entity" />;
  if (entity.isError || !entity.data) {
    const notFound = (entity.error as { statusCode?: number } | null)?.statusCode === 404;
    return (
      <PageLayout title={name} tabTitle={`${name} · Catalog`}>
        {notFound ? (
          <EmptyState
            title="No such entity"
            description={`The catalog has no ${kind} named ${namespace}/${name}. It may have been removed or renamed.`}
            action={
              <Button component={RouterLink} to="/catalog" variant="outlined">
                Back to the catalog
              </Button>
            }
          />
        ) : (
          <ErrorPanel error={entity.error} title="Could not load this entity" />
        )}
      </PageLayout>
    );
  }
  const e = entity.data;
  const base = entityRoute(e);
  const tabs: PageTab[] = [...ownTabs(e), ...pluginTabs.filter(t => !t.if || t.if(e)).map(t => ({ id: t.id, title: t.title, path: t.path, render: t.render }))];
  const rest = decodeURIComponent(location.pathname).slice(decodeURIComponent(base).length).replace(/^\//, '');
  const current = tabs.filter(t => t.path !== '').find(t => rest === t.path || rest.startsWith(`${t.path}/`)) ?? tabs[0]!;

  return (
    <PageLayout
      title={e.metadata.title ?? e.metadata.name}
      tabTitle={`${e.metadata.title ?? e.metadata.name} · ${current.title}`}
      subtitle={<EntityHeader entity={e} />}
    >
      <LocationProblemsBanner entity={e} />
      <Tabs value={current.id} variant="scrollable" aria-label="Entity tabs" sx={{ mb: 3, mt: -2, borderBottom: 1, borderColor: 'divider' }}>
        {tabs.map(t => (
          <Tab key={t.id} value={t.id} label={t.title} component={RouterLink} to={t.path ? `${base}/${t.path}` : base} />
        ))}
      </Tabs>
      <Box>
        <Routes>
          {tabs.map(t => (
            <Route key={t.id} path={t.path ? `${t.path}/*` : ''} element={t.render(e)} />
          ))}
          <Route path="*" element={<EmptyState title="No such tab" description="This entity has no tab at this address." />} />
        </Routes>
      </Box>
    </PageLayout>
  );
}
