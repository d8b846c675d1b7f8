import type { CompoundEntityRef, Entity } from '@portal/catalog-model';
import type { AddLocationResponse, CatalogLocation, LocationStatus, LocationSummariesResponse } from './locationTypes.js';
import type { AncestryResponse, EntityQueryRequest, FacetsResponse, QueryEntitiesResponse, ValidateEntityResponse } from './queryTypes.js';
import type { AddLocationRequest, RefreshEntityRequest } from './requestSchemas.js';

/** How the client talks HTTP: the app passes its fetchJson, scripts and tests a fetch of their own. */
export type FetchJson = <T>(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) => Promise<T>;

/**
 * Builds `filter` parameters: `,` joins the conditions of one group, repeated parameters OR them.
 * A group without conditions matches every entity, and so does the OR of it with anything: no
 * parameter at all (an empty `filter=` is refused by the API, as it names no condition).
 */
export function filterParams(filter: EntityQueryRequest['filter']): string[] {
  if ((filter ?? []).some(group => Object.keys(group).length === 0)) return [];
  return (filter ?? []).map(group =>
    Object.entries(group)
      .flatMap(([key, value]) => (value === true ? [key] : (Array.isArray(value) ? value : [value]).map(v => `${key}=${v}`)))
      .join(','),
  );
}

/** The typed client of the catalog API at `baseUrl` (default `/api/catalog`). */
export class CatalogApiClient {
  constructor(
    private readonly fetchJson: FetchJson,
    private readonly baseUrl = '/api/catalog',
  ) {}

  queryEntities(request: EntityQueryRequest | { cursor: string; limit?: number; fields?: string[] }): Promise<QueryEntitiesResponse> {
    const params = new URLSearchParams();
    if ('cursor' in request) {
      params.set('cursor', request.cursor);
    } else {
      for (const f of filterParams(request.filter)) params.append('filter', f);
      for (const o of request.orderFields ?? []) params.append('orderField', `${o.field},${o.order}`);
      if (request.offset) params.set('offset', String(request.offset));
      if (request.fullTextFilter?.term) {
        params.set('fullTextFilterTerm', request.fullTextFilter.term);
        if (request.fullTextFilter.fields?.length) params.set('fullTextFilterFields', request.fullTextFilter.fields.join(','));
      }
    }
    if (request.limit !== undefined) params.set('limit', String(request.limit));
    if (request.fields?.length) params.set('fields', request.fields.join(','));
    return this.fetchJson(`${this.baseUrl}/entities/by-query?${params}`);
  }

  getEntityByName(ref: CompoundEntityRef): Promise<Entity> {
    const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
    return this.fetchJson(`${this.baseUrl}/entities/by-name/${path}`);
  }

  getEntitiesByRefs(entityRefs: string[], fields?: string[]): Promise<{ items: Array<Entity | null> }> {
    return this.fetchJson(`${this.baseUrl}/entities/by-refs`, { method: 'POST', body: { entityRefs, ...(fields ? { fields } : {}) } });
  }

  getEntityFacets(facets: string[], filter?: EntityQueryRequest['filter']): Promise<FacetsResponse> {
    const params = new URLSearchParams();
    for (const f of facets) params.append('facet', f);
    for (const f of filterParams(filter)) params.append('filter', f);
    return this.fetchJson(`${this.baseUrl}/entity-facets?${params}`);
  }

  getEntityAncestry(ref: CompoundEntityRef): Promise<AncestryResponse> {
    const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
    return this.fetchJson(`${this.baseUrl}/entities/by-name/${path}/ancestry`);
  }

  removeEntityByUid(uid: string): Promise<void> {
    return this.fetchJson(`${this.baseUrl}/entities/by-uid/${encodeURIComponent(uid)}`, { method: 'DELETE' });
  }

  refreshEntity(entityRef: string): Promise<void> {
    const body: RefreshEntityRequest = { entityRef };
    return this.fetchJson(`${this.baseUrl}/refresh`, { method: 'POST', body });
  }

  /** `type` defaults to `url`. */
  addLocation(input: { type?: AddLocationRequest['type']; target: string }, options: { dryRun?: boolean } = {}): Promise<AddLocationResponse> {
    const body: AddLocationRequest = { type: input.type ?? 'url', target: input.target };
    return this.fetchJson(`${this.baseUrl}/locations${options.dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body });
  }

  getLocationStatus(id: string): Promise<LocationStatus> {
    return this.fetchJson(`${this.baseUrl}/locations/${encodeURIComponent(id)}/status`);
  }

  /** A page of the locations the caller may see, with how their last refresh went. */
  getLocationSummaries(request: { limit?: number; offset?: number } = {}): Promise<LocationSummariesResponse> {
    const params = new URLSearchParams();
    if (request.limit !== undefined) params.set('limit', String(request.limit));
    if (request.offset) params.set('offset', String(request.offset));
    return this.fetchJson(`${this.baseUrl}/location-summaries?${params}`);
  }

  getLocationByEntity(ref: CompoundEntityRef): Promise<CatalogLocation> {
    const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
    return this.fetchJson(`${this.baseUrl}/locations/by-entity/${path}`);
  }

  removeLocation(id: string): Promise<void> {
    return this.fetchJson(`${this.baseUrl}/locations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  async validateEntity(entity: unknown, location?: string): Promise<ValidateEntityResponse> {
    try {
      await this.fetchJson(`${this.baseUrl}/validate-entity`, { method: 'POST', body: { entity, location } });
      return { valid: true };
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 400) return { valid: false, errors: [{ name: 'InputError', message: (error as Error).message }] };
      throw error;
    }
  }
}
