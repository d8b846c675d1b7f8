import type { Knex } from 'knex';
import { BULK_CHUNK_SIZE, chunked, inJsonList, jsonList } from './bulk.js';
import { rescheduleConflictLosers } from './deleteEntities.js';
import { TABLES } from './tables.js';

/**
 * Keeps entities no file declares any more, as the `keep` orphan strategy asks: they leave their
 * location (read back with `backstage.io/orphan: 'true'`, see selectEntities) and lose the
 * relations they produced, since nothing vouches for them now. Their search rows stay: they are
 * still in the catalog. Locations that lost a conflict over one of them may adopt it.
 */
export async function orphanEntities(trx: Knex.Transaction, refs: string[]): Promise<void> {
  for (const chunk of chunked(refs, BULK_CHUNK_SIZE * 5)) {
    const list = jsonList(chunk);
    await trx.raw(`delete from ${TABLES.relations} where ${inJsonList('originating_ref')}`, [list]);
    await trx.raw(`update ${TABLES.entities} set location_id = null, orphan = true where ${inJsonList('entity_ref')}`, [list]);
    await rescheduleConflictLosers(trx, `select jsonb_array_elements_text(?::jsonb)`, [list]);
  }
}
