import type { Knex } from 'knex';
import type { Migration } from '@portal/backend-common';
import type { Entity } from '@portal/catalog-model';
import { replaceSearchRows } from './replaceSearchRows.js';
import { TABLES } from './tables.js';

/** One (key, value) pair of an entity's flattened paths; see buildSearchRows. */
/** Rebuilds every entity's search rows, a thousand entities at a time, in ref order. */
async function rewriteAllSearchRows(knex: Knex): Promise<void> {
  let after = '';
  for (;;) {
    const batch = (await knex(TABLES.entities).select('entity_ref', 'entity').where('entity_ref', '>', after).orderBy('entity_ref').limit(1000)) as Array<{
      entity_ref: string;
      entity: Entity;
    }>;
    if (batch.length === 0) break;
    await replaceSearchRows(knex, batch.map(row => ({ ref: row.entity_ref, entity: row.entity })));
    after = batch[batch.length - 1]!.entity_ref;
  }
}

export const SEARCH_TABLE = 'catalog_search';

export interface DbSearchRow {
  entity_ref: string;
  key: string;
  value: string | null;
  original_value: string | null;
}

/**
 * The search table and the indexes the query API needs at 100,000 entities: (key, value,
 * entity_ref) answers filters with index-only scans already ordered by entity_ref, which is also
 * the default page order; the trigram-free LIKE of full-text-by-field scans only the named keys.
 */
export const searchTableMigration: Migration = {
  name: '0002_catalog_search',
  up: async knex => {
    await knex.schema.createTable(SEARCH_TABLE, t => {
      t.text('entity_ref').notNullable().references('entity_ref').inTable(TABLES.entities).onDelete('CASCADE');
      t.text('key').notNullable();
      t.text('value');
      t.text('original_value');
    });
    await knex.raw(`create index catalog_search_key_value_idx on ${SEARCH_TABLE} (key, value, entity_ref)`);
    await knex.raw(`create index catalog_search_entity_idx on ${SEARCH_TABLE} (entity_ref, key)`);
    // Lower-cased relation types, for `relations.ownedby=group:default/x` filters.
    await knex.raw(`create index catalog_relations_lower_type_idx on ${TABLES.relations} (lower(type), target_ref, source_ref)`);
    // Entities ingested before this migration get their rows now.
    await rewriteAllSearchRows(knex);
  },
};

/**
 * Filters combine (key, value) pairs whose frequencies are strongly correlated (`key` alone says
 * little about `value`); multi-column statistics give the planner the real row counts, so it
 * merges the sorted index scans instead of looping over a wrong guess.
 */
export const searchStatisticsMigration: Migration = {
  name: '0003_catalog_search_statistics',
  up: async knex => {
    await knex.raw(`create statistics catalog_search_key_value_stats (mcv, dependencies) on key, value from ${SEARCH_TABLE}`);
    await knex.raw(`alter table ${SEARCH_TABLE} alter column key set statistics 1000`);
    await knex.raw(`alter table ${SEARCH_TABLE} alter column value set statistics 1000`);
    await knex.raw(`analyze ${SEARCH_TABLE}`);
  },
};

/**
 * Values compare byte-wise (collation "C"), so `value like 'pay%'` is an index range scan: the
 * full-text words (key `$words`) are matched by prefix through the (key, value, entity_ref) index.
 * Rewrites every entity's rows, which now include those words.
 */
export const searchWordsMigration: Migration = {
  name: '0004_catalog_search_words',
  up: async knex => {
    await knex.raw(`alter table ${SEARCH_TABLE} alter column value type text collate "C"`);
    await rewriteAllSearchRows(knex);
    await knex.raw(`analyze ${SEARCH_TABLE}`);
  },
};

/**
 * Facets read `original_value` for each value they count; carrying it in the (key, value,
 * entity_ref) index makes them index-only scans instead of visiting the table for every row.
 */
export const searchCoveringIndexMigration: Migration = {
  name: '0006_catalog_search_covering_index',
  up: async knex => {
    await knex.raw(`create index catalog_search_key_value_cover_idx on ${SEARCH_TABLE} (key, value, entity_ref) include (original_value)`);
    await knex.raw(`drop index catalog_search_key_value_idx`);
  },
};
