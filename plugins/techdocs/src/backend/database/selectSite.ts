import type { Knex } from 'knex';
import { toSiteVersion, type DbSiteRow, type SiteVersion } from './tables.js';

/** One stored version of an entity's docs, or, without a version, the one built last. */
export async function selectSite(knex: Knex, options: { entityRef: string; version?: string }): Promise<SiteVersion | undefined> {
  const query = knex<DbSiteRow>('techdocs_sites').where({ entity_ref: options.entityRef });
  if (options.version !== undefined) query.where({ version: options.version });
  const row = await query.orderBy('built_at', 'desc').first();
  return row ? toSiteVersion(row) : undefined;
}
