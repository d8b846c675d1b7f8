import type { Migration } from '@portal/backend-common';

/**
 * Every entity writes about forty search rows, so each row's cost decides how fast a large
 * location is ingested. The search rows' foreign key checked the entity once per row; the code
 * that deletes entities deletes their rows in the same statement batch instead (deleteEntities,
 * deleteLocationTree). The tsvector column and its GIN index were never queried (full-text
 * filters match the `$words` rows), so they and the text they were built from go, as does the
 * relations' (target_ref, type) index: reverse lookups and relation filters name the type first
 * and use (lower(type), target_ref, source_ref).
 */
export const lighterWritesMigration: Migration = {
  name: '0008_catalog_lighter_writes',
  up: async knex => {
    await knex.raw(`alter table catalog_search drop constraint if exists catalog_search_entity_ref_foreign`);
    await knex.raw(`drop index if exists catalog_entities_search_idx`);
    await knex.raw(`alter table catalog_entities drop column if exists search`);
    await knex.raw(`alter table catalog_entities drop column if exists search_text`);
    await knex.raw(`drop index if exists catalog_relations_target_ref_type_index`);
  },
};
