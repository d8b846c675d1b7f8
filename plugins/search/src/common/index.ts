export const SEARCH_PLUGIN_ID = 'search';
export { searchDocumentTypes, searchFilterFields } from './types.js';
export type { SearchDocument, SearchDocumentType, SearchFilterField, SearchHighlight, SearchQuery, SearchResult, SearchResultSet } from './types.js';
export { querySearch, searchQueryString } from './client.js';
