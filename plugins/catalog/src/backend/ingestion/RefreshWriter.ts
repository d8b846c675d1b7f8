import type { Knex } from 'knex';
import { deleteEntities } from '../database/deleteEntities.js';
import type { OrphanStrategy } from '../database/deleteLocationTree.js';
import { orphanEntities } from '../database/orphanEntities.js';
import { appendFileErrors, replaceFileErrors } from '../database/replaceFileErrors.js';
import { replaceRelations } from '../database/replaceRelations.js';
import { replaceSearchRows } from '../database/replaceSearchRows.js';
import { selectEntitiesOfFiles, selectEntityOwners, type EntityOwner } from '../database/selectEntitiesOfFiles.js';
import type { DbLocationRow } from '../database/tables.js';
import { upsertEntities } from '../database/upsertEntities.js';
import { writeLocationFiles } from '../database/writeLocationFiles.js';
import { MISSING_FILE_HASH } from './readLocation.js';
import type { FileProblem, LocationWalk, ProcessedEntity, ProcessedFile } from './types.js';

/** Files written per batch, or fewer when they hold this many entities. */
const BATCH_FILES = 400;
const BATCH_ENTITIES = 800;

type Candidate = ProcessedEntity & { file: string };

/**
 * The state one refresh carries across its batches. Each file arrives once, so a batch replaces
 * everything of its files; what depends on files of other batches waits for `finish`:
 * - `claimed`: which file of this refresh declared a ref first (a second one gets a conflict);
 * - `deferredDeletes`: entities their file no longer declares, deleted at the end unless another
 *   file of the location declared them meanwhile (the entity moved; it keeps its uid);
 * - `pendingMoves`: entities declared by a file while another file of this location holds them;
 *   at the end they move if the holder let go, otherwise they are a conflict.
 */
