import path from 'node:path';
import type { Knex } from 'knex';
import { InputError, NotFoundError, type Logger } from '@portal/backend-common';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type {
  AddLocationResponse,
  AnalyzeLocationResponse,
  CatalogLocation,
  LocationStatus,
  LocationSummariesResponse,
  LocationSummary,
  QueryLocationsResponse,
} from '../common/locationTypes.js';
import { CatalogQueries } from './CatalogQueries.js';
import type { CatalogConfig } from './config.js';
import { bumpCatalogGeneration } from './database/catalogGeneration.js';
import { deleteEntityForReread } from './database/deleteEntityForReread.js';
import { deleteLocationTree } from './database/deleteLocationTree.js';
import { GENERATED_LOCATION_PREFIX, locationEntityRef } from './database/locationEntityRef.js';
import { insertLocation, syncConfigLocations } from './database/insertLocation.js';
import { selectEntities } from './database/selectEntities.js';
import { selectEntityRefsOfLocation } from './database/selectEntityRefsOfLocation.js';
import { selectLocationByTarget } from './database/selectLocationByTarget.js';
import { selectLocation, selectLocationOfEntity, selectLocations, selectLocationsOfRepo } from './database/selectLocations.js';
import { selectLocationStatus } from './database/selectLocationStatus.js';
import { selectLocationSummaries } from './database/selectLocationSummaries.js';
import { selectLocationTreeOwners } from './database/selectLocationTreeOwners.js';
import type { DbLocationRow, LocationType } from './database/tables.js';
import { trustLocation } from './database/trustLocation.js';
import { updateLocationTarget } from './database/updateLocationTarget.js';
import type { GitReader } from './ingestion/gitReader.js';
import { normalizeRepoUrl } from './ingestion/gitSource.js';
import { createSource, readLocationOnce, readRootFile, repoUrlOf, type EntitiesChange, type EntitiesChangedListener } from './ingestion/refreshLocation.js';
import { RefreshScheduler, type RefreshObserver } from './ingestion/RefreshScheduler.js';
import { TableStatistics } from './ingestion/TableStatistics.js';
import { RefreshProgress } from './ingestion/RefreshProgress.js';
import { reportFiles, toLocationError } from './ingestion/reportFiles.js';
import { matchesLocationPredicate } from './locationPredicate.js';
import type { CatalogMetrics } from './metrics.js';

/**
 * How `addLocation` registers. The API route passes `dryRun` alone: trust and file locations are
 * for code running in the backend, never for a request or a template.
 */
export interface AddLocationOptions {
  /** Read the location and answer what registering it would add, storing nothing. */
  dryRun?: boolean;
  /**
   * Kinds the location may add besides `catalog.rules` (such as Group and User), as a location in
   * `catalog.locations` with rules of its own may: for locations the backend itself vouches for,
   * like the examples it seeds.
   */
  trusted?: { allowKinds: string[] };
  /**
   * Accept `type: file`, read from the server's own disk (tests, tools). People and templates
   * register url locations; file locations otherwise come from `catalog.locations` alone.
   */
  allowFile?: boolean;
  /**
   * Answer once this long has passed even if the location is still being read (the API's
   * `catalog.registerWait`): the answer then holds the registered file's entities as read, and
   * the refresh goes on in the background. Without it, the answer waits for the whole location.
   */
  answerWithinMs?: number;
  /** The user registering it (through the API), so the Locations page can show them their own. */
  registeredBy?: string;
}

const FILE_LOCATION_REFUSED =
  "file locations can only be configured in catalog.locations, since they read the server's own disk; register a url location instead";

