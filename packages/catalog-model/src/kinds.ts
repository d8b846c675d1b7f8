import {
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from './relationTypes.js';

export const ENTITY_KINDS = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A spec field that holds entity references, and the relation it implies. */
export interface RelationField {
  field: string;
  relation: string;
  /** Kind assumed when the reference names none; undefined means the reference must name one. */
  defaultKind?: EntityKind;
  /** Kinds the target should have; anything else is reported as a warning. */
  allowedKinds?: readonly EntityKind[];
  many: boolean;
}

const CORE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

const owner: RelationField = {
  field: 'owner',
  relation: RELATION_OWNED_BY,
  defaultKind: 'Group',
  allowedKinds: ['Group', 'User'],
  many: false,
};
const system: RelationField = { field: 'system', relation: RELATION_PART_OF, defaultKind: 'System', many: false };
const dependsOn: RelationField = { field: 'dependsOn', relation: RELATION_DEPENDS_ON, many: true };
const dependencyOf: RelationField = { field: 'dependencyOf', relation: RELATION_DEPENDENCY_OF, many: true };

export const KIND_DEFINITIONS: Record<EntityKind, { apiVersions: readonly string[]; relationFields: readonly RelationField[] }> = {
  Component: {
    apiVersions: CORE_API_VERSIONS,
    relationFields: [
      owner,
      system,
      { field: 'subcomponentOf', relation: RELATION_PART_OF, defaultKind: 'Component', many: false },
      { field: 'providesApis', relation: RELATION_PROVIDES_API, defaultKind: 'API', many: true },
      { field: 'consumesApis', relation: RELATION_CONSUMES_API, defaultKind: 'API', many: true },
      dependsOn,
      dependencyOf,
    ],
  },
  API: { apiVersions: CORE_API_VERSIONS, relationFields: [owner, system] },
  Resource: { apiVersions: CORE_API_VERSIONS, relationFields: [owner, system, dependsOn, dependencyOf] },
  System: {
    apiVersions: CORE_API_VERSIONS,
    relationFields: [owner, { field: 'domain', relation: RELATION_PART_OF, defaultKind: 'Domain', many: false }],
  },
  Domain: {
    apiVersions: CORE_API_VERSIONS,
    relationFields: [owner, { field: 'subdomainOf', relation: RELATION_PART_OF, defaultKind: 'Domain', many: false }],
  },
  Group: {
    apiVersions: CORE_API_VERSIONS,
    relationFields: [
      { field: 'parent', relation: RELATION_CHILD_OF, defaultKind: 'Group', allowedKinds: ['Group'], many: false },
      { field: 'children', relation: RELATION_PARENT_OF, defaultKind: 'Group', allowedKinds: ['Group'], many: true },
      { field: 'members', relation: RELATION_HAS_MEMBER, defaultKind: 'User', allowedKinds: ['User'], many: true },
    ],
  },
  User: {
    apiVersions: CORE_API_VERSIONS,
    relationFields: [{ field: 'memberOf', relation: RELATION_MEMBER_OF, defaultKind: 'Group', allowedKinds: ['Group'], many: true }],
  },
  Location: { apiVersions: CORE_API_VERSIONS, relationFields: [] },
  Template: { apiVersions: ['scaffolder.backstage.io/v1beta3'], relationFields: [owner, system] },
};

/** The known kind spelled exactly as given, or undefined. Kinds are case-sensitive in files. */
export function knownKind(kind: unknown): EntityKind | undefined {
  return ENTITY_KINDS.find(k => k === kind);
}

/** The known kind that `kind` matches ignoring case, for refs and for "did you mean" hints. */
export function kindIgnoringCase(kind: string): EntityKind | undefined {
  const lower = kind.toLowerCase();
  return ENTITY_KINDS.find(k => k.toLowerCase() === lower);
}

export function getRelationFields(kind: string): readonly RelationField[] {
  const known = kindIgnoringCase(kind);
  return known ? KIND_DEFINITIONS[known].relationFields : [];
}

/**
 * The kind a reference in `spec.<field>` of an entity of `kind` defaults to (owner → Group,
 * system → System, …), or undefined when the reference must name its kind.
 */
export function getDefaultKindForField(kind: string, field: string): EntityKind | undefined {
  const name = field.startsWith('spec.') ? field.slice(5) : field;
  return getRelationFields(kind).find(f => f.field === name)?.defaultKind;
}
