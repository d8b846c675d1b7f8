/**
 * What a YAML document that is not a valid catalog entity looks like instead, so the person who
 * pasted its URL learns why nothing would be added and what to register. Only asked about
 * documents that failed validation: a valid entity is never described as something else.
 */

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Kinds a Kubernetes manifest has that no catalog entity has. */
const KUBERNETES_KINDS = new Set([
  'deployment',
  'statefulset',
  'daemonset',
  'replicaset',
  'pod',
  'service',
  'ingress',
  'configmap',
  'secret',
  'job',
  'cronjob',
  'namespace',
  'serviceaccount',
  'role',
  'rolebinding',
  'clusterrole',
  'clusterrolebinding',
  'persistentvolumeclaim',
  'horizontalpodautoscaler',
  'networkpolicy',
  'customresourcedefinition',
  'kustomization',
]);

const isBackstageApiVersion = (apiVersion: string) => /^([a-z0-9-]+\.)*backstage\.io\//i.test(apiVersion);

const ENTITY_SHAPE = 'A catalog entity has apiVersion backstage.io/v1alpha1, kind, metadata.name and spec';

/**
 * A sentence for the problem stored on the file, e.g. "Not a catalog entity: this looks like an
 * MkDocs configuration (site_name, nav) …"; undefined when the document looks like an entity that
 * merely has mistakes, whose validation problems say more.
 */
export function describeNonEntity(data: unknown): string | undefined {
  if (!isMapping(data)) return undefined;
  const apiVersion = typeof data.apiVersion === 'string' ? data.apiVersion : undefined;
  const kind = typeof data.kind === 'string' ? data.kind : undefined;
  const keys = Object.keys(data);
  const has = (...names: string[]) => names.every(name => name in data);

  if (kind?.toLowerCase() === 'template' && apiVersion && /v1beta2$|v1alpha1$/.test(apiVersion) && apiVersion.includes('scaffolder')) {
    return (
      `Not a catalog entity the portal reads: this is a Template of ${apiVersion}, which is retired. ` +
      'Move it to scaffolder.backstage.io/v1beta3 (parameters and steps in the v1beta3 form, ${{ }} expressions)'
    );
  }
  if (typeof data.site_name === 'string') {
    return (
      `Not a catalog entity: this looks like an MkDocs configuration (${keys.filter(k => ['site_name', 'nav', 'docs_dir', 'plugins'].includes(k)).join(', ')}). ` +
      'TechDocs reads it through the backstage.io/techdocs-ref annotation of the entity beside it; register that catalog-info.yaml instead'
    );
  }
  if (typeof data.openapi === 'string' || typeof data.swagger === 'string' || typeof data.asyncapi === 'string') {
    const format = typeof data.asyncapi === 'string' ? 'AsyncAPI' : 'OpenAPI';
    return (
      `Not a catalog entity: this looks like an ${format} document. ` +
      `Describe it with an API entity (spec.type ${format.toLowerCase()}) whose spec.definition holds it, and register that file`
    );
  }
  if (has('jobs') && ('on' in data || 'true' in data)) {
    return "Not a catalog entity: this looks like a GitHub Actions workflow (on, jobs). Register the repository's catalog-info.yaml instead";
  }
  if (apiVersion && kind && !isBackstageApiVersion(apiVersion)) {
    const k8s = KUBERNETES_KINDS.has(kind.toLowerCase()) || /(^v1$|^apps\/|^batch\/|k8s\.io\/|^networking\.)/.test(apiVersion);
    if (k8s) {
      return (
        `Not a catalog entity: this looks like a Kubernetes manifest (kind ${kind}, apiVersion ${apiVersion}). ` +
        'Link workloads to a Component with the backstage.io/kubernetes-id annotation instead'
      );
    }
    return `Not a catalog entity: apiVersion ${apiVersion} is not a Backstage one. ${ENTITY_SHAPE}`;
  }
  if (apiVersion === undefined && kind === undefined) {
    if (has('services') && (has('version') || isMapping(data.services))) {
      return "Not a catalog entity: this looks like a Docker Compose file (services). Register the repository's catalog-info.yaml instead";
    }
    const shown = keys.slice(0, 5).join(', ');
    return `Not a catalog entity: the document has no apiVersion and kind${shown ? ` (its keys: ${shown}${keys.length > 5 ? ', …' : ''})` : ''}. ${ENTITY_SHAPE}`;
  }
  return undefined;
}
