import { randomUUID } from 'node:crypto';
import os from 'node:os';
import express from 'express';
import { readConfigSections, runMigrations, type BackendPlugin, type Permissions, type PluginEnvironment } from '@portal/backend-common';
import type { Registry } from 'prom-client';
import { CatalogService, type CatalogClient } from './CatalogService.js';
import { catalogConfigSection } from './config.js';
import type { GitReader } from './ingestion/gitReader.js';
import type { RefreshObserver } from './ingestion/RefreshScheduler.js';
import { createCatalogMetrics } from './metrics.js';
import { CATALOG_MIGRATIONS_TABLE, catalogMigrations } from './migrations/index.js';
import { createRouter } from './routes/createRouter.js';
import { createEntitiesRouter } from './routes/entitiesRouter.js';

/** Routes that read the catalog although their question comes as a POST body. */
export const CATALOG_READ_POSTS: ReadonlySet<string> = new Set([
  '/entities/by-refs',
  '/entities/by-query',
  '/entity-facets',
  '/validate-entity',
  '/locations/by-query',
  '/analyze-location',
]);

/**
 * Routes whose callers may send a body without credentials: the push webhook proves its sender by
 * a signature over the body, which it checks itself before reading more than the headers.
 */
export const CATALOG_SIGNED_POSTS: ReadonlySet<string> = new Set(['/webhooks/git']);

export interface CatalogPluginEnvironment extends PluginEnvironment {
  gitReader: GitReader;
  /** Where the catalog's Prometheus metrics go; a registry of its own when omitted. */
  metricsRegistry?: Registry;
  /** The permission policy checked at every write route, on top of requiring credentials. */
  permissions?: Permissions;
  /** Told when this replica starts and ends a location refresh. */
  onRefresh?: RefreshObserver;
}

export interface CatalogPlugin extends BackendPlugin {
  client: CatalogClient;
  /** The catalog's metrics, to serve at /metrics (merge with other registries as needed). */
  metricsRegistry: Registry;
}

/**
 * The software catalog: validates its config, runs its migrations, and returns the router, the
 * in-process client and the refresh scheduler (started by start()).
 */
export async function createCatalogPlugin(env: CatalogPluginEnvironment): Promise<CatalogPlugin> {
  const { catalog: config } = readConfigSections(env.config, { catalog: catalogConfigSection });
  await runMigrations(env.knex, { tableName: CATALOG_MIGRATIONS_TABLE, migrations: catalogMigrations });
  const metrics = createCatalogMetrics(env.knex, env.metricsRegistry);
  const logger = env.logger.child({ plugin: 'catalog' });
  const service = new CatalogService({
    knex: env.knex,
    gitReader: env.gitReader,
    config,
    engineId: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    logger,
    metrics,
    observer: env.onRefresh,
  });
  const router = express.Router();
  // Reading the catalog is an action of its own: public by default, `anyone` to require sign-in.
  router.use((req, _res, next) => {
    const reads = req.method === 'GET' || req.method === 'HEAD' || (req.method === 'POST' && CATALOG_READ_POSTS.has(req.path));
    if (reads) env.permissions?.requirePermission(req, 'catalog.entity.read');
    next();
  });
  router.use(
    createRouter({ service, httpAuth: env.httpAuth, permissions: env.permissions, webhookSecret: config.webhooks.secret, registerWaitMs: config.registerWait }),
  );
  // The query API (by-query, by-name, by-uid, by-refs, facets, ancestry, validation) after the
  // ingestion routes, behind their JSON body parser.
  router.use(createEntitiesRouter({ service, httpAuth: env.httpAuth, permissions: env.permissions }));
  return {
    id: 'catalog',
    router,
    client: service,
    metricsRegistry: metrics.registry,
    start: async () => {
      await service.syncConfigLocations();
      service.scheduler.start();
    },
    stop: async () => {
      await service.scheduler.stop();
      await service.statistics.stop();
    },
  };
}
