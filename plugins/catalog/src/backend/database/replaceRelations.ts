import type { Knex } from 'knex';
import { BULK_CHUNK_SIZE, chunked, inJsonList, insertRows, jsonList } from './bulk.js';
import { TABLES, type DbRelationRow } from './tables.js';

const RELATION_COLUMNS = ['originating_ref', 'source_ref', 'type', 'target_ref'] as const;

/**
 * Replaces every relation the given entities produce (both directions, indexed from both ends)
 * with the new set, in bulk.
 */
export async function replaceRelations(trx: Knex.Transaction, options: { originatingRefs: string[]; relations: DbRelationRow[] }): Promise<void> {
  for (const refs of chunked(options.originatingRefs, BULK_CHUNK_SIZE * 5)) {
    await trx.raw(`delete from ${TABLES.relations} where ${inJsonList('originating_ref')}`, [jsonList(refs)]);
  }
  await insertRows(trx, TABLES.relations, RELATION_COLUMNS, options.relations);
}
