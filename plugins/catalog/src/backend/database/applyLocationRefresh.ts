import type { Knex } from 'knex';
import type { FileProblem, ProcessedEntity, RefreshPlan } from '../ingestion/types.js';
import { deleteEntities } from './deleteEntities.js';
import type { OrphanStrategy } from './deleteLocationTree.js';
import { reconcileChildLocations } from './reconcileChildLocations.js';
import { replaceFileErrors } from './replaceFileErrors.js';
import { replaceRelations } from './replaceRelations.js';
import { replaceSearchRows } from './replaceSearchRows.js';
import { selectEntitiesOfFiles, selectEntityOwners, type EntityOwner } from './selectEntitiesOfFiles.js';
import { TABLES, type DbLocationRow, type LocationType } from './tables.js';
import { upsertEntities } from './upsertEntities.js';
import { writeLocationFiles } from './writeLocationFiles.js';

export interface ApplyLocationRefreshOptions {
  location: DbLocationRow;
  engineId: string;
  plan: RefreshPlan & { locationProblems: FileProblem[] };
  startedAt: number;
  orphanStrategy: OrphanStrategy;
  repoUrlOf(type: LocationType, target: string): string | null;
}

export interface ApplyResult {
  applied: boolean;
  written: number;
  deleted: number;
  problems: number;
  entityCount: number;
}

/**
 * Writes what one refresh found, in one transaction: entities upserted and their relations
 * replaced in bulk, entities of removed files deleted, problems stored per file, the claim
 * released. Only database work happens inside it (see ../ingestion/README.md).
 */
export async function applyLocationRefresh(knex: Knex, options: ApplyLocationRefreshOptions): Promise<ApplyResult> {
  const { location, plan } = options;
  return knex.transaction(async trx => {
    const held = await trx(TABLES.locations).where({ id: location.id, locked_by: options.engineId }).forUpdate().first('id');
    if (!held) return { applied: false, written: 0, deleted: 0, problems: 0, entityCount: 0 }; // unregistered meanwhile

    const touched = [...new Set([...plan.files.map(f => f.path), ...plan.removedFiles, ...plan.missingFiles.map(f => f.file)])];
    const before = await selectEntitiesOfFiles(trx, location.id, touched);
    const beforeByRef = new Map(before.map(r => [r.entity_ref, r]));
    const problems: FileProblem[] = [...plan.missingFiles, ...plan.locationProblems];
    const keep = new Set<string>();
    const claimed = new Map<string, string>();
    const candidates: Array<ProcessedEntity & { file: string }> = [];

    for (const file of [...plan.files].sort((a, b) => a.path.localeCompare(b.path))) {
      problems.push(...file.problems);
      if (file.keepAll) {
        for (const row of before) if (row.file === file.path) keep.add(row.entity_ref);
        continue;
      }
      for (const ref of file.keepRefs) if (beforeByRef.get(ref)?.file === file.path) keep.add(ref);
      for (const entity of file.entities) {
        const first = claimed.get(entity.ref);
        if (first) {
          problems.push(conflict(location.target, entity.ref, file.path, `the same location's file ${first}`, entity.line));
          continue;
        }
        claimed.set(entity.ref, file.path);
        candidates.push({ ...entity, file: file.path });
      }
    }

    const owners = await ownersOf(trx, candidates.filter(c => !beforeByRef.has(c.ref)).map(c => c.ref));
    const unchanged = new Set<string>();
    const toWrite: typeof candidates = [];
    for (const c of candidates) {
      const prior = beforeByRef.get(c.ref);
      if (prior && prior.hash === c.hash && prior.file === c.file) {
        unchanged.add(c.ref);
        continue;
      }
      const owner = owners.get(c.ref);
      if (!prior && owner && owner.location_id !== null) {
        const holder = owner.location_id === location.id ? `this location's file ${owner.file}` : `location ${owner.location_id} (${owner.target}, file ${owner.file})`;
        problems.push(conflict(location.target, c.ref, c.file, holder, c.line));
        continue;
      }
      toWrite.push(c);
    }

    const written = await upsertEntities(trx, { locationId: location.id, commit: plan.commit, entities: toWrite });
    const writtenEntities = toWrite.filter(c => {
      if (written.has(c.ref)) return true;
      problems.push(conflict(location.target, c.ref, c.file, 'another location that registered it at the same moment', c.line));
      return false;
    });
    // New refs have no relations or search rows yet, unless they are orphans being adopted.
    const newRefs = new Set(writtenEntities.filter(c => !beforeByRef.has(c.ref) && !owners.has(c.ref)).map(c => c.ref));
    await replaceSearchRows(trx, writtenEntities, { newRefs });
    await replaceRelations(trx, {
      originatingRefs: writtenEntities.filter(c => !newRefs.has(c.ref)).map(c => c.ref),
      relations: writtenEntities.flatMap(c =>
        c.relations.map(r => ({ originating_ref: c.ref, source_ref: r.sourceRef, type: r.type, target_ref: r.targetRef })),
      ),
    });

    const survivors = new Set([...unchanged, ...written, ...keep]);
    const toDelete = before.filter(b => !survivors.has(b.entity_ref)).map(b => b.entity_ref);
    await deleteEntities(trx, toDelete);

    await replaceFileErrors(trx, { locationId: location.id, files: [...touched, ''], problems });
    const filesWithProblems = new Set(problems.map(p => p.file));
    await writeLocationFiles(trx, {
      locationId: location.id,
      removed: plan.removedFiles,
      files: [
        ...plan.files.map(f => ({
          path: f.path,
          hash: f.hash,
          has_errors: f.keepAll || filesWithProblems.has(f.path),
          targets: f.targets.length > 0 ? f.targets : null,
        })),
        ...plan.missingFiles.map(m => ({ path: m.file, hash: '', has_errors: true, targets: null })),
      ],
    });
    if (plan.externalTargets) {
      await reconcileChildLocations(trx, {
        parentId: location.id,
        targets: plan.externalTargets,
        repoUrlOf: options.repoUrlOf,
        orphanStrategy: options.orphanStrategy,
      });
    }

    const [{ count }] = await trx(TABLES.entities).where({ location_id: location.id }).count<Array<{ count: string | number }>>({ count: '*' });
    const entityCount = Number(count);
    await trx(TABLES.locations)
      .where({ id: location.id })
      .update({
        last_commit: plan.commit,
        last_refresh_at: trx.fn.now(),
        last_duration_ms: Date.now() - options.startedAt,
        entity_count: entityCount,
        force_full: false,
        locked_until: null,
        locked_by: null,
      });
    return { applied: true, written: written.size, deleted: toDelete.length, problems: problems.length, entityCount };
  });
}

async function ownersOf(trx: Knex.Transaction, refs: string[]): Promise<Map<string, EntityOwner>> {
  const out = new Map<string, EntityOwner>();
  for (let i = 0; i < refs.length; i += 5000) {
    for (const [ref, owner] of await selectEntityOwners(trx, refs.slice(i, i + 5000))) out.set(ref, owner);
  }
  return out;
}

function conflict(target: string, ref: string, file: string, holder: string, line?: number): FileProblem {
  return {
    file,
    line,
    entityRef: ref,
    type: 'conflict',
    message: `${ref} in ${file} of location ${target} conflicts with the same entity already provided by ${holder}; the first keeps it`,
  };
}
