import { getRelationFields } from './kinds.js';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from './ref.js';
import { reverseRelationType } from './relationTypes.js';
import type { Entity } from './types.js';

export interface EntityRelationPair {
  type: string;
  sourceRef: string;
  targetRef: string;
}

/** The references an entity's spec field holds, as written; non-strings are left to validation. */
export function referencesInField(spec: Record<string, unknown> | undefined, field: string): string[] {
  const value = spec?.[field];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * Every relation the entity's spec implies, in both directions, with canonical refs. References
 * that cannot be parsed yield no relation: validation reports them.
 */
export function getEntityRelations(entity: Entity): EntityRelationPair[] {
  const selfRef = stringifyEntityRef(entity);
  const namespace = entity.metadata.namespace || DEFAULT_NAMESPACE;
  const seen = new Set<string>();
  const result: EntityRelationPair[] = [];
  const add = (type: string, sourceRef: string, targetRef: string) => {
    const key = `${type} ${sourceRef} ${targetRef}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ type, sourceRef, targetRef });
  };
  for (const field of getRelationFields(entity.kind)) {
    for (const raw of referencesInField(entity.spec, field.field)) {
      let target: string;
      try {
        target = stringifyEntityRef(parseEntityRef(raw, { defaultKind: field.defaultKind, defaultNamespace: namespace }));
      } catch {
        continue;
      }
      add(field.relation, selfRef, target);
      add(reverseRelationType(field.relation)!, target, selfRef);
    }
  }
  return result;
}
