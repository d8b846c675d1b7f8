import type { Knex } from 'knex';
import type { DbPageRow, DbSiteRow } from './tables.js';

export interface RenderedSiteRecord {
  entityRef: string;
  siteName: string;
  pages: Array<{ path: string; title: string; html: string }>;
}

/**
 * The newest stored version of every entity's docs with its pages, one site at a time in entity
 * order, so a caller indexing them all never holds more than one site.
 */
export async function* selectRenderedSites(knex: Knex): AsyncGenerator<RenderedSiteRecord> {
  let after = '';
  for (;;) {
    const site = await knex<DbSiteRow>('techdocs_sites')
      .where('entity_ref', '>', after)
      .orderBy([{ column: 'entity_ref' }, { column: 'built_at', order: 'desc' }])
      .first();
    if (!site) return;
    after = site.entity_ref;
    const pages = await knex<DbPageRow>('techdocs_pages').where({ entity_ref: site.entity_ref, version: site.version }).orderBy('path');
    yield {
      entityRef: site.entity_ref,
      siteName: site.site.siteName,
      pages: pages.map(p => ({ path: p.path, title: p.page.title, html: p.page.html })),
    };
  }
}
