import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type { IndexDocument } from '../database/tables.js';

/** Characters of an entity's other fields kept for full text; the rest adds little to a match. */
const MAX_BODY = 20_000;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** The app path of an entity's page, as the catalog's pages route it. */
export function entityLocation(ref: { kind: string; namespace: string; name: string }): string {
  return `/catalog/${[ref.namespace, ref.kind.toLowerCase(), ref.name].map(encodeURIComponent).join('/')}`;
}

/** `team-a` → `group:default/team-a`, as the catalog reads an owner; undefined when it is not a ref. */
export function ownerRefOf(owner: string | undefined, namespace: string): string | undefined {
  if (!owner) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: namespace }));
  } catch {
    return undefined;
  }
}

/**
 * The documents one entity gives the index: its catalog document (every kind; Users and Groups
 * by display name and email too), and for a Template also a template document that opens its
 * Create page.
 */
export function documentsOfEntity(entity: Entity): IndexDocument[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const ref = stringifyEntityRef({ kind: entity.kind, namespace, name: entity.metadata.name });
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const profile = (spec.profile ?? {}) as Record<string, unknown>;
  const title = str(entity.metadata.title) ?? str(profile.displayName) ?? entity.metadata.name;
  const tags = (entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string').map(t => t.toLowerCase());
  const summary = [entity.metadata.description, str(profile.email), ...tags].filter(Boolean).join(' ');
  const body = [
    entity.metadata.name,
    entity.kind,
    str(spec.type),
    str(spec.owner),
    str(spec.system),
    str(spec.lifecycle),
    ...Object.values(entity.metadata.labels ?? {}),
    ...(entity.metadata.links ?? []).map(l => l.title ?? ''),
  ]
    .filter(Boolean)
    .join(' ')
    .slice(0, MAX_BODY);
  const common = {
    entityRef: ref,
    name: entity.metadata.name,
    title,
    summary,
    body,
    kind: entity.kind,
    specType: str(spec.type),
    owner: ownerRefOf(str(spec.owner), namespace),
    lifecycle: str(spec.lifecycle),
    namespace,
    tags,
  };
  const documents: IndexDocument[] = [
    {
      ...common,
      id: `software-catalog:${ref}`,
      type: 'software-catalog',
      location: entityLocation({ kind: entity.kind, namespace, name: entity.metadata.name }),
    },
  ];
  if (entity.kind.toLowerCase() === 'template') {
    documents.push({
      ...common,
      id: `templates:${ref}`,
      type: 'templates',
      location: `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(entity.metadata.name)}`,
    });
  }
  return documents;
}
