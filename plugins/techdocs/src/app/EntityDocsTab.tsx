import { useParams } from 'react-router-dom';
import type { Entity } from '@portal/catalog-model';
import { DocsReader } from './DocsReaderPage.js';

/** The Docs tab of an entity page; pages live under <entity page>/docs/<page path>. */
export function EntityDocsTab({ entity }: { entity: Entity }) {
  const params = useParams();
  const namespace = entity.metadata.namespace ?? 'default';
  const kind = entity.kind.toLowerCase();
  const name = entity.metadata.name;
  return <DocsReader entity={{ namespace, kind, name }} pagePath={params['*'] ?? ''} base={`/docs/${namespace}/${kind}/${name}`} />;
}
