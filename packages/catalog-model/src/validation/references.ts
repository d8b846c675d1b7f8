import { kindIgnoringCase, getRelationFields } from '../kinds.js';
import { DEFAULT_NAMESPACE, parseEntityRef } from '../ref.js';
import { isValidKind, isValidNamespace, isValidObjectName } from './rules.js';

export interface ReferenceProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Checks the entity references in relation fields. Backstage's schemas accept any string there,
 * but its processing fails an entity whose reference cannot be parsed (or names no kind where
 * the field has no default), so those are errors; odd-looking targets are warnings.
 */
export function checkReferences(kind: string, namespace: string | undefined, spec: Record<string, unknown>): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const field of getRelationFields(kind)) {
    const value = spec[field.field];
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [`spec.${field.field}.${i}`, v]) : [[`spec.${field.field}`, value]];
    for (const [path, raw] of entries) {
      if (typeof raw !== 'string' || raw === '') continue;
      let ref;
      try {
        ref = parseEntityRef(raw, { defaultKind: field.defaultKind, defaultNamespace: namespace || DEFAULT_NAMESPACE });
      } catch (error) {
        problems.push({ path, message: `${path}: ${(error as Error).message}`, severity: 'error' });
        continue;
      }
      const targetKind = kindIgnoringCase(ref.kind);
      if (!isValidKind(ref.kind) || !isValidNamespace(ref.namespace.toLowerCase()) || !isValidObjectName(ref.name)) {
        problems.push({ path, message: `${path} refers to "${raw}", which no valid entity can have as its reference`, severity: 'warning' });
      } else if (!targetKind) {
        problems.push({ path, message: `${path} refers to an entity of the unknown kind "${ref.kind}"`, severity: 'warning' });
      } else if (field.allowedKinds && !field.allowedKinds.includes(targetKind)) {
        const allowed = field.allowedKinds.join(' or ');
        problems.push({ path, message: `${path} should refer to a ${allowed}, not a ${targetKind}`, severity: 'warning' });
      }
    }
  }
  return problems;
}