/** The in-process client other plugins (scaffolder, techdocs) and the backend's push hook call. */
export interface CatalogClient {
  getEntityByRef(ref: string): Promise<Entity | undefined>;
  /**
   * Entities matching every `path: value` pair (case-insensitive, as the query API's filter), such
   * as `{ kind: 'user', 'spec.profile.email': 'jane@example.com' }`; at most `limit` (default 100).
   */
  findEntities(filter: Record<string, string>, options?: { limit?: number }): Promise<Entity[]>;
  addLocation(input: { type: LocationType; target: string }, options?: AddLocationOptions): Promise<AddLocationResponse>;
  /**
   * Gives an already registered location (not a config one) the kinds `trusted` names and makes
   * it due, so the scheduler soon reads every file of it again with them; resolves true when it
   * was registered and not trusted so already. In-process only, as `addLocation`'s `trusted`.
   */
  trustLocation(input: { type: LocationType; target: string }, trusted: { allowKinds: string[] }): Promise<boolean>;
  /** Refreshes the entity's location and resolves when the result is stored. */
  refreshEntity(ref: string): Promise<void>;
  /** Refreshes every location read from the repository (a push happened); resolves when done. */
  refreshLocationsForRepo(repoUrl: string): Promise<void>;
  /** Every entity, a batch at a time in ref order (an index built from the whole catalog). */
  entityBatches(): AsyncGenerator<Entity[]>;
  /** Entities by canonical ref, in the same order, undefined where the catalog has none. */
  getEntitiesByRefs(refs: string[]): Promise<Array<Entity | undefined>>;
  /**
   * Calls `listener` after each change to the catalog's entities commits, on this replica: a
   * refresh that wrote or removed entities, a deleted entity, an unregistered location. Returns
   * a function that stops it.
   */
  onEntitiesChanged(listener: EntitiesChangedListener): () => void;
}

export interface CatalogServiceDeps {
  knex: Knex;
  gitReader: GitReader;
  config: CatalogConfig;
  engineId: string;
  logger: Logger;
  metrics: CatalogMetrics;
  observer?: RefreshObserver;
}

function ownerRefsOf(rows: Array<{ namespace: string; owner: string | null }>): string[] {
  const refs = new Set<string>();
  for (const { namespace, owner } of rows) {
    if (!owner) continue;
    try {
      refs.add(stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: namespace })));
    } catch {
      // A malformed owner was already reported on its entity; it grants nobody anything.
    }
  }
  return [...refs].sort();
}

const toLocation = (row: Pick<DbLocationRow, 'id' | 'type' | 'target'>): CatalogLocation => ({
  id: row.id,
  type: row.type,
  target: row.target,
  entityRef: locationEntityRef(row.type, row.target),
});

/** Whether the promise settles within `ms`; a rejection within it is thrown. */
async function finishesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(resolve => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const isGeneratedLocation = (e: Entity) => e.kind === 'Location' && e.metadata.name.startsWith(GENERATED_LOCATION_PREFIX);

/** Locations per page of `queryLocations` when the caller names no limit. */
const DEFAULT_LOCATION_PAGE = 100;

interface LocationCursor {
  query: unknown;
  offset: number;
  limit: number;
}

function encodeLocationCursor(cursor: LocationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeLocationCursor(text: string): LocationCursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as LocationCursor;
    if (Number.isInteger(cursor.offset) && Number.isInteger(cursor.limit) && cursor.offset >= 0 && cursor.limit > 0) return cursor;
  } catch {
    // Reported below, as for any cursor that is not one of ours.
  }
  throw new InputError('Invalid body: cursor is not a cursor this catalog gave out');
}

/**
 * What the routes and the client do, each as one call: the only way into the catalog's store.
 * Locations, refreshes and deletes are here; entity reads are on `queries`, which holds the
 * caches in front of them.
 */
export class CatalogService implements CatalogClient {
  readonly scheduler: RefreshScheduler;
  readonly queries: CatalogQueries;
  /** Refreshes the tables' statistics after large writes, off the refreshes' path. */
  readonly statistics: TableStatistics;
  /** What refreshes running in this process have read so far (see RefreshProgress). */
  readonly progress = new RefreshProgress();
  private readonly changeListeners = new Set<EntitiesChangedListener>();

