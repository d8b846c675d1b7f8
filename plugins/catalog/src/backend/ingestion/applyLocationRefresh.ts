import type { Knex } from 'knex';
import { completeLocationRefresh } from '../database/completeLocationRefresh.js';
import { countLocationEntities } from '../database/countLocationEntities.js';
import type { OrphanStrategy } from '../database/deleteLocationTree.js';
import { lockClaimedLocation } from '../database/lockClaimedLocation.js';
import { reconcileChildLocations } from '../database/reconcileChildLocations.js';
import type { DbLocationRow, LocationType } from '../database/tables.js';
import { RefreshWriter } from './RefreshWriter.js';
import type { LocationWalk, ProcessedFile } from './types.js';

/** Hands each processed file to the writer; resolves when the writer can take more. */
export type FileSink = (file: ProcessedFile) => Promise<void>;

export interface ApplyLocationRefreshOptions {
  location: DbLocationRow;
  engineId: string;
  /** The commit being read, stored on every entity written. */
  commit: string | null;
  /** The fingerprint of the kinds the location was read with (see KindRules), stored on it. */
  kindRules: string;
  /**
   * Count the location's entities instead of adding what this refresh added and deleted to the
   * stored count: refreshes that read every file do, so a count can never stay wrong.
   */
  recount: boolean;
  startedAt: number;
  orphanStrategy: OrphanStrategy;
  repoUrlOf(type: LocationType, target: string): string | null;
  /**
   * Walks the location, handing every new or changed file to the sink as soon as it is processed,
   * and resolves with what the walk found besides (removed files, missing targets …).
   */
  read(sink: FileSink): Promise<LocationWalk>;
}

export interface ApplyResult {
  applied: boolean;
  /**
   * Whether the catalog's entities changed: some were written or deleted, or child locations
   * (and with them their entities) were removed. Facet and total caches wait for this.
   */
  changed: boolean;
  written: number;
  deleted: number;
  /** The entities written or removed; `undefined` when child locations went too, with entities not counted here. */
  changedRefs: string[] | undefined;
  problems: number;
  entityCount: number;
}

/**
 * Writes what one refresh finds, in one transaction, while the location is still being read:
 * files arrive from the walk and are written in batches (entities upserted, relations and search
 * rows replaced, problems and file hashes stored), so reading and parsing overlap with the
 * database's work and a location of any size is never held in memory whole. Deletions wait for
 * the end, when the walk has said which files are gone and which entities moved between files.
 * Only the walk's reads from the local git cache happen inside the transaction; fetching happened
 * before it (see README.md).
 */
export async function applyLocationRefresh(knex: Knex, options: ApplyLocationRefreshOptions): Promise<ApplyResult> {
  const { location } = options;
  return knex.transaction(async trx => {
    const held = await lockClaimedLocation(trx, { id: location.id, engineId: options.engineId });
    if (!held) return { applied: false, changed: false, written: 0, deleted: 0, changedRefs: [], problems: 0, entityCount: 0 }; // unregistered meanwhile

    const writer = new RefreshWriter(trx, location, options.commit, options.orphanStrategy);
    let walk: LocationWalk;
    try {
      walk = await options.read(file => writer.add(file));
      await writer.flush();
    } catch (error) {
      // No statement may still be running when the transaction rolls back.
      await writer.settle();
      throw error;
    }
    const deleted = await writer.finish(walk);
    let removedChildren = 0;
    if (walk.externalTargets) {
      removedChildren = await reconcileChildLocations(trx, {
        parentId: location.id,
        targets: walk.externalTargets,
        repoUrlOf: options.repoUrlOf,
        orphanStrategy: options.orphanStrategy,
      });
    }

    let entityCount = location.entity_count + writer.added - deleted;
    if (options.recount) entityCount = await countLocationEntities(trx, location.id);
    await completeLocationRefresh(trx, {
      id: location.id,
      commit: options.commit,
      kindRules: options.kindRules,
      durationMs: Date.now() - options.startedAt,
      entityCount,
    });
    const changed = writer.written > 0 || deleted > 0 || removedChildren > 0;
    const changedRefs = removedChildren > 0 ? undefined : [...writer.changedRefs];
    return { applied: true, changed, written: writer.written, deleted, changedRefs, problems: writer.problems, entityCount };
  });
}
