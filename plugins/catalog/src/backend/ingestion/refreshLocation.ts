import type { Knex } from 'knex';
import type { Logger } from '@portal/backend-common';
import type { CatalogConfig } from '../config.js';
import type { TableStatistics } from './TableStatistics.js';
import { bumpCatalogGeneration } from '../database/catalogGeneration.js';
import { recordLocationFailure, releaseLocation } from '../database/releaseLocation.js';
import { selectRootLocation } from '../database/selectRootLocation.js';
import type { DbLocationRow, LocationType } from '../database/tables.js';
import { readLocationFiles } from '../database/writeLocationFiles.js';
import type { CatalogMetrics, RefreshOutcome } from '../metrics.js';
import { applyLocationRefresh } from './applyLocationRefresh.js';
import { createFileSource } from './fileSource.js';
import type { GitReader } from './gitReader.js';
import { createGitSource, normalizeRepoUrl } from './gitSource.js';
import { kindRulesFor, type KindRules } from './kindRules.js';
import type { LocationSource } from './LocationSource.js';
import { hashOf, processFile } from './processFile.js';
import { readEditedFiles, readLocation } from './readLocation.js';
import type { RefreshProgress } from './RefreshProgress.js';
import type { LocationWalk, ProcessedFile } from './types.js';

/** Files read at once from one location. */
const READ_CONCURRENCY = 16;

export interface RefreshDeps {
  knex: Knex;
  gitReader: GitReader;
  config: CatalogConfig;
  engineId: string;
  logger: Logger;
  metrics: CatalogMetrics;
  /** Counts what a running refresh has read, for the location's status. */
  progress?: RefreshProgress;
  /** Told how many entities each committed refresh wrote, to refresh statistics after large writes. */
  statistics?: TableStatistics;
  /** Told, once a refresh has committed, which entities it wrote or removed. */
  onEntitiesChanged?: EntitiesChangedListener;
}

/**
 * What changed in the catalog, told after the change committed: these entities were written or
 * removed (look each one up to tell which), or `everything` when too much changed to list
 * (a location and the locations it led to went).
 */
export type EntitiesChange = { refs: string[] } | { everything: true };
export type EntitiesChangedListener = (change: EntitiesChange) => void;

export function createSource(gitReader: GitReader, location: { type: LocationType; target: string }): LocationSource {
  return location.type === 'file' ? createFileSource(location.target) : createGitSource(gitReader, location.target);
}

/** The clone URL push events are matched against; null for file locations. */
export function repoUrlOf(gitReader: GitReader, type: LocationType, target: string): string | null {
  return type === 'url' ? normalizeRepoUrl(gitReader.parseUrl(target).repoUrl) : null;
}

/**
 * Reads a whole location without storing anything: what registering it would add. Used by dry
 * runs; throws when the location itself cannot be read.
 */
export async function readLocationOnce(
  deps: Pick<RefreshDeps, 'gitReader' | 'config'>,
  location: Pick<DbLocationRow, 'type' | 'target' | 'allow_kinds'>,
): Promise<LocationWalk & { files: ProcessedFile[]; urlOf(path: string): string | null }> {
  const source = createSource(deps.gitReader, location);
  await source.prepare(await source.head());
  const files: ProcessedFile[] = [];
  const walk = await readLocation({
    source,
    stored: new Map(),
    changes: undefined,
    process: processorFor(deps.config, kindRulesFor(deps.config.rules, location), source, `${location.type}:${location.target}`, location),
    emit: file => void files.push(file),
    maxFiles: deps.config.readLimits.maxFilesPerLocation,
    concurrency: READ_CONCURRENCY,
  });
  const urlOf = (path: string) => {
    const managedBy = source.annotations(path)['backstage.io/managed-by-location'];
    return managedBy?.startsWith('url:') ? managedBy.slice('url:'.length) : null;
  };
  return { ...walk, files, urlOf };
}

/**
 * Reads and processes the location's own file alone, storing nothing: what registering it answers
 * while the rest of the location is still being read. Undefined when the file does not exist.
 */
export async function readRootFile(
  deps: Pick<RefreshDeps, 'gitReader' | 'config'>,
  location: Pick<DbLocationRow, 'type' | 'target' | 'allow_kinds'>,
): Promise<ProcessedFile | undefined> {
  const source = createSource(deps.gitReader, location);
  await source.prepare(await source.head());
  const bytes = await source.readFile(source.rootPath);
  if (!bytes) return undefined;
  const process = processorFor(deps.config, kindRulesFor(deps.config.rules, location), source, `${location.type}:${location.target}`, location);
  return process(source.rootPath, bytes.toString('utf8'), hashOf(bytes));
}

