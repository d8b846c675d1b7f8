import type { Knex } from 'knex';
import type { DocsSearchResult } from '../../common/types.js';
import type { DbPageRow } from './tables.js';

const EXCERPT_CHARS = 160;

/**
 * Pages of one version whose title or text holds every word of the query, pages whose title
 * matches first. Plain substring matching keeps code identifiers findable, which stemming would not.
 */
export async function searchPages(knex: Knex, options: { entityRef: string; version: string; query: string; limit: number }): Promise<DocsSearchResult[]> {
  const words = options.query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return [];
  const query = knex<DbPageRow>('techdocs_pages').where({ entity_ref: options.entityRef, version: options.version });
  for (const word of words) {
    const pattern = `%${word.replace(/[\\%_]/g, c => `\\${c}`)}%`;
    query.where(q => q.whereRaw(`lower(search_text) like ?`, [pattern]).orWhereRaw(`lower(page->>'title') like ?`, [pattern]));
  }
  const rows = await query.select('path', 'page', 'search_text').limit(200);
  return rows
    .map(row => {
      const title = row.page.title;
      const titleHits = words.filter(w => title.toLowerCase().includes(w)).length;
      return { row, title, titleHits };
    })
    .sort((a, b) => b.titleHits - a.titleHits || a.row.path.localeCompare(b.row.path))
    .slice(0, options.limit)
    .map(({ row, title }) => ({ path: row.path, title, excerpt: excerptAround(row.search_text, words[0]!) }));
}

function excerptAround(text: string, word: string): string {
  const at = text.toLowerCase().indexOf(word);
  const start = Math.max(0, at < 0 ? 0 : at - EXCERPT_CHARS / 2);
  const slice = text.slice(start, start + EXCERPT_CHARS).trim();
  return `${start > 0 ? '…' : ''}${slice}${start + EXCERPT_CHARS < text.length ? '…' : ''}`;
}
