import { runMigrations, type BackendPlugin, type Permissions, type PluginEnvironment } from '@portal/backend-common';
import { SEARCH_MIGRATIONS_TABLE, searchMigrations } from './migrations/index.js';
import { createRouter } from './routes/createRouter.js';
import { SearchEngine } from './SearchEngine.js';
import { SearchIndexer, type SearchCatalog, type SearchDocs } from './SearchIndexer.js';

export interface SearchPluginEnvironment extends PluginEnvironment {
  /** The catalog's in-process client: entities to index and word of each change. */
  catalog: SearchCatalog;
  /** TechDocs' service: rendered sites to index and word of each new rendering. */
  docs?: SearchDocs;
  /** Search shows entities, their docs and templates: it asks the catalog's read rule. */
  permissions?: Permissions;
}

export interface SearchPlugin extends BackendPlugin {
  engine: SearchEngine;
  indexer: SearchIndexer;
}

/**
 * One search over the portal: catalog entities of every kind, docs sections and templates, in
 * one table of the portal's database. It listens for changes from the start, and at start builds
 * the index when it is empty.
 */
export async function createSearchPlugin(env: SearchPluginEnvironment): Promise<SearchPlugin> {
  await runMigrations(env.knex, { tableName: SEARCH_MIGRATIONS_TABLE, migrations: searchMigrations });
  const logger = env.logger.child({ plugin: 'search' });
  const engine = new SearchEngine(env.knex);
  const indexer = new SearchIndexer({ knex: env.knex, logger, catalog: env.catalog, docs: env.docs });
  indexer.listen();
  return {
    id: 'search',
    router: createRouter(engine, env.permissions),
    engine,
    indexer,
    start: async () => {
      // In the background: the portal answers while a large catalog is indexed.
      indexer.rebuildIfEmpty().catch(error => logger.error({ err: error }, 'Building the search index failed'));
    },
    stop: () => indexer.stop(),
  };
}
