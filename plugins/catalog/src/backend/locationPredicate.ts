import { InputError } from '@portal/backend-common';
import type { CatalogLocation } from '../common/locationTypes.js';

/**
 * Whether a location matches a filter predicate as Backstage's `queryLocations` sends it:
 * `{ field: value }` (all fields match, values compared case-insensitively), `$all`, `$any`,
 * `$not`, and the value operators `$exists` and `$in`.
 */
export function matchesLocationPredicate(location: CatalogLocation, predicate: unknown): boolean {
  if (predicate === undefined || predicate === null) return true;
  if (typeof predicate !== 'object' || Array.isArray(predicate)) throw new InputError('query must be an object');
  const p = predicate as Record<string, unknown>;
  if ('$all' in p) return list(p.$all, '$all').every(q => matchesLocationPredicate(location, q));
  if ('$any' in p) return list(p.$any, '$any').some(q => matchesLocationPredicate(location, q));
  if ('$not' in p) return !matchesLocationPredicate(location, p.$not);
  return Object.entries(p).every(([field, expected]) => matchesValue(fieldOf(location, field), expected, field));
}

function list(value: unknown, operator: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(`query: ${operator} must be a list of predicates`);
  return value;
}

function fieldOf(location: CatalogLocation, field: string): string | undefined {
  const value = (location as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function matchesValue(actual: string | undefined, expected: unknown, field: string): boolean {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const operator = expected as Record<string, unknown>;
    if ('$exists' in operator) return (actual !== undefined) === Boolean(operator.$exists);
    if ('$in' in operator) return list(operator.$in, '$in').some(v => same(actual, v));
    throw new InputError(`query: unknown operator for ${field}`);
  }
  return same(actual, expected);
}

function same(actual: string | undefined, expected: unknown): boolean {
  if (actual === undefined || (typeof expected !== 'string' && typeof expected !== 'number' && typeof expected !== 'boolean')) return false;
  return actual.toLocaleLowerCase('en-US') === String(expected).toLocaleLowerCase('en-US');
}
