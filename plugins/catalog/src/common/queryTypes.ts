import type { Entity } from '@portal/catalog-model';

/** `GET /entities/by-query`, as Backstage answers it. */
export interface QueryEntitiesResponse {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

/**
 * A query for `GET /entities/by-query`. Each `filter` entry is one AND-group such as
 * `{ kind: 'component', 'spec.lifecycle': ['production', 'experimental'] }` (an array means any
 * of the values, `true` means the key exists); entries are OR-ed.
 */
export interface EntityQueryRequest {
  filter?: Array<Record<string, string | string[] | true>>;
  fields?: string[];
  limit?: number;
  offset?: number;
  orderFields?: Array<{ field: string; order: 'asc' | 'desc' }>;
  fullTextFilter?: { term: string; fields?: string[] };
}

export interface FacetsResponse {
  facets: Record<string, Array<{ value: string; count: number }>>;
}

export interface AncestryResponse {
  rootEntityRef: string;
  items: Array<{ entity: Entity; parentEntityRefs: string[] }>;
}

export type ValidateEntityResponse = { valid: true } | { valid: false; errors: Array<{ name: string; message: string }> };