export class RefreshWriter {
  written = 0;
  /** Entities that belong to the location now and did not before (new, or orphans adopted). */
  added = 0;
  problems = 0;
  /** Every entity this refresh wrote or removed, for the catalog's change listeners (search). */
  readonly changedRefs = new Set<string>();
  private pending: ProcessedFile[] = [];
  private pendingEntities = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly claimed = new Map<string, string>();
  private readonly deferredDeletes = new Set<string>();
  private readonly pendingMoves = new Map<string, Candidate & { holder: EntityOwner }>();
  private readonly lateConflicts: FileProblem[] = [];

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly location: DbLocationRow,
    private readonly commit: string | null,
    private readonly orphanStrategy: OrphanStrategy = 'delete',
  ) {}

  /** Queues a file; the caller waits while the batch before the one it completes is still being written. */
  async add(file: ProcessedFile): Promise<void> {
    this.pending.push(file);
    this.pendingEntities += file.entities.length;
    if (this.pending.length < BATCH_FILES && this.pendingEntities < BATCH_ENTITIES) return;
    await this.enqueue();
  }

  async flush(): Promise<void> {
    if (this.pending.length > 0) this.enqueue();
    await this.chain;
  }

  /** Waits for the write under way, if any, whatever its outcome. */
  async settle(): Promise<void> {
    await this.chain.catch(() => {});
  }

  /** Starts writing the pending files after the batch before them; returns that batch's write. */
  private enqueue(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingEntities = 0;
    const previous = this.chain;
    this.chain = previous.then(() => this.writeBatch(batch));
    // Awaited by flush or settle; never an unhandled rejection meanwhile.
    this.chain.catch(() => {});
    return previous;
  }

  private async writeBatch(files: ProcessedFile[]): Promise<void> {
    const { trx, location } = this;
    const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
    const paths = sorted.map(f => f.path);
    const before = await selectEntitiesOfFiles(trx, location.id, paths);
    const beforeByRef = new Map(before.map(r => [r.entity_ref, r]));
    const problems: FileProblem[] = [];
    const keep = new Set<string>();
    const candidates: Candidate[] = [];

    const declared: Array<{ file: string; entity: ProcessedEntity }> = [];
    for (const file of sorted) {
      problems.push(...file.problems);
      if (file.keepAll) {
        for (const row of before) if (row.file === file.path) keep.add(row.entity_ref);
        continue;
      }
      for (const ref of file.keepRefs) if (beforeByRef.get(ref)?.file === file.path) keep.add(ref);
      for (const entity of file.entities) declared.push({ file: file.path, entity });
    }
    // A file that holds an entity and still declares it keeps it: holders claim first.
    const holds = (d: { file: string; entity: ProcessedEntity }) => beforeByRef.get(d.entity.ref)?.file === d.file;
    for (const d of [...declared.filter(holds), ...declared.filter(d => !holds(d))]) {
      const { file, entity } = d;
      const first = this.claimed.get(entity.ref);
      const waiting = this.pendingMoves.get(entity.ref);
      if (waiting && holds(d)) {
        // Declared earlier by a file of another batch; this one holds it and still declares it.
        this.pendingMoves.delete(entity.ref);
        this.lateConflicts.push(conflict(location.target, entity.ref, waiting.file, `this location's file ${file}`, waiting.line));
      } else if (first) {
        problems.push(conflict(location.target, entity.ref, file, `the same location's file ${first}`, entity.line));
        continue;
      }
      this.claimed.set(entity.ref, file);
      candidates.push({ ...entity, file });
    }

    const owners = await ownersOf(
      trx,
      candidates.filter(c => !beforeByRef.has(c.ref)).map(c => c.ref),
    );
    const unchanged = new Set<string>();
    const toWrite: Candidate[] = [];
    for (const c of candidates) {
      const prior = beforeByRef.get(c.ref);
      if (prior && prior.hash === c.hash && prior.file === c.file) {
        unchanged.add(c.ref);
        continue;
      }
      const owner = owners.get(c.ref);
      if (!prior && owner && owner.location_id !== null) {
        if (owner.location_id === location.id) {
          // Another file of this location holds it; whether it lets go is known at the end.
          this.pendingMoves.set(c.ref, { ...c, holder: owner });
          continue;
        }
        problems.push(conflict(location.target, c.ref, c.file, `location ${owner.location_id} (${owner.target}, file ${owner.file})`, c.line));
        continue;
      }
      toWrite.push(c);
    }

    const written = await this.writeEntities(toWrite, ref => !beforeByRef.has(ref) && !owners.has(ref), problems);
    for (const c of toWrite) if (written.has(c.ref) && !beforeByRef.has(c.ref)) this.added++;
    for (const b of before) {
      if (!unchanged.has(b.entity_ref) && !written.has(b.entity_ref) && !keep.has(b.entity_ref)) this.deferredDeletes.add(b.entity_ref);
    }
    await replaceFileErrors(trx, { locationId: location.id, files: paths, problems });
    this.problems += problems.length;
    const filesWithProblems = new Set(problems.map(p => p.file));
    await writeLocationFiles(trx, {
      locationId: location.id,
      removed: [],
      files: sorted.map(f => ({
        path: f.path,
        hash: f.hash,
        has_errors: f.keepAll || filesWithProblems.has(f.path),
        targets: f.targets.length > 0 ? f.targets : null,
      })),
    });
  }

  /** Upserts entities with their search rows and relations; refs another location took meanwhile become conflicts. */
  private async writeEntities(toWrite: Candidate[], isNew: (ref: string) => boolean, problems: FileProblem[]): Promise<Set<string>> {
    const { trx, location } = this;
    const written = await upsertEntities(trx, { locationId: location.id, commit: this.commit, entities: toWrite });
    const writtenEntities = toWrite.filter(c => {
      if (written.has(c.ref)) return true;
      problems.push(conflict(location.target, c.ref, c.file, 'another location that registered it at the same moment', c.line));
      return false;
    });
    // New refs have no relations or search rows yet, unless they are orphans being adopted.
    const newRefs = new Set(writtenEntities.filter(c => isNew(c.ref)).map(c => c.ref));
    await replaceSearchRows(trx, writtenEntities, { newRefs });
    await replaceRelations(trx, {
      originatingRefs: writtenEntities.filter(c => !newRefs.has(c.ref)).map(c => c.ref),
      relations: writtenEntities.flatMap(c =>
        c.relations.map(r => ({ originating_ref: c.ref, source_ref: r.sourceRef, type: r.type, target_ref: r.targetRef })),
      ),
    });
    this.written += written.size;
    for (const ref of written) this.changedRefs.add(ref);
    return written;
  }

  /**
   * After the last batch: forgets removed files and their entities, stores missing targets and the
   * location's own problems, settles entities that moved between files, and deletes what no file
   * declares any more (or, with the `keep` orphan strategy, keeps them as orphans outside the
   * location). Returns how many entities left the location.
   */
  async finish(walk: LocationWalk): Promise<number> {
    const { trx, location } = this;
    const gone = [...walk.removedFiles, ...walk.missingFiles.map(m => m.file)];
    for (const row of await selectEntitiesOfFiles(trx, location.id, gone)) this.deferredDeletes.add(row.entity_ref);
    const problems = [...walk.missingFiles, ...(walk.locationProblems ?? [])];
    await replaceFileErrors(trx, { locationId: location.id, files: walk.locationProblems ? [...gone, ''] : gone, problems });
    this.problems += problems.length;
    await writeLocationFiles(trx, {
      locationId: location.id,
      removed: walk.removedFiles,
      files: walk.missingFiles.map(m => ({ path: m.file, hash: MISSING_FILE_HASH, has_errors: true, targets: null })),
    });

    const moves: Candidate[] = [];
    for (const [ref, c] of this.pendingMoves) {
      if (this.deferredDeletes.delete(ref)) moves.push(c);
      else this.lateConflicts.push(conflict(location.target, ref, c.file, `this location's file ${c.holder.file}`, c.line));
    }
    if (moves.length > 0) await this.writeEntities(moves, () => false, this.lateConflicts);
    if (this.lateConflicts.length > 0) {
      await appendFileErrors(trx, { locationId: location.id, problems: this.lateConflicts });
      this.problems += this.lateConflicts.length;
    }

    const toDelete = [...this.deferredDeletes];
    for (const ref of toDelete) this.changedRefs.add(ref);
    if (this.orphanStrategy === 'keep') await orphanEntities(trx, toDelete);
    else await deleteEntities(trx, toDelete);
    return toDelete.length;
  }
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
