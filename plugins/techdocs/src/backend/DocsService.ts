import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { NotFoundError, type Logger } from '@portal/backend-common';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type { DocsPage, DocsSearchResult, DocsSiteMetadata } from '../common/types.js';
import { buildDocsSite } from './buildDocsSite.js';
import { searchPages } from './database/searchPages.js';
import { selectRenderedSites, type RenderedSiteRecord } from './database/selectRenderedSites.js';
import { selectPage } from './database/selectPage.js';
import { selectSite } from './database/selectSite.js';
import { storeSite } from './database/storeSite.js';
import type { SiteVersion, StoredPage } from './database/tables.js';
import type { DocsGitReader, DocsSource } from './DocsSource.js';
import { flattenNav } from './render/buildNav.js';
import { checkDocsPath } from './render/docsPaths.js';
import type { RenderDocsPage } from './render/renderMarkdown.js';
import { resolveDocsSource } from './resolveDocsSource.js';

/** The part of the catalog's in-process client the docs use. */
export interface DocsCatalog {
  getEntityByRef(ref: string): Promise<Entity | undefined>;
}

export interface DocsServiceOptions {
  knex: Knex;
  logger: Logger;
  catalog: DocsCatalog;
  gitReader: DocsGitReader;
  render: RenderDocsPage;
  /** Path prefix of the portal (from baseUrl), '' at the root. */
  basePath: string;
  /** The portal's origin: edit links into its own git host are written relative to it. */
  origin?: string;
  /** How long a looked-up head commit is trusted before asking the remote again. */
  checkIntervalMs: number;
  keepVersions: number;
  pageCacheSize: number;
}

interface Current {
  entity: Entity;
  source: DocsSource;
  latest?: string;
  checkedAt: number;
}

/**
 * Serves rendered docs by (entity, commit, page). A reader is never kept waiting for a rebuild:
 * when the head moves on, the previous version is served, marked as having a newer one, while the
 * new commit renders in the background. Only an entity's very first build is waited for.
 */
export class DocsService {
  private readonly current = new Map<string, Current>();
  private readonly builds = new Map<string, Promise<SiteVersion>>();
  private readonly pages: LRUCache<string, StoredPage>;
  private readonly sites = new LRUCache<string, SiteVersion>({ max: 500 });
  private readonly renderedListeners = new Set<(site: RenderedSiteRecord) => void>();

  constructor(private readonly options: DocsServiceOptions) {
    this.pages = new LRUCache({ max: options.pageCacheSize });
  }

  async getMetadata(entityRef: string): Promise<DocsSiteMetadata> {
    const { site, newer } = await this.servedSite(entityRef);
    const owner = (await this.currentOf(site.entityRef)).entity.spec?.owner;
    return {
      entityRef: site.entityRef,
      owner: typeof owner === 'string' ? ownerRefOf(owner) : undefined,
      siteName: site.siteName,
      nav: site.nav,
      homePath: site.homePath,
      commit: site.version,
      builtAt: site.builtAt,
      newerVersionAvailable: newer,
      notes: site.notes,
    };
  }

  async getPage(entityRef: string, rawPath: string): Promise<DocsPage> {
    const { site, newer } = await this.servedSite(entityRef);
    const path = checkDocsPath(rawPath, 'page path').replace(/\.md$/i, '') || site.homePath;
    const key = `${site.entityRef}\0${site.version}\0${path}`;
    let page = this.pages.get(key);
    if (!page) {
      page = await selectPage(this.options.knex, { entityRef: site.entityRef, version: site.version, path });
      if (!page) throw new NotFoundError(`The docs of ${site.entityRef} have no page ${path}`);
      this.pages.set(key, page);
    }
    const order = flattenNav(site.nav);
    const at = order.findIndex(p => p.path === path);
    return {
      path,
      ...page,
      commit: site.version,
      prev: at > 0 ? order[at - 1] : undefined,
      next: at >= 0 && at < order.length - 1 ? order[at + 1] : undefined,
      newerVersionAvailable: newer,
    };
  }

  /** A file from docs_dir, at the given version when it is one that was built, else the served one. */
  async getAsset(entityRef: string, rawPath: string, version?: string): Promise<{ file: string; content: Buffer }> {
    const file = checkDocsPath(rawPath, 'asset path');
    const ref = normaliseRef(entityRef);
    const known = version ? await this.siteAt(ref, version) : undefined;
    const site = known ?? (await this.servedSite(ref)).site;
    const { source } = await this.currentOf(ref);
    return { file, content: await source.readFile(site.version, sourcePathOf(site, file)) };
  }

  async search(entityRef: string, query: string): Promise<DocsSearchResult[]> {
    const { site } = await this.servedSite(entityRef);
    return searchPages(this.options.knex, { entityRef: site.entityRef, version: site.version, query, limit: 20 });
  }

  /** Waits for background builds, so shutdown and tests do not leave them half done. */
  /**
   * Calls `listener` whenever this replica has rendered and stored a new version of an entity's
   * docs (search indexes its pages). Returns a function that stops it.
   */
  onSiteRendered(listener: (site: RenderedSiteRecord) => void): () => void {
    this.renderedListeners.add(listener);
    return () => void this.renderedListeners.delete(listener);
  }

