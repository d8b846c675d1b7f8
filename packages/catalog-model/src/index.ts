export type { CompoundEntityRef, Entity, EntityLink, EntityMeta, EntityRelation, EntityStatusItem, JsonObject, ValidationProblem } from './types.js';
export { DEFAULT_NAMESPACE, getCompoundEntityRef, parseEntityRef, stringifyEntityRef } from './ref.js';
export type { EntityRefContext } from './ref.js';
export { ENTITY_KINDS, getDefaultKindForField, getRelationFields, KIND_DEFINITIONS, kindIgnoringCase } from './kinds.js';
export type { EntityKind, RelationField } from './kinds.js';
export {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PAIRS,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
  reverseRelationType,
} from './relationTypes.js';
export { getEntityRelations, referencesInField } from './relations.js';
export type { EntityRelationPair } from './relations.js';
export { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_BYTES, DEFAULT_MAX_DOCUMENTS, fileTooLargeProblem, formatBytes, parseEntityYaml } from './parseEntityYaml.js';
export type { ParsedDocument, ParseEntityYamlOptions } from './parseEntityYaml.js';
export { validateEntity } from './validation/validateEntity.js';
export type { ValidateEntityContext } from './validation/validateEntity.js';
export {
  isSafeLinkUrl,
  isValidAnnotationKey,
  isValidApiVersion,
  isValidDnsLabel,
  isValidDnsSubdomain,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidObjectName,
  isValidTag,
} from './validation/rules.js';
