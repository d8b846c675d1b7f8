import type { Knex } from 'knex';
import type { Entity } from '@portal/catalog-model';
import { BULK_CHUNK_SIZE, chunked, inJsonList, insertRows, jsonList } from './bulk.js';
import { buildSearchRows } from './buildSearchRows.js';
import { SEARCH_TABLE } from './searchTable.js';

const SEARCH_COLUMNS = ['entity_ref', 'key', 'value', 'original_value'] as const;

/**
 * Rewrites the search rows of the given entities. Call it in the transaction that upserts them,
 * so filters never see an entity with another version's rows. Deleted entities lose their rows
 * in deleteEntities and deleteLocationTree.
 */
export async function replaceSearchRows(
  trx: Knex | Knex.Transaction,
  entities: Array<{ ref: string; entity: Entity }>,
  options: { newRefs?: ReadonlySet<string> } = {},
): Promise<void> {
  for (const chunk of chunked(entities, BULK_CHUNK_SIZE)) {
    // Entities stored for the first time have no rows to delete.
    const stored = options.newRefs ? chunk.filter(e => !options.newRefs!.has(e.ref)) : chunk;
    if (stored.length > 0) {
      await trx.raw(`delete from ${SEARCH_TABLE} where ${inJsonList('entity_ref')}`, [jsonList(stored.map(e => e.ref))]);
    }
    const rows = chunk.flatMap(e => buildSearchRows(e.entity).map(row => ({ entity_ref: e.ref, ...row })));
    await insertRows(trx, SEARCH_TABLE, SEARCH_COLUMNS, rows);
  }
}