  /** The newest stored version of every entity's docs, a site at a time. */
  renderedSites(): AsyncGenerator<RenderedSiteRecord> {
    return selectRenderedSites(this.options.knex);
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.builds.values()]);
  }

  private async servedSite(rawRef: string): Promise<{ site: SiteVersion; newer: boolean }> {
    const ref = normaliseRef(rawRef);
    const current = await this.currentOf(ref);
    const latest = await this.latestVersion(ref, current);
    const exact = latest ? await this.siteAt(ref, latest) : undefined;
    if (exact) return { site: exact, newer: false };
    const previous = await selectSite(this.options.knex, { entityRef: ref });
    if (previous) {
      this.build(ref, current).catch(error =>
        this.options.logger.warn({ entityRef: ref, err: error }, `Rendering the docs of ${ref} failed: ${(error as Error).message}`),
      );
      return { site: previous, newer: latest !== undefined && latest !== previous.version };
    }
    return { site: await this.build(ref, current), newer: false };
  }

  private async currentOf(ref: string): Promise<Current> {
    const known = this.current.get(ref);
    if (known && Date.now() - known.checkedAt < this.options.checkIntervalMs) return known;
    const entity = await this.options.catalog.getEntityByRef(ref);
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const fresh: Current = { entity, source: resolveDocsSource(entity, this.options.gitReader), checkedAt: Date.now() };
    this.current.set(ref, fresh);
    return fresh;
  }

  private async latestVersion(ref: string, current: Current): Promise<string | undefined> {
    if (current.latest) return current.latest;
    try {
      current.latest = await current.source.latestVersion();
      return current.latest;
    } catch (error) {
      // The remote may be down; rendered docs that exist are better than an error page.
      this.options.logger.warn({ entityRef: ref, err: error }, `Could not ask for the latest docs of ${ref}: ${(error as Error).message}`);
      if (await selectSite(this.options.knex, { entityRef: ref })) return undefined;
      throw error;
    }
  }

  private async siteAt(ref: string, version: string): Promise<SiteVersion | undefined> {
    const key = `${ref}\0${version}`;
    const cached = this.sites.get(key);
    if (cached) return cached;
    const site = await selectSite(this.options.knex, { entityRef: ref, version });
    if (site) this.sites.set(key, site);
    return site;
  }

  /** One build per entity at a time, in this replica; a build started meanwhile joins it. */
  private build(ref: string, current: Current): Promise<SiteVersion> {
    const running = this.builds.get(ref);
    if (running) return running;
    const build = this.runBuild(ref, current).finally(() => this.builds.delete(ref));
    this.builds.set(ref, build);
    return build;
  }

  /** Edit links to repositories the portal hosts stay inside the portal: `/git/<owner>/<repo>/edit/<ref>/<path>`. */
  private editUrl(source: DocsSource, file: string): string | undefined {
    const url = source.editUrl?.(file);
    const own = this.options.origin ? `${this.options.origin}${this.options.basePath}/git/` : undefined;
    return url && own && url.startsWith(own) ? url.slice(this.options.origin!.length) : url;
  }

  private async runBuild(ref: string, current: Current): Promise<SiteVersion> {
    const started = Date.now();
    const version = await current.source.prepareLatest();
    const existing = await this.siteAt(ref, version);
    if (existing) return existing;
    const { namespace, kind, name } = parseEntityRef(ref);
    const base = `${this.options.basePath}/docs/${[namespace, kind, name].map(encodeURIComponent).join('/')}`;
    const assets = `${this.options.basePath}/api/techdocs/${[namespace, kind, name].map(encodeURIComponent).join('/')}/assets`;
    const built = await buildDocsSite({
      source: current.source,
      version,
      render: this.options.render,
      fallbackSiteName: current.entity.metadata.title ?? current.entity.metadata.name,
      pageUrl: (path, hash) => `${base}/${encodePath(path)}${hash}`,
      assetUrl: file => `${assets}/${encodePath(file)}?commit=${encodeURIComponent(version)}`,
    });
    const site = await storeSite(this.options.knex, {
      entityRef: ref,
      version,
      site: { siteName: built.siteName, docsDir: built.docsDir, mounts: built.mounts, nav: built.nav, homePath: built.homePath, notes: built.notes },
      pages: built.pages.map(p => ({
        path: p.path,
        page: { title: p.title, html: p.html, toc: p.toc, editUrl: this.editUrl(current.source, p.file) },
        searchText: `${p.title} ${p.text}`,
      })),
      keepVersions: this.options.keepVersions,
    });
    current.latest = version;
    const rendered = {
      entityRef: ref,
      siteName: built.siteName,
      pages: built.pages.map(p => ({ path: p.path, title: p.title, html: p.html })),
    };
    for (const listener of this.renderedListeners) {
      try {
        listener(rendered);
      } catch (error) {
        this.options.logger.error({ err: error, entityRef: ref }, 'A docs rendered listener failed');
      }
    }
    this.options.logger.info({ entityRef: ref, version, pages: built.pages.length, ms: Date.now() - started }, `Rendered the docs of ${ref}`);
    return site;
  }
}

/** Where a file of the site is in the docs source: in docs_dir, or in a monorepo sub-site's. */
function sourcePathOf(site: SiteVersion, file: string): string {
  const mount = site.mounts?.find(m => file.startsWith(`${m.prefix}/`));
  if (mount) return mount.dir ? `${mount.dir}/${file.slice(mount.prefix.length + 1)}` : file.slice(mount.prefix.length + 1);
  return site.docsDir === '.' ? file : `${site.docsDir}/${file}`;
}

/** `team-a` → `group:default/team-a`, as the catalog reads an owner. */
function ownerRefOf(owner: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group' }));
  } catch {
    return undefined;
  }
}

function normaliseRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref));
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
