export { createSearchPlugin } from './createSearchPlugin.js';
export type { SearchPlugin, SearchPluginEnvironment } from './createSearchPlugin.js';
export { SearchEngine } from './SearchEngine.js';
export { SearchIndexer } from './SearchIndexer.js';
export type { RebuildStats, SearchCatalog, SearchDocs } from './SearchIndexer.js';
export type { RenderedDocsPage, RenderedDocsSite } from './collators/docsDocuments.js';
export { SEARCH_PLUGIN_ID } from '../common/index.js';
