import type { Knex } from 'knex';
import { BULK_CHUNK_SIZE, chunked, inJsonList, jsonList } from './bulk.js';
import { TABLES, type DbRelationRow } from './tables.js';

/**
 * Replaces every relation the given entities produce (both directions, indexed from both ends)
 * with the new set, in bulk.
 */
export async function replaceRelations(
  trx: Knex.Transaction,
  options: { originatingRefs: string[]; relations: DbRelationRow[] },
): Promise<void> {
  for (const refs of chunked(options.originatingRefs, BULK_CHUNK_SIZE * 5)) {
    await trx.raw(
      `delete from ${TABLES.relations} where ${inJsonList('originating_ref')}`,
      [jsonList(refs)],
    );
  }
  for (const rows of chunked(options.relations, BULK_CHUNK_SIZE * 5)) {
    await trx.raw(
      `insert into ${TABLES.relations} (originating_ref, source_ref, type, target_ref)
       select x.originating_ref, x.source_ref, x.type, x.target_ref
         from json_to_recordset(?::json) as x(originating_ref text, source_ref text, type text, target_ref text)`,
      [JSON.stringify(rows)],
    );
  }
}
