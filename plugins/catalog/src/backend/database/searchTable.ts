/**
 * Each entity's flattened (key, value) pairs (see buildSearchRows), which filters, facets and
 * full-text words are answered from. Its indexes are described in ../migrations/.
 */
export const SEARCH_TABLE = 'catalog_search';

export interface DbSearchRow {
  entity_ref: string;
  key: string;
  value: string | null;
  original_value: string | null;
}
