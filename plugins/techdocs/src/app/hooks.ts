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
