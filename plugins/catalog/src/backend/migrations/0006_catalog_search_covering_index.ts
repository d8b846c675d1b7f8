import type { Migration } from '@portal/backend-common';

/**
 * Facets read `original_value` for each value they count; carrying it in the (key, value,
 * entity_ref) index makes them index-only scans instead of visiting the table for every row.
 */
export const searchCoveringIndexMigration: Migration = {
  name: '0006_catalog_search_covering_index',
  up: async knex => {
    await knex.raw(`create index catalog_search_key_value_cover_idx on catalog_search (key, value, entity_ref) include (original_value)`);
    await knex.raw(`drop index catalog_search_key_value_idx`);
  },
};
