import type { Knex } from 'knex';
import { deleteEntities } from './deleteEntities.js';
import { TABLES, type DbEntityRow } from './tables.js';

/**
 * Stored as the hash of a file whose entity was deleted by hand: it matches no content, so the
 * next refresh processes the file again even at an unchanged commit.
 */
export const REREAD_FILE_HASH = 'reread';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deletes one entity (by ref or uid) and marks its location for a full refresh, due now, with
 * the entity's file to be processed again: if the file still declares the entity, it comes back,
 * as in Backstage. Returns the deleted entity's ref, or undefined when there was none.
 */
export async function deleteEntityForReread(trx: Knex.Transaction, where: { ref: string } | { uid: string }): Promise<string | undefined> {
  // The column is a uuid: anything else names no entity (and would make Postgres refuse the query).
  if ('uid' in where && !UUID.test(where.uid)) return undefined;
  const row = await trx(TABLES.entities)
    .where('ref' in where ? { entity_ref: where.ref } : { uid: where.uid.toLowerCase() })
    .first<Pick<DbEntityRow, 'entity_ref' | 'location_id' | 'file'> | undefined>('entity_ref', 'location_id', 'file');
  if (!row) return undefined;
  await deleteEntities(trx, [row.entity_ref]);
  if (row.location_id) {
    await trx(TABLES.locationFiles).where({ location_id: row.location_id, path: row.file }).update({ hash: REREAD_FILE_HASH });
    await trx(TABLES.locations).where({ id: row.location_id }).update({ force_full: true, next_refresh_at: trx.fn.now() });
  }
  return row.entity_ref;
}
