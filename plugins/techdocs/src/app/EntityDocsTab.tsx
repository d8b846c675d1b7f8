import { useParams } from 'react-router-dom';
import type { Entity } from '@portal/catalog-model';
import { DocsReader } from './DocsReaderPage.js';
import { entityDocsRoute } from './docsRoutes.js';

/** The Docs tab of an entity page: pages live under <entity page>/docs/<page path>, links stay there. */
export function EntityDocsTab({ entity }: { entity: Entity }) {
  const params = useParams();
  const name = { namespace: entity.metadata.namespace ?? 'default', kind: entity.kind.toLowerCase(), name: entity.metadata.name };
  return <DocsReader entity={name} pagePath={params['*'] ?? ''} base={entityDocsRoute(name)} embedded />;
}
