import type { DocsNavNode, DocsTocEntry } from '../../common/types.js';

/** What a site row keeps besides its pages. */
export interface StoredSite {
  siteName: string;
  docsDir: string;
  /** Monorepo sub-sites: pages and files under `prefix` come from `dir` (older rows have none). */
  mounts?: Array<{ prefix: string; dir: string }>;
  nav: DocsNavNode[];
  homePath: string;
  notes: string[];
}

export interface StoredPage {
  title: string;
  html: string;
  toc: DocsTocEntry[];
  editUrl?: string;
}

export interface DbSiteRow {
  entity_ref: string;
  version: string;
  site: StoredSite;
  built_at: Date | string;
}

export interface DbPageRow {
  entity_ref: string;
  version: string;
  path: string;
  page: StoredPage;
  search_text: string;
}

/** A site as the service uses it. */
export interface SiteVersion extends StoredSite {
  entityRef: string;
  version: string;
  builtAt: string;
}

export function toSiteVersion(row: DbSiteRow): SiteVersion {
  return { ...row.site, entityRef: row.entity_ref, version: row.version, builtAt: new Date(row.built_at).toISOString() };
}
