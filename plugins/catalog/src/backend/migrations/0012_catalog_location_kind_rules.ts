import type { Migration } from '@portal/backend-common';

/**
 * Each location remembers the kinds its files were last read with. A refresh that finds them
 * changed (catalog.rules edited, a location trusted or no longer trusted) processes every file
 * again, even unchanged ones, so the rules apply to what is already stored and not only to files
 * edited later. Existing locations start without it and are due at once, so the rules in force
 * apply to every file they hold on their next refresh.
 */
export const kindRulesMigration: Migration = {
  name: '0012_catalog_location_kind_rules',
  up: async knex => {
    await knex.raw(`alter table catalog_locations add column if not exists kind_rules text`);
    await knex.raw(`update catalog_locations set next_refresh_at = now()`);
  },
};
