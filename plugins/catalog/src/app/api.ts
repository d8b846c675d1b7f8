import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { fetchJson } from '@portal/app-api';
import { parseEntityRef, stringifyEntityRef, type CompoundEntityRef, type Entity } from '@portal/catalog-model';
import { CatalogApiClient, type EntityQueryRequest, type FetchJson } from '../common/index.js';

export const catalogApi = new CatalogApiClient(fetchJson as FetchJson);

const keys = {
  entity: (ref: string) => ['catalog', 'entity', ref] as const,
  query: (request: unknown) => ['catalog', 'query', request] as const,
  facets: (facets: string[], filter: unknown) => ['catalog', 'facets', facets, filter] as const,
  refs: (refs: string[], fields?: string[]) => ['catalog', 'refs', refs, fields] as const,
};

/** One page of a catalog query; the previous page stays on screen while the next one loads. */
export function useEntityQuery(request: EntityQueryRequest | { cursor: string; limit?: number; fields?: string[] }, enabled = true) {
  return useQuery({
    queryKey: keys.query(request),
    queryFn: () => catalogApi.queryEntities(request),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEntityFacets(facets: string[], filter?: EntityQueryRequest['filter'], enabled = true) {
  return useQuery({
    queryKey: keys.facets(facets, filter),
    queryFn: () => catalogApi.getEntityFacets(facets, filter),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}

export function useEntity(ref: CompoundEntityRef) {
  const key = stringifyEntityRef(ref);
  return useQuery({ queryKey: keys.entity(key), queryFn: () => catalogApi.getEntityByName(ref), retry: false });
}

export function useEntitiesByRefs(refs: string[], fields?: string[]) {
  return useQuery({
    queryKey: keys.refs(refs, fields),
    queryFn: () => catalogApi.getEntitiesByRefs(refs, fields),
    enabled: refs.length > 0,
  });
}

/** Refreshes the entity's location and waits for it, then reloads what the page shows. */
export function useRefreshEntity(entity: Entity) {
  const client = useQueryClient();
  const ref = stringifyEntityRef(entity);
  return useMutation({
    mutationFn: () => catalogApi.refreshEntity(ref),
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

/**
 * A location's status; with `follow`, asked again every second until its refresh has ended, so
 * a page can show a registration's progress.
 */
export function useLocationStatus(id: string | undefined, options: { follow?: boolean } = {}) {
  return useQuery({
    queryKey: ['catalog', 'location-status', id],
    queryFn: () => catalogApi.getLocationStatus(id!),
    enabled: Boolean(id),
    refetchInterval: query => {
      const status = query.state.data;
      return options.follow && (!status || status.refreshing || !status.lastRefreshAt) ? 1000 : false;
    },
  });
}

/** A page of the Locations page. */
export function useLocationSummaries(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['catalog', 'location-summaries', page],
    queryFn: () => catalogApi.getLocationSummaries(page),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The location an entity came from, or null when none is known (orphans, 404). */
export function useEntityLocation(ref: CompoundEntityRef) {
  return useQuery({
    queryKey: ['catalog', 'entity-location', stringifyEntityRef(ref)],
    queryFn: async () => {
      try {
        return await catalogApi.getLocationByEntity(ref);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return null;
        throw error;
      }
    },
    retry: false,
  });
}

export function useRemoveLocation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => catalogApi.removeLocation(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

/** Refreshes a location through its generated Location entity's ref, and waits for it. */
export function useRefreshLocation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entityRef: string) => catalogApi.refreshEntity(entityRef),
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

export function useAddLocation() {
  return useMutation({
    mutationFn: (input: { target: string; dryRun: boolean }) => catalogApi.addLocation({ type: 'url', target: input.target }, { dryRun: input.dryRun }),
  });
}

/** Who is signed in, for "owned by me"; null when nobody is (or sign-in is not set up). */
export function useOwnershipRefs() {
  return useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      try {
        return await fetchJson<{ userEntityRef: string; ownershipEntityRefs: string[] }>('/api/auth/me');
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 401 || (error as { statusCode?: number }).statusCode === 404) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The app path of an entity's page, e.g. /catalog/default/component/payments. */
export function entityRoute(ref: CompoundEntityRef | Entity | string): string {
  const r =
    typeof ref === 'string'
      ? parseEntityRef(ref)
      : 'metadata' in ref
        ? { kind: ref.kind, namespace: ref.metadata.namespace ?? 'default', name: ref.metadata.name }
        : ref;
  return `/catalog/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.kind.toLowerCase())}/${encodeURIComponent(r.name)}`;
}

/** The Locations page with one location's row picked out and its errors open. */
export function locationRowRoute(id: string): string {
  return `/catalog/locations?${new URLSearchParams({ location: id })}`;
}

/** `group:default/team-a` shown as `team-a`, keeping the kind and namespace when they are not the default. */
export function humanizeRef(ref: string, defaultKind?: string): string {
  try {
    const r = parseEntityRef(ref, { defaultKind: defaultKind ?? 'component' });
    const ns = r.namespace === 'default' ? '' : `${r.namespace}/`;
    return defaultKind && r.kind.toLowerCase() === defaultKind.toLowerCase() ? `${ns}${r.name}` : `${r.kind.toLowerCase()}:${ns}${r.name}`;
  } catch {
    return ref;
  }
}
