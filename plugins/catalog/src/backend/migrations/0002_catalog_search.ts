import type { Knex } from 'knex';
import type { Migration } from '@portal/backend-common';

/**
 * The search table and the indexes the query API needs at 100,000 entities: (key, value,
 * entity_ref) answers filters with index-only scans already ordered by entity_ref, which is also
 * the default page order; the trigram-free LIKE of full-text-by-field scans only the named keys.
 * Entities stored before it get their rows at once.
 */
export const searchTableMigration: Migration = {
  name: '0002_catalog_search',
  up: async knex => {
    await knex.schema.createTable('catalog_search', t => {
      t.text('entity_ref').notNullable().references('entity_ref').inTable('catalog_entities').onDelete('CASCADE');
      t.text('key').notNullable();
      t.text('value');
      t.text('original_value');
    });
    await knex.raw(`create index catalog_search_key_value_idx on catalog_search (key, value, entity_ref)`);
    await knex.raw(`create index catalog_search_entity_idx on catalog_search (entity_ref, key)`);
    // Lower-cased relation types, for `relations.ownedby=group:default/x` filters.
    await knex.raw(`create index catalog_relations_lower_type_idx on catalog_relations (lower(type), target_ref, source_ref)`);
    await rewriteAllSearchRows(knex);
  },
};

// Everything below is a copy of the catalog's search-row builder (../database/buildSearchRows.ts
// and replaceSearchRows.ts), frozen on purpose: a step that has already run on some databases must
// do the same on every other one, so it never follows later changes to the live builder.

/** An entity as stored in catalog_entities.entity. */
interface StoredEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    tags?: string[];
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

interface SearchRow {
  key: string;
  value: string | null;
  original_value: string | null;
}

const MAX_SEARCH_VALUE_LENGTH = 200;
const MAX_DEPTH = 12;
const MAX_ROWS = 2000;
const WORDS_KEY = '$words';
const MAX_WORDS = 64;

/**
 * Rebuilds every entity's search rows, a thousand entities at a time, in ref order. Also run by
 * 0004_catalog_search_words, whose rows must include the full-text words.
 */
export async function rewriteAllSearchRows(knex: Knex): Promise<void> {
  let after = '';
  for (;;) {
    const batch = (await knex('catalog_entities').select('entity_ref', 'entity').where('entity_ref', '>', after).orderBy('entity_ref').limit(1000)) as Array<{
      entity_ref: string;
      entity: StoredEntity;
    }>;
    if (batch.length === 0) break;
    await knex.raw(`delete from catalog_search where entity_ref = any(array(select jsonb_array_elements_text(?::jsonb)))`, [
      JSON.stringify(batch.map(row => row.entity_ref)),
    ]);
    const rows = batch.flatMap(row => buildSearchRows(row.entity).map(search => ({ entity_ref: row.entity_ref, ...search })));
    for (let i = 0; i < rows.length; i += 10_000) {
      await knex.raw(
        `insert into catalog_search (entity_ref, key, value, original_value)
           select x.entity_ref, x.key, x.value, x.original_value
             from json_to_recordset(?::json) as x(entity_ref text, key text, value text, original_value text)`,
        [JSON.stringify(rows.slice(i, i + 10_000))],
      );
    }
    after = batch[batch.length - 1]!.entity_ref;
  }
}

/**
 * Flattens an entity into (key, value) rows: keys are lower-cased dotted paths, arrays add one row
 * per item under the same key, objects inside arrays continue the path; relations and status are
 * left out; the full-text words go under `$words`.
 */
function buildSearchRows(entity: StoredEntity): SearchRow[] {
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

function searchTextOf(entity: StoredEntity): string {
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

function wordsOf(entity: StoredEntity): string[] {
  const words = new Set<string>();
  for (const token of searchTextOf(entity).toLowerCase().split(/\s+/)) {
    const whole = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (whole) words.add(whole);
    for (const part of whole.split(/[^\p{L}\p{N}]+/u)) if (part) words.add(part);
    if (words.size >= MAX_WORDS) break;
  }
  return [...words].filter(w => w.length <= MAX_SEARCH_VALUE_LENGTH).slice(0, MAX_WORDS);
}
