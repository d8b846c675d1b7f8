import type { Migration } from '@portal/backend-common';

/**
 * Filters combine (key, value) pairs whose frequencies are strongly correlated (`key` alone says
 * little about `value`); multi-column statistics give the planner the real row counts, so it
 * merges the sorted index scans instead of looping over a wrong guess.
 */
export const searchStatisticsMigration: Migration = {
  name: '0003_catalog_search_statistics',
  up: async knex => {
    await knex.raw(`create statistics catalog_search_key_value_stats (mcv, dependencies) on key, value from catalog_search`);
    await knex.raw(`alter table catalog_search alter column key set statistics 1000`);
    await knex.raw(`alter table catalog_search alter column value set statistics 1000`);
    await knex.raw(`analyze catalog_search`);
  },
};
