import { InputError } from '@portal/backend-common';
import type { EntityFilter, FilterCondition } from '../CatalogQueries.js';

/**
 * The most AND-groups a predicate may expand to: `$not` over `$all`, or `$all` over several
 * `$any`, multiplies them, and each group is a subquery of every page.
 */
const MAX_GROUPS = 100;

/** No entity matches: a group whose one condition has no values. */
const NOTHING: EntityFilter = [[{ key: 'kind', values: [] }]];

type Primitive = string | number | boolean;

/**
 * Backstage's filter predicate (`query` of the POST query routes, as `@backstage/catalog-client`
 * sends it) as the filter the query SQL reads: OR of AND-groups of conditions. `$not` is pushed
 * down to the conditions, which the SQL negates one by one.
 *
 * Grammar: `{ path: value, … }` (all must hold) where a value is a string, number or boolean
 * (compared case-insensitively as text), `{ $in: [...] }`, `{ $exists: boolean }` or
 * `{ $hasPrefix: string }`; and `{ $all: [...] }`, `{ $any: [...] }`, `{ $not: predicate }`.
 */
export function predicateToFilter(predicate: unknown, path = 'query'): EntityFilter {
  const groups = toGroups(predicate, false, path);
  return groups.length === 0 ? NOTHING : groups;
}

function toGroups(predicate: unknown, negated: boolean, path: string): EntityFilter {
  if (!isRecord(predicate)) throw new InputError(`Invalid body: ${path} must be an object`);
  const entries = Object.entries(predicate);
  const operators = entries.filter(([key]) => key.startsWith('$'));
  if (operators.length > 0) {
    if (entries.length !== 1) throw new InputError(`Invalid body: ${path} must hold ${operators[0]![0]} alone`);
    const [op, operand] = operators[0]!;
    const list = (): unknown[] => {
      if (!Array.isArray(operand)) throw new InputError(`Invalid body: ${path}.${op} must be an array`);
      return operand;
    };
    switch (op) {
      case '$all':
        return combine(
          list().map((p, i) => toGroups(p, negated, `${path}.$all[${i}]`)),
          negated ? 'or' : 'and',
          path,
        );
      case '$any':
        return combine(
          list().map((p, i) => toGroups(p, negated, `${path}.$any[${i}]`)),
          negated ? 'and' : 'or',
          path,
        );
      case '$not':
        return toGroups(operand, !negated, `${path}.$not`);
      default:
        throw new InputError(`Invalid body: ${path} uses ${op}, which the catalog does not support`);
    }
  }
  // `{ a: 1, b: 2 }` is a and b; negated, not a or not b.
  const conditions = entries.map(([key, value]) => fieldCondition(key, value, `${path}.${key}`));
  return negated ? conditions.map(c => [{ ...c, negate: !c.negate }]) : [conditions];
}

function fieldCondition(key: string, value: unknown, path: string): FilterCondition {
  const field = key.trim().toLowerCase();
  if (!field) throw new InputError(`Invalid body: ${path} has an empty key`);
  if (isPrimitive(value)) return { key: field, values: [String(value)] };
  if (!isRecord(value) || Object.keys(value).length !== 1) {
    throw new InputError(`Invalid body: ${path} must be a string, number, boolean or one of $in, $exists, $hasPrefix`);
  }
  const [[op, operand]] = Object.entries(value) as [[string, unknown]];
  if (op === '$exists' && typeof operand === 'boolean') return operand ? { key: field } : { key: field, negate: true };
  if (op === '$in' && Array.isArray(operand) && operand.every(isPrimitive)) return { key: field, values: operand.map(String) };
  if (op === '$hasPrefix' && typeof operand === 'string') return { key: field, prefix: operand };
  if (op === '$exists' || op === '$in' || op === '$hasPrefix') {
    throw new InputError(
      `Invalid body: ${path}.${op} must be ${op === '$exists' ? 'a boolean' : op === '$in' ? 'an array of strings, numbers or booleans' : 'a string'}`,
    );
  }
  throw new InputError(`Invalid body: ${path} uses ${op}, which the catalog does not support`);
}

/** AND of several filters (each an OR of groups) is every pick of one group from each; OR is all groups. */
function combine(filters: EntityFilter[], how: 'and' | 'or', path: string): EntityFilter {
  let result: EntityFilter;
  if (how === 'or') {
    result = filters.flat();
  } else {
    result = [[]];
    for (const filter of filters) {
      result = result.flatMap(group => filter.map(other => [...group, ...other]));
      if (result.length > MAX_GROUPS) break;
    }
  }
  if (result.length > MAX_GROUPS) throw new InputError(`Invalid body: ${path} is too complex (more than ${MAX_GROUPS} alternatives)`);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
