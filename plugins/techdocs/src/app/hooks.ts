import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@portal/app-api';
import { TechdocsClient, type DocsEntityName } from '../common/index.js';

const client = new TechdocsClient(path => fetchJson(path));

export function useDocsMetadata(entity: DocsEntityName) {
  return useQuery({ queryKey: ['techdocs', 'metadata', entity], queryFn: () => client.getMetadata(entity) });
}

export function useDocsPage(entity: DocsEntityName, pagePath: string) {
  return useQuery({ queryKey: ['techdocs', 'page', entity, pagePath], queryFn: () => client.getPage(entity, pagePath) });
}

export function useDocsSearch(entity: DocsEntityName, query: string) {
  return useQuery({
    queryKey: ['techdocs', 'search', entity, query],
    queryFn: () => client.search(entity, query),
    enabled: query.trim().length >= 2,
  });
}

/** The signed-in user's ownership refs (user and groups); null when nobody is signed in. */
export function useOwnershipRefs() {
  return useQuery({
    queryKey: ['techdocs', 'me'],
    queryFn: async () => {
      try {
        return (await fetchJson<{ ownershipEntityRefs?: string[] }>('/api/auth/me')).ownershipEntityRefs ?? [];
      } catch {
        // Notes are a courtesy to owners; without an identity they are simply not shown.
        return null;
      }
    },
    staleTime: 60_000,
  });
}
