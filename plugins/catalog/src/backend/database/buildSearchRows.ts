import type { Entity } from '@portal/catalog-model';

export interface SearchRow {
  key: string;
  /** Lower-cased for case-insensitive filters; null for values too long to index. */
  value: string | null;
  /**
   * As written in the entity, for facets; null when that is `value` itself (nine rows in ten:
   * words, names, refs), which keeps the two indexes that carry it a good deal smaller.
   */
  original_value: string | null;
}

/** Longer values (such as an API's definition) only answer "does the key exist". */
export const MAX_SEARCH_VALUE_LENGTH = 200;
const MAX_DEPTH = 12;
const MAX_ROWS = 2000;
/** Rows of this key hold the words full-text queries match by prefix. */
export const WORDS_KEY = '$words';
const MAX_WORDS = 64;

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
    rows.push({ key, value, original_value: tooLong || original === value ? null : original });
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
  for (const word of wordsOf(entity)) add(WORDS_KEY, word);
  return rows;
}

/**
 * An entity's full-text document: kind, namespace, name, title, description, tags, type,
 * lifecycle, owner and display name, space-separated.
 */
export function searchTextOf(entity: Entity): string {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const profile = (spec.profile ?? {}) as Record<string, unknown>;
  const parts: unknown[] = [
    entity.kind,
    entity.metadata.namespace,
    entity.metadata.name,
    entity.metadata.title,
    entity.metadata.description,
    ...(entity.metadata.tags ?? []),
    spec.type,
    spec.lifecycle,
    spec.owner,
    profile.displayName,
  ];
  return parts.filter(p => typeof p === 'string' && p.length > 0).join(' ');
}

/**
 * The words of an entity's full-text document: each whole token such as `payments-api` and its
 * parts (`payments`, `api`), so a query word matches any of them by prefix.
 */
export function wordsOf(entity: Entity): string[] {
  const words = new Set<string>();
  for (const token of searchTextOf(entity).toLowerCase().split(/\s+/)) {
    const whole = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (whole) words.add(whole);
    for (const part of whole.split(/[^\p{L}\p{N}]+/u)) if (part) words.add(part);
    if (words.size >= MAX_WORDS) break;
  }
  return [...words].filter(w => w.length <= MAX_SEARCH_VALUE_LENGTH).slice(0, MAX_WORDS);
}
