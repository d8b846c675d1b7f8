import type { Migration } from '@portal/backend-common';

/**
 * Entities are stored as `json`, not `jsonb`: jsonb sorts object keys, and the order of a
 * Template's parameters (its form fields) and of an API definition's keys is part of what the
 * author wrote. Entities stored before this keep jsonb's order, so every location re-reads every
 * file on its next refresh (file hashes cleared, `force_full`) and rewrites every entity (its hash
 * no longer matches), which restores the order as written.
 */
export const entityJsonMigration: Migration = {
  name: '0005_catalog_entity_json',
  up: async knex => {
    await knex.raw(`alter table catalog_entities alter column entity type json using entity::json`);
    await knex.raw(`update catalog_entities set hash = 'jsonb:' || hash`);
    await knex.raw(`update catalog_location_files set hash = ''`);
    await knex.raw(`update catalog_locations set force_full = true, next_refresh_at = now()`);
  },
};