/**
 * Refreshes one claimed location: asks for the head commit and stops there when it is the one
 * last ingested; otherwise fetches it (no transaction open), then reads what changed and writes
 * it as it goes, in one transaction. Never throws: a location that cannot be read gets the error
 * stored on it.
 */
export async function refreshLocation(deps: RefreshDeps, location: DbLocationRow): Promise<RefreshOutcome> {
  const started = Date.now();
  const finish = (outcome: RefreshOutcome) => {
    deps.metrics.refreshDuration.observe({ outcome }, (Date.now() - started) / 1000);
    return outcome;
  };
  try {
    const source = createSource(deps.gitReader, location);
    const kindRules = kindRulesFor(deps.config.rules, location);
    // Config or the location's trust changed what it may add since its files were last read.
    const rulesChanged = kindRules.fingerprint !== location.kind_rules;
    const full = location.force_full || rulesChanged;
    const head = await source.head();
    if (head !== undefined && head === location.last_commit && !full) {
      // The commit is unchanged, so nothing in this location can have changed: stop here.
      await releaseLocation(deps.knex, { id: location.id, engineId: deps.engineId, durationMs: Date.now() - started });
      return finish('unchanged');
    }
    deps.progress?.start(location.id);
    const commit = await source.prepare(head);
    const changes = commit && location.last_commit && !full ? await source.changes(location.last_commit, commit) : undefined;
    const origin = await originOf(deps.knex, location);
    const process = processorFor(deps.config, kindRules, source, origin, location);
    const processAt: typeof process = (path, text, hash) => {
      const file = process(path, text, hash);
      deps.progress?.fileRead(location.id, file);
      return file;
    };
    // A push that only edits entity files reads those files alone; anything else walks the location.
    const edited = changes
      ? await readEditedFiles({ source, changes, storedOf: paths => readLocationFiles(deps.knex, location.id, paths), process: processAt })
      : undefined;
    const stored = edited ? new Map() : await readLocationFiles(deps.knex, location.id);
    const result = await applyLocationRefresh(deps.knex, {
      location,
      engineId: deps.engineId,
      commit: commit ?? null,
      kindRules: kindRules.fingerprint,
      recount: changes === undefined,
      // Files are written as they are read: the walk runs inside the write transaction, reading
      // only local files or the git cache prepare() filled (no network).
      read: edited
        ? async emit => {
            for (const file of edited) await emit(file);
            return { removedFiles: [], missingFiles: [], externalTargets: undefined, locationProblems: undefined };
          }
        : emit =>
            readLocation({
              source,
              stored,
              changes,
              reprocess: rulesChanged,
              process: processAt,
              emit,
              maxFiles: deps.config.readLimits.maxFilesPerLocation,
              concurrency: READ_CONCURRENCY,
            }),
      startedAt: started,
      orphanStrategy: deps.config.orphanStrategy,
      repoUrlOf: (type, target) => repoUrlOf(deps.gitReader, type, target),
    });
    if (!result.applied) return finish('skipped');
    // A new commit that changed no entity (a README edit, a file with the same entities) leaves
    // the kept facet answers and totals in place.
    if (result.changed) await bumpCatalogGeneration(deps.knex);
    if (result.changed) deps.onEntitiesChanged?.(result.changedRefs ? { refs: result.changedRefs } : { everything: true });
    deps.statistics?.recordWrites(result.written + result.deleted);
    deps.metrics.entitiesWritten.inc(result.written);
    deps.metrics.entitiesDeleted.inc(result.deleted);
    return finish('changed');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ err: error, location: location.target }, `Refreshing location ${location.target} failed`);
    try {
      await recordLocationFailure(deps.knex, { id: location.id, engineId: deps.engineId, durationMs: Date.now() - started, message });
    } catch (recordError) {
      deps.logger.error({ err: recordError }, `Could not store the failure of location ${location.target}`);
    }
    return finish('failed');
  } finally {
    deps.progress?.end(location.id);
  }
}

function processorFor(config: CatalogConfig, kindRules: KindRules, source: LocationSource, origin: string, location: { type: LocationType; target: string }) {
  const limits = { maxFileBytes: config.readLimits.maxFileBytes, maxDocumentsPerFile: config.readLimits.maxDocumentsPerFile };
  const rootOf = { type: location.type, target: location.target };
  return (path: string, text: string, hash: string) =>
    processFile({
      source,
      path,
      text,
      hash,
      originLocation: origin,
      kindRefusal: kindRules.refusal,
      limits,
      rootOf: path === source.rootPath ? rootOf : undefined,
    });
}

/** `type:target` of the location a person registered: the root of the chain of Location entities. */
async function originOf(knex: Knex, location: DbLocationRow): Promise<string> {
  if (!location.parent_id) return `${location.type}:${location.target}`;
  const root = await selectRootLocation(knex, location.id);
  return root ? `${root.type}:${root.target}` : `${location.type}:${location.target}`;
}
