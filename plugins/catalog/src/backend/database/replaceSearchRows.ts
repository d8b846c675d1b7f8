import type { Knex } from 'knex';
import type { Entity } from '@portal/catalog-model';
import { BULK_CHUNK_SIZE, chunked, inJsonList, jsonList } from './bulk.js';
import { buildSearchRows } from './buildSearchRows.js';
import { SEARCH_TABLE } from './searchTable.js';

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
      await trx.raw(`delete from ${SEARCH_TABLE} where ${inJsonList('entity_ref')}`, [
        jsonList(stored.map(e => e.ref)),
      ]);
    }
    const rows = chunk.flatMap(e => buildSearchRows(e.entity).map(row => ({ entity_ref: e.ref, ...row })));
    for (const part of chunked(rows, BULK_CHUNK_SIZE * 10)) {
      // json, not jsonb: the rows are read once, so building a jsonb value first is wasted work.
      await trx.raw(
        `insert into ${SEARCH_TABLE} (entity_ref, key, value, original_value)
         select x.entity_ref, x.key, x.value, x.original_value
           from json_to_recordset(?::json) as x(entity_ref text, key text, value text, original_value text)`,
        [JSON.stringify(part)],
      );
    }
  }
}
