/** What a search document is: a catalog entity, a section of a docs page, or a template. */
export const searchDocumentTypes = ['software-catalog', 'techdocs', 'templates'] as const;
export type SearchDocumentType = (typeof searchDocumentTypes)[number];

/** The filter fields a document may carry, as Backstage's collators name them. */
export const searchFilterFields = ['kind', 'type', 'owner', 'lifecycle', 'namespace', 'tags'] as const;
export type SearchFilterField = (typeof searchFilterFields)[number];

/** The document of a result, in Backstage's shape. */
export interface SearchDocument {
  title: string;
  text: string;
  /** The portal URL to open (path and anchor), such as `/catalog/default/user/jane-doe`. */
  location: string;
  kind?: string;
  type?: string;
  owner?: string;
  lifecycle?: string;
  namespace?: string;
  tags?: string[];
  /** The entity the document is about (for docs, the entity whose docs these are). */
  entityRef?: string;
  /** For docs sections: the site's name and the page's title. */
  siteName?: string;
  pageTitle?: string;
}

/** Where the matched words are: each field's text with the words between `preTag` and `postTag`. */
export interface SearchHighlight {
  preTag: string;
  postTag: string;
  fields: Partial<Record<'title' | 'text', string>>;
}

export interface SearchResult {
  type: SearchDocumentType;
  document: SearchDocument;
  highlight: SearchHighlight;
  /** 1 for the first result of the whole query, counting on across pages. */
  rank: number;
}

/** `GET /api/search/query`. */
export interface SearchResultSet {
  results: SearchResult[];
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults: number;
}

export interface SearchQuery {
  term: string;
  types?: SearchDocumentType[];
  filters?: Partial<Record<SearchFilterField, string>>;
  pageCursor?: string;
  pageLimit?: number;
}
