export { CATALOG_READ_POSTS, CATALOG_SIGNED_POSTS, createCatalogPlugin } from './createCatalogPlugin.js';
export type { CatalogPlugin, CatalogPluginEnvironment } from './createCatalogPlugin.js';
export type { AddLocationOptions, CatalogClient } from './CatalogService.js';
export { catalogConfigSection } from './config.js';
export type { CatalogConfig, CatalogRule } from './config.js';
export type { RefreshObserver } from './ingestion/RefreshScheduler.js';
export type { EntitiesChange, EntitiesChangedListener } from './ingestion/refreshLocation.js';
export type { RefreshOutcome } from './metrics.js';
