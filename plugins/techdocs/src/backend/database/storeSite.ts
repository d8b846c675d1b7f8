import type { Knex } from 'knex';
import type { DbPageRow, SiteVersion, StoredPage, StoredSite } from './tables.js';
import { toSiteVersion, type DbSiteRow } from './tables.js';

const PAGE_BATCH = 200;

/**
 * Stores a rendered version and its pages in one transaction, then drops the oldest versions of
 * the entity beyond `keepVersions`. Two replicas building the same commit write the same rows:
 * the second insert is a no-op.
 */
export async function storeSite(
  knex: Knex,
  options: {
    entityRef: string;
    version: string;
    site: StoredSite;
    pages: Array<{ path: string; page: StoredPage; searchText: string }>;
    keepVersions: number;
  },
): Promise<SiteVersion> {
  const { entityRef, version } = options;
  return knex.transaction(async trx => {
    const inserted = await trx<DbSiteRow>('techdocs_sites')
      .insert({ entity_ref: entityRef, version, site: JSON.stringify(options.site) as never, built_at: new Date() })
      .onConflict(['entity_ref', 'version'])
      .ignore()
      .returning('*');
    if (inserted.length > 0) {
      const rows = options.pages.map(p => ({ entity_ref: entityRef, version, path: p.path, page: JSON.stringify(p.page) as never, search_text: p.searchText }));
      for (let i = 0; i < rows.length; i += PAGE_BATCH) {
        await trx<DbPageRow>('techdocs_pages')
          .insert(rows.slice(i, i + PAGE_BATCH))
          .onConflict(['entity_ref', 'version', 'path'])
          .ignore();
      }
      const stale = await trx<DbSiteRow>('techdocs_sites')
        .where({ entity_ref: entityRef })
        .orderBy('built_at', 'desc')
        .offset(options.keepVersions)
        .select('version');
      if (stale.length > 0) {
        await trx('techdocs_sites')
          .where({ entity_ref: entityRef })
          .whereIn(
            'version',
            stale.map(s => s.version),
          )
          .delete();
      }
    }
    const row = inserted[0] ?? (await trx<DbSiteRow>('techdocs_sites').where({ entity_ref: entityRef, version }).first());
    return toSiteVersion(row as DbSiteRow);
  });
}