  constructor(private readonly deps: CatalogServiceDeps) {
    this.statistics = new TableStatistics(deps.knex, deps.logger, { threshold: deps.config.analyzeAfterWrites, quietMs: 1_000, maxWaitMs: 30_000 });
    const onEntitiesChanged = (change: EntitiesChange) => this.entitiesChanged(change);
    this.scheduler = new RefreshScheduler({ ...deps, progress: this.progress, statistics: this.statistics, onEntitiesChanged }, deps.observer);
    this.queries = new CatalogQueries(deps.knex);
  }

  /** Registers the config's locations and unregisters config locations no longer in it. */
  async syncConfigLocations(): Promise<void> {
    const wanted = this.deps.config.locations.map(l => {
      const target = this.normalizeTarget(l.type, l.target);
      return { type: l.type, target, origin: 'config' as const, repoUrl: this.repoUrlOf(l.type, target), allowKinds: l.rules?.flatMap(r => r.allow) ?? null };
    });
    const stale = await syncConfigLocations(this.deps.knex, wanted);
    for (const id of stale) await this.removeLocation(id);
  }

  async addLocation(input: { type: LocationType; target: string }, options: AddLocationOptions = {}): Promise<AddLocationResponse> {
    // Refused before the target is looked at, so nothing on the server's disk is read.
    if (input.type === 'file' && !options.allowFile) throw new InputError(FILE_LOCATION_REFUSED);
    const target = this.normalizeTarget(input.type, input.target);
    const repoUrl = this.repoUrlOf(input.type, target);
    const allowKinds = options.trusted?.allowKinds ?? null;
    if (options.dryRun) {
      const existing = await selectLocationByTarget(this.deps.knex, { type: input.type, target });
      const plan = await readLocationOnce(this.deps, { type: input.type, target, allow_kinds: allowKinds }).catch(error => {
        // The location the caller asked about is not there: a mistake in the request, as Backstage says.
        if (error instanceof NotFoundError) throw new InputError(`Cannot read location ${input.type}:${target}: ${error.message}`);
        throw error;
      });
      const entities = plan.files.flatMap(f =>
        f.entities.map(e => ({ ...e.entity, relations: e.relations.filter(r => r.sourceRef === e.ref).map(r => ({ type: r.type, targetRef: r.targetRef })) })),
      );
      const files = reportFiles(plan, createSource(this.deps.gitReader, { type: input.type, target }).rootPath);
      return {
        location: toLocation({ id: existing?.id ?? `${input.type}:${target}`, type: input.type, target }),
        entities,
        exists: Boolean(existing),
        errors: files.flatMap(f => f.errors),
        files,
      };
    }
    const row = await insertLocation(this.deps.knex, { type: input.type, target, origin: 'api', repoUrl, allowKinds, registeredBy: options.registeredBy });
    const refresh = this.scheduler.refreshNow(row.id);
    if (options.answerWithinMs !== undefined && !(await finishesWithin(refresh, options.answerWithinMs))) {
      // A large location: the rest is read in the background, its progress on /locations/:id/status.
      refresh.catch(error => this.deps.logger.warn({ err: error, location: target }, `Reading location ${target} failed`));
      const root = await readRootFile(this.deps, row);
      const entities = (root?.entities ?? []).filter(e => !isGeneratedLocation(e.entity)).map(e => e.entity);
      return { location: toLocation(row), entities, ...(root && root.problems.length > 0 ? { errors: root.problems.slice(0, 20).map(toLocationError) } : {}) };
    }
    await refresh;
    // The registered file's own entities (what a caller registering one file wants to link to),
    // else the location's first hundred; never the whole of a large location.
    const refsOf = (file?: string) => selectEntityRefsOfLocation(this.deps.knex, { locationId: row.id, file, limit: 100 });
    const rootRefs = await refsOf(createSource(this.deps.gitReader, row).rootPath);
    // The generated Location entities are the catalog's own links, nothing the caller wrote.
    const entities = (await selectEntities(this.deps.knex, { refs: rootRefs.length > 0 ? rootRefs : await refsOf() })).filter(e => !isGeneratedLocation(e));
    // Nothing came in: say why (a conflict, a bad file) so the caller can tell the person.
    const errors = entities.length === 0 ? (await this.getLocationStatus(row.id)).errors.slice(0, 20) : [];
    return { location: toLocation(row), entities, ...(errors.length > 0 ? { errors } : {}) };
  }

