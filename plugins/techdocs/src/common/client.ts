import type { DocsSearchQuery } from './requestSchemas.js';
import type { DocsPage, DocsSearchResult, DocsSiteMetadata } from './types.js';

export interface DocsEntityName {
  namespace: string;
  kind: string;
  name: string;
}

/** Typed calls to /api/techdocs; `fetchJson` is the app's (same-origin, typed errors). */
export class TechdocsClient {
  constructor(
    private readonly fetchJson: <T>(path: string) => Promise<T>,
    private readonly basePath = '/api/techdocs',
  ) {}

  getMetadata(entity: DocsEntityName): Promise<DocsSiteMetadata> {
    return this.fetchJson(this.entityPath(entity));
  }

  getPage(entity: DocsEntityName, pagePath: string): Promise<DocsPage> {
    return this.fetchJson(`${this.entityPath(entity)}/page/${pagePath.split('/').map(encodeURIComponent).join('/')}`);
  }

  async search(entity: DocsEntityName, query: string): Promise<DocsSearchResult[]> {
    const params = new URLSearchParams({ q: query } satisfies DocsSearchQuery);
    const answer = await this.fetchJson<{ results: DocsSearchResult[] }>(`${this.entityPath(entity)}/search?${params}`);
    return answer.results;
  }

  private entityPath({ namespace, kind, name }: DocsEntityName): string {
    return `${this.basePath}/${[namespace, kind, name].map(s => encodeURIComponent(s.toLowerCase())).join('/')}`;
  }
}
