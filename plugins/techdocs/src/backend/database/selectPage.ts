import type { Knex } from 'knex';
import type { DbPageRow, StoredPage } from './tables.js';

export async function selectPage(knex: Knex, options: { entityRef: string; version: string; path: string }): Promise<StoredPage | undefined> {
  const row = await knex<DbPageRow>('techdocs_pages').where({ entity_ref: options.entityRef, version: options.version, path: options.path }).first('page');
  return row?.page;
}