  async trustLocation(input: { type: LocationType; target: string }, trusted: { allowKinds: string[] }): Promise<boolean> {
    const target = this.normalizeTarget(input.type, input.target);
    // Not refreshed here: callers trust locations before the scheduler starts, when the local git
    // host may not answer yet. Its changed kinds make its next refresh process every file again.
    return (await trustLocation(this.deps.knex, { type: input.type, target, allowKinds: trusted.allowKinds })) !== undefined;
  }

  async removeLocation(id: string): Promise<void> {
    await selectLocation(this.deps.knex, id);
    await this.deps.knex.transaction(trx => deleteLocationTree(trx, { id, orphanStrategy: this.deps.config.orphanStrategy }));
    await bumpCatalogGeneration(this.deps.knex);
    this.entitiesChanged({ everything: true });
  }

  onEntitiesChanged(listener: EntitiesChangedListener): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  async getEntitiesByRefs(refs: string[]): Promise<Array<Entity | undefined>> {
    return (await this.queries.entitiesInOrder(refs)).map(e => e ?? undefined);
  }

  async *entityBatches(): AsyncGenerator<Entity[]> {
    for await (const batch of this.queries.entityJsonBatches({ orderFields: [] }, 0)) yield batch.map(json => JSON.parse(json) as Entity);
  }

  private entitiesChanged(change: EntitiesChange): void {
    for (const listener of this.changeListeners) {
      try {
        listener(change);
      } catch (error) {
        // A listener's failure is its own; the catalog's change has committed already.
        this.deps.logger.error({ err: error }, 'A catalog change listener failed');
      }
    }
  }

  /**
   * The owners of every entity a location (with the locations it led to) brings in, as entity
   * refs: whoever owns all of them may unregister it.
   */
  async locationOwnerRefs(id: string): Promise<string[]> {
    await selectLocation(this.deps.knex, id);
    return ownerRefsOf(await selectLocationTreeOwners(this.deps.knex, id));
  }

  /** The owner of an entity as a ref list (empty when it has none), for the refresh permission. */
  async entityOwnerRefs(ref: string): Promise<string[]> {
    const entity = await this.getEntityByRef(ref);
    if (!entity) return [];
    const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
    return ownerRefsOf([{ namespace: entity.metadata.namespace ?? 'default', owner: typeof owner === 'string' ? owner : null }]);
  }

  async listLocations(): Promise<CatalogLocation[]> {
    return (await selectLocations(this.deps.knex)).map(toLocation);
  }

  /** A page of the locations a filter predicate matches, in registration order (`POST /locations/by-query`). */
  async queryLocations(request: { limit?: number; cursor?: string; query?: unknown }): Promise<QueryLocationsResponse> {
    const page = request.cursor
      ? { ...decodeLocationCursor(request.cursor), ...(request.limit ? { limit: request.limit } : {}) }
      : { query: request.query, offset: 0, limit: request.limit ?? DEFAULT_LOCATION_PAGE };
    const matching = (await this.listLocations()).filter(l => matchesLocationPredicate(l, page.query));
    const end = page.offset + page.limit;
    const nextCursor = end < matching.length ? encodeLocationCursor({ ...page, offset: end }) : undefined;
    return { items: matching.slice(page.offset, end), totalItems: matching.length, pageInfo: nextCursor ? { nextCursor } : {} };
  }

