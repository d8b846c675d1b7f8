import type { Entity } from '@portal/catalog-model';

export interface SearchRow {
  key: string;
  /** Lower-cased for case-insensitive filters; null for values too long to index. */
  value: string | null;
  /** As written in the entity, for facets. */
  original_value: string | null;
}

/** Longer values (such as an API's definition) only answer "does the key exist". */
export const MAX_SEARCH_VALUE_LENGTH = 200;
const MAX_DEPTH = 12;
const MAX_ROWS = 2000;

/**
 * Flattens an entity into (key, value) rows, as Backstage's search table holds them: keys are
 * lower-cased dotted paths (`metadata.annotations.backstage.io/techdocs-ref`), arrays add one row
 * per item under the same key, and objects inside arrays continue the path (`metadata.links.url`).
 * Relations are not flattened: other entities produce them, so they are filtered from the
 * relations table instead.
 */
export function buildSearchRows(entity: Entity): SearchRow[] {
  const rows: SearchRow[] = [];
  const seen = new Set<string>();
  const add = (key: string, original: string | null) => {
    if (rows.length >= MAX_ROWS) return;
    const tooLong = original !== null && original.length > MAX_SEARCH_VALUE_LENGTH;
    const value = original === null || tooLong ? null : original.toLowerCase();
    const id = `${key}\u0000${value ?? '\u0001'}`;
    if (seen.has(id)) return;
    seen.add(id);
    rows.push({ key, value, original_value: tooLong ? null : original });
  };
  const visit = (path: string, value: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (value === null || value === undefined) {
      add(path, null);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(path, item, depth + 1);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(path ? `${path}.${k.toLowerCase()}` : k.toLowerCase(), v, depth + 1);
    } else {
      add(path, String(value));
    }
  };
  const { relations: _relations, status: _status, ...rest } = entity;
  const { uid: _uid, etag: _etag, ...metadata } = rest.metadata;
  visit('', { ...rest, metadata: { ...metadata, namespace: metadata.namespace ?? 'default' } }, 0);
  return rows;
}
