import type { Migration } from '@portal/backend-common';
import { rewriteAllSearchRows } from './0002_catalog_search.js';

/**
 * Values compare byte-wise (collation "C"), so `value like 'pay%'` is an index range scan: the
 * full-text words (key `$words`) are matched by prefix through the (key, value, entity_ref) index.
 * Rewrites every entity's rows, which now include those words, with the builder frozen in 0002.
 */
export const searchWordsMigration: Migration = {
  name: '0004_catalog_search_words',
  up: async knex => {
    await knex.raw(`alter table catalog_search alter column value type text collate "C"`);
    await rewriteAllSearchRows(knex);
    await knex.raw(`analyze catalog_search`);
  },
};