  /**
   * Points a location registered through the API at another target (`PUT /locations/:id`). Its
   * next refresh, due now, reads the new target and replaces what the old one brought in.
   */
  async updateLocation(id: string, input: { type: LocationType; target: string }): Promise<CatalogLocation> {
    if (input.type === 'file') throw new InputError(FILE_LOCATION_REFUSED);
    const target = this.normalizeTarget(input.type, input.target);
    const row = await updateLocationTarget(this.deps.knex, { id, type: input.type, target, repoUrl: this.repoUrlOf(input.type, target) });
    return toLocation(row);
  }

  /**
   * What registering a URL would bring (`POST /analyze-location`): a catalog file's entities, read
   * as a dry run reads them; for a repository or folder, or a file without entities, a Component
   * named after the repository to start from, as Backstage suggests without an analyzer of the host.
   */
  async analyzeLocation(input: { location: { type: string; target: string } }): Promise<AnalyzeLocationResponse> {
    if (input.location.type !== 'url') throw new InputError('Only url locations can be analyzed');
    const { target } = input.location;
    this.repoUrlOf('url', target);
    const parsed = this.deps.gitReader.parseUrl(target);
    const existingEntityFiles: AnalyzeLocationResponse['existingEntityFiles'] = [];
    let files: AnalyzeLocationResponse['files'];
    if (parsed.kind === 'blob') {
      const plan = await this.addLocation({ type: 'url', target }, { dryRun: true });
      files = plan.files;
      for (const entity of plan.entities.filter(e => !isGeneratedLocation(e))) {
        const fileTarget = (entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? `url:${target}`).replace(/^url:/, '');
        const isRegistered = Boolean(await selectLocationByTarget(this.deps.knex, { type: 'url', target: fileTarget }));
        existingEntityFiles.push({ location: { type: 'url', target: fileTarget }, isRegistered, entity });
      }
    }
    const name =
      parsed.repoUrl
        .replace(/\.git$/, '')
        .split('/')
        .pop() ?? 'component';
    const suggestion = {
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name }, spec: { type: 'other', lifecycle: 'unknown' } },
      fields: [],
    };
    return { existingEntityFiles, generateEntities: existingEntityFiles.length > 0 ? [] : [suggestion], ...(files ? { files } : {}) };
  }

  async getLocation(id: string): Promise<CatalogLocation> {
    return toLocation(await selectLocation(this.deps.knex, id));
  }

  async getLocationByEntity(ref: { kind: string; namespace: string; name: string }): Promise<CatalogLocation> {
    return toLocation(await selectLocationOfEntity(this.deps.knex, stringifyEntityRef(ref)));
  }

  /**
   * A page of locations for the Locations page: every one (`visibleTo` undefined), or those that
   * brought in an entity the given refs own or that the user registered. `canUnregister` is asked
   * of the caller per location.
   */
  async locationSummaries(options: {
    visibleTo?: { ownerRefs: string[]; userRef?: string };
    limit: number;
    offset: number;
    canUnregister(ownerRefs: string[]): boolean;
  }): Promise<Omit<LocationSummariesResponse, 'scope'>> {
    const { rows, total } = await selectLocationSummaries(this.deps.knex, options);
    const items: LocationSummary[] = [];
    for (const row of rows) {
      items.push({
        ...toLocation(row),
        origin: row.origin,
        lastCommit: row.last_commit,
        lastRefreshAt: row.last_refresh_at ? new Date(row.last_refresh_at).toISOString() : null,
        refreshing: row.locked_until !== null && new Date(row.locked_until).getTime() > Date.now(),
        entityCount: row.entity_count,
        errorCount: Number(row.error_count),
        filesWithErrors: Number(row.files_with_errors),
        canUnregister: row.origin === 'api' && options.canUnregister(ownerRefsOf(await selectLocationTreeOwners(this.deps.knex, row.id))),
      });
    }
    return { items, totalItems: total };
  }

  async getLocationStatus(id: string): Promise<LocationStatus> {
    const status = await selectLocationStatus(this.deps.knex, id);
    const progress = status.refreshing ? this.progress.get(id) : undefined;
    return { ...status, progress: progress ?? null };
  }

  getEntityByRef(ref: string): Promise<Entity | undefined> {
    return this.queries.getEntityByRef(ref);
  }

  findEntities(filter: Record<string, string>, options: { limit?: number } = {}): Promise<Entity[]> {
    return this.queries.findEntities(filter, options);
  }

  /**
   * Deletes one entity with the relations it produced and its search rows; facets and totals are
   * counted afresh. Its location is due at once for a refresh that reads the entity's file again,
   * so an entity its file still declares comes back, as in Backstage.
   */
  async removeEntity(ref: string): Promise<void> {
    await this.deleteEntity({ ref });
  }

  /** `DELETE /entities/by-uid/:uid`: as removeEntity; resolves, deleting nothing, for a uid no entity has. */
  async deleteEntityByUid(uid: string): Promise<void> {
    await this.deleteEntity({ uid });
  }

  private async deleteEntity(where: { ref: string } | { uid: string }): Promise<void> {
    const deleted = await this.deps.knex.transaction(trx => deleteEntityForReread(trx, where));
    if (deleted) await bumpCatalogGeneration(this.deps.knex);
    if (deleted) this.entitiesChanged({ refs: [deleted] });
  }

  async refreshEntity(ref: string): Promise<void> {
    const canonical = stringifyEntityRef(parseEntityRef(ref));
    const location = await selectLocationOfEntity(this.deps.knex, canonical).catch(async () => {
      // A location whose own file cannot be read has no generated Location entity stored; its ref
      // still names it, so it can be refreshed once the file is fixed.
      const named = canonical.startsWith(`location:default/${GENERATED_LOCATION_PREFIX}`)
        ? (await selectLocations(this.deps.knex)).find(l => locationEntityRef(l.type, l.target) === canonical)
        : undefined;
      if (!named) throw new NotFoundError(`No entity ${canonical} in the catalog`);
      return named;
    });
    await this.scheduler.refreshNow(location.id);
  }

  async refreshLocationsForRepo(repoUrl: string): Promise<void> {
    const locations = await selectLocationsOfRepo(this.deps.knex, normalizeRepoUrl(repoUrl));
    await Promise.all(
      locations.map(l =>
        this.scheduler.refreshNow(l.id).catch(error => {
          // Unregistered meanwhile: nothing left to refresh.
          if (!(error instanceof NotFoundError)) throw error;
        }),
      ),
    );
  }

  /** Refreshes the locations a push event names (webhook); returns how many matched. */
  async refreshForPush(event: { repoUrls: string[]; branch?: string }): Promise<number> {
    const seen = new Map<string, DbLocationRow>();
    for (const url of event.repoUrls) {
      for (const l of await selectLocationsOfRepo(this.deps.knex, normalizeRepoUrl(url))) seen.set(l.id, l);
    }
    const matching = [...seen.values()].filter(l => {
      // A location pinned to another branch cannot have changed; one on the default branch might.
      const ref = l.type === 'url' ? this.deps.gitReader.parseUrl(l.target).ref : undefined;
      return !event.branch || !ref || ref === event.branch;
    });
    await Promise.all(matching.map(l => this.scheduler.refreshNow(l.id)));
    return matching.length;
  }

  private normalizeTarget(type: LocationType, target: string): string {
    if (type === 'file') return path.resolve(target);
    this.repoUrlOf(type, target); // throws InputError for URLs the reader refuses
    return target;
  }

  private repoUrlOf(type: LocationType, target: string): string | null {
    try {
      return repoUrlOf(this.deps.gitReader, type, target);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`Cannot read location ${target}: ${(error as Error).message}`);
    }
  }
}
