import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { deleteLocationTree, type OrphanStrategy } from './deleteLocationTree.js';
import { TABLES, type DbLocationRow, type LocationType } from './tables.js';

/**
 * Makes the locations registered by a location's Location entities (targets in other
 * repositories) match what those entities declare now: new ones are added, due at once; ones no
 * longer declared are removed with their entities. Returns how many were removed.
 */
export async function reconcileChildLocations(
  trx: Knex.Transaction,
  options: {
    parentId: string;
    targets: Array<{ type: LocationType; target: string }>;
    repoUrlOf(type: LocationType, target: string): string | null;
    orphanStrategy: OrphanStrategy;
  },
): Promise<number> {
  const existing = await trx(TABLES.locations).where({ parent_id: options.parentId }).select<DbLocationRow[]>('id', 'type', 'target');
  const wanted = new Set(options.targets.map(t => `${t.type}:${t.target}`));
  let removed = 0;
  for (const row of existing) {
    if (wanted.has(`${row.type}:${row.target}`)) continue;
    await deleteLocationTree(trx, { id: row.id, orphanStrategy: options.orphanStrategy });
    removed++;
  }
  const have = new Set(existing.map(r => `${r.type}:${r.target}`));
  const rows = options.targets
    .filter(t => !have.has(`${t.type}:${t.target}`))
    .map(t => {
      let repoUrl: string | null = null;
      try {
        repoUrl = options.repoUrlOf(t.type, t.target);
      } catch {
        // An unreadable URL is still registered, so its refresh stores the error on it.
      }
      return { id: randomUUID(), type: t.type, target: t.target, origin: 'entity', parent_id: options.parentId, repo_url: repoUrl };
    });
  // A target someone registered already stays theirs.
  if (rows.length > 0) await trx(TABLES.locations).insert(rows).onConflict(['type', 'target']).ignore();
  return removed;
}
