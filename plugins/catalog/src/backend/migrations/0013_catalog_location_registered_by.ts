import type { Migration } from '@portal/backend-common';

/**
 * Each location registered through the API remembers who registered it, so a person can find the
 * locations they registered on the Locations page, also one whose file brought in nothing they
 * own (a missing file, a file that is not an entity). Existing locations have nobody.
 */
export const registeredByMigration: Migration = {
  name: '0013_catalog_location_registered_by',
  up: async knex => {
    await knex.raw(`alter table catalog_locations add column if not exists registered_by text`);
  },
};
