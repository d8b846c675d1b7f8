import { readConfigSections, runMigrations, type BackendPlugin, type Permissions, type PluginEnvironment } from '@portal/backend-common';
import { techdocsConfigSection } from './config.js';
import { DocsService, type DocsCatalog } from './DocsService.js';
import type { DocsGitReader } from './DocsSource.js';
import { TECHDOCS_MIGRATIONS_TABLE, techdocsMigrations } from './migrations/index.js';
import { createDocsRenderer } from './render/renderMarkdown.js';
import { createRouter } from './routes/createRouter.js';

export interface TechdocsPluginEnvironment extends PluginEnvironment {
  /** @portal/git's GitReader (only the reading methods are used). */
  gitReader: DocsGitReader;
  /** The catalog's in-process client (only getEntityByRef is used). */
  catalog: DocsCatalog;
  /** Docs are part of the catalog: every route asks the catalog's read rule (`catalog.entity.read`). */
  permissions?: Permissions;
}

export interface TechdocsPlugin extends BackendPlugin {
  service: DocsService;
}

/** TechDocs: validates its config, runs its migrations, and serves rendered docs under /api/techdocs. */
export async function createTechdocsPlugin(env: TechdocsPluginEnvironment): Promise<TechdocsPlugin> {
  const { techdocs: config } = readConfigSections(env.config, { techdocs: techdocsConfigSection });
  await runMigrations(env.knex, { tableName: TECHDOCS_MIGRATIONS_TABLE, migrations: techdocsMigrations });
  const service = new DocsService({
    knex: env.knex,
    logger: env.logger.child({ plugin: 'techdocs' }),
    catalog: env.catalog,
    gitReader: env.gitReader,
    render: createDocsRenderer({ allowedIframeHosts: config.allowedIframeHosts }),
    basePath: new URL(env.baseUrl).pathname.replace(/\/+$/, ''),
    origin: new URL(env.baseUrl).origin,
    checkIntervalMs: config.checkInterval,
    keepVersions: config.cache.versionsPerEntity,
    pageCacheSize: Math.max(1, config.cache.pages),
  });
  return {
    id: 'techdocs',
    router: createRouter(service, env.permissions),
    service,
    stop: () => service.settle(),
  };
}
