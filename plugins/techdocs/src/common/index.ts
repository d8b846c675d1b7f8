export const TECHDOCS_PLUGIN_ID = 'techdocs';
export const TECHDOCS_REF_ANNOTATION = 'backstage.io/techdocs-ref';
export { TechdocsClient } from './client.js';
export type { DocsEntityName } from './client.js';
export { searchQuery } from './requestSchemas.js';
export type { DocsSearchQuery } from './requestSchemas.js';
export type { DocsEntitySummary, DocsNavNode, DocsPage, DocsPageLink, DocsSearchResult, DocsSiteMetadata, DocsTocEntry } from './types.js';
