import type { Knex } from 'knex';
import { rescheduleConflictLosers } from './deleteEntities.js';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

export type OrphanStrategy = 'delete' | 'keep';

/**
 * Removes a location and the locations its Location entities registered, with their entities:
 * deleted, or kept and marked `backstage.io/orphan: 'true'` when the orphan strategy is `keep`.
 * Files and errors go with the location (foreign keys cascade).
 */
export async function deleteLocationTree(trx: Knex.Transaction, options: { id: string; orphanStrategy: OrphanStrategy }): Promise<void> {
  const tree = `with recursive tree as (
      select id from ${TABLES.locations} where id = ?
      union all
      select l.id from ${TABLES.locations} l join tree t on l.parent_id = t.id)`;
  const refs = `select entity_ref from ${TABLES.entities} where location_id in (select id from tree)`;
  // Losers of a conflict with these entities get their turn (orphans may be adopted).
  await rescheduleConflictLosers(trx, `${tree} ${refs}`, [options.id]);
  if (options.orphanStrategy === 'keep') {
    await trx.raw(
      // The `backstage.io/orphan` annotation is added when the entity is read (selectEntities), so
      // the stored entity keeps its keys in the order they were written.
      `${tree} update ${TABLES.entities} set location_id = null, orphan = true where location_id in (select id from tree)`,
      [options.id],
    );
  } else {
    await trx.raw(`${tree} delete from ${TABLES.relations} where originating_ref in (${refs})`, [options.id]);
    await trx.raw(`${tree} delete from ${SEARCH_TABLE} where entity_ref in (${refs})`, [options.id]);
    await trx.raw(`${tree} delete from ${TABLES.entities} where location_id in (select id from tree)`, [options.id]);
  }
  await trx(TABLES.locations).where({ id: options.id }).delete();
}
