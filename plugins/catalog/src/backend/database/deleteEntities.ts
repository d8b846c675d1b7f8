import type { Knex } from 'knex';
import { BULK_CHUNK_SIZE, chunked, inJsonList, jsonList } from './bulk.js';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

/**
 * Deletes entities with the relations they produced and their search rows. Locations that lost a conflict over one of
 * them are refreshed in full next, so the entity they declare can take the freed place.
 */
export async function deleteEntities(trx: Knex.Transaction, refs: string[]): Promise<void> {
  for (const chunk of chunked(refs, BULK_CHUNK_SIZE * 5)) {
    const list = jsonList(chunk);
    await trx.raw(`delete from ${TABLES.relations} where ${inJsonList('originating_ref')}`, [list]);
    await trx.raw(`delete from ${SEARCH_TABLE} where ${inJsonList('entity_ref')}`, [list]);
    await trx.raw(`delete from ${TABLES.entities} where ${inJsonList('entity_ref')}`, [list]);
    await rescheduleConflictLosers(trx, `select jsonb_array_elements_text(?::jsonb)`, [list]);
  }
}

/** Marks for a full refresh, now, every location holding a conflict error on one of the refs. */
export async function rescheduleConflictLosers(trx: Knex.Transaction, refsQuery: string, bindings: unknown[]): Promise<void> {
  await trx.raw(
    `update ${TABLES.locations} set force_full = true, next_refresh_at = now()
      where id in (select location_id from ${TABLES.errors} where type = 'conflict' and entity_ref in (${refsQuery}))`,
    bindings as Knex.RawBinding[],
  );
}
