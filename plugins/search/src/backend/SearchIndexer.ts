import type { Knex } from 'knex';
import type { Logger } from '@portal/backend-common';
import type { Entity } from '@portal/catalog-model';
import { documentsOfDocsSite, type RenderedDocsSite } from './collators/docsDocuments.js';
import { documentsOfEntity } from './collators/entityDocuments.js';
import { countDocuments, deleteDocumentsNotOf, deleteDocumentsOfEntities, replaceDocuments } from './database/replaceDocuments.js';

/** What search needs of the catalog's in-process client. */
export interface SearchCatalog {
  getEntityByRef(ref: string): Promise<Entity | undefined>;
  getEntitiesByRefs(refs: string[]): Promise<Array<Entity | undefined>>;
  entityBatches(): AsyncIterable<Entity[]>;
  onEntitiesChanged(listener: (change: { refs: string[] } | { everything: true }) => void): () => void;
}

/** What search needs of TechDocs: the sites rendered so far, and word of each new one. */
export interface SearchDocs {
  renderedSites(): AsyncIterable<RenderedDocsSite>;
  onSiteRendered(listener: (site: RenderedDocsSite) => void): () => void;
}

const ENTITY_TYPES = ['software-catalog', 'templates'] as const;
/** Entities looked up and written per statement when a change names many. */
const LOOKUP_BATCH = 500;

export interface RebuildStats {
  entities: number;
  docsSites: number;
  documents: number;
  ms: number;
}

/**
 * Keeps the index in step with the catalog and the docs. Changes are applied one at a time, in
 * the order they were told, so an older change never overwrites a newer one; each looks the
 * entity up again, so it indexes what the catalog holds now, whatever the change said.
 */
export class SearchIndexer {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: { knex: Knex; logger: Logger; catalog: SearchCatalog; docs?: SearchDocs }) {}

  /** Starts listening for changes; rebuilds the whole index first when it is empty. */
  listen(): void {
    this.unsubscribe.push(
      this.deps.catalog.onEntitiesChanged(change => this.inBackground(() => ('everything' in change ? this.indexCatalog() : this.indexEntities(change.refs)))),
    );
    if (this.deps.docs) this.unsubscribe.push(this.deps.docs.onSiteRendered(site => this.inBackground(() => this.indexDocsSite(site))));
  }

  /** Rebuilds the index when it holds nothing (a new database, or search added to a running portal). */
  async rebuildIfEmpty(): Promise<RebuildStats | undefined> {
    if ((await countDocuments(this.deps.knex)) > 0) return undefined;
    return this.rebuild();
  }

  /** Indexes the whole catalog and every rendered docs site again, and removes what is gone. */
  rebuild(): Promise<RebuildStats> {
    return this.enqueue(async () => {
      const started = Date.now();
      const entities = await this.indexCatalog();
      let docsSites = 0;
      for await (const site of this.deps.docs?.renderedSites() ?? []) {
        await this.indexDocsSite(site);
        docsSites++;
      }
      const stats = { entities, docsSites, documents: await countDocuments(this.deps.knex), ms: Date.now() - started };
      this.deps.logger.info(stats, `Indexed ${stats.documents} search documents in ${stats.ms} ms`);
      return stats;
    });
  }

  /** Looks each entity up and indexes it, or removes it (and its docs) when the catalog has it no more. */
  async indexEntities(refs: string[]): Promise<void> {
    // A batch at a time: the first refresh of a large location tells of every entity in it.
    for (let i = 0; i < refs.length; i += LOOKUP_BATCH) {
      const batch = refs.slice(i, i + LOOKUP_BATCH);
      const entities = await this.deps.catalog.getEntitiesByRefs(batch);
      const found = entities.filter((e): e is Entity => e !== undefined);
      const gone = batch.filter((_ref, j) => entities[j] === undefined);
      if (gone.length > 0) await deleteDocumentsOfEntities(this.deps.knex, gone);
      if (found.length > 0) {
        const documents = found.flatMap(documentsOfEntity);
        await replaceDocuments(this.deps.knex, { types: [...ENTITY_TYPES], entityRefs: [...new Set(documents.map(d => d.entityRef))], documents });
      }
    }
  }

  /** Replaces a site's sections with those of its newest rendering. */
  async indexDocsSite(site: RenderedDocsSite): Promise<void> {
    const entity = await this.deps.catalog.getEntityByRef(site.entityRef);
    // Docs of an entity the catalog no longer has cannot be opened: they are not indexed.
    const documents = entity ? documentsOfDocsSite(site, entity) : [];
    await replaceDocuments(this.deps.knex, { types: ['techdocs'], entityRefs: [site.entityRef], documents });
  }

  /** Waits for the changes told so far to be indexed, then stops listening. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    await this.settle();
  }

  /** Resolves once every change told so far is indexed. */
  async settle(): Promise<void> {
    for (let seen; seen !== this.chain;) {
      seen = this.chain;
      await seen.catch(() => {});
    }
  }

  private async indexCatalog(): Promise<number> {
    const keep = new Set<string>();
    for await (const batch of this.deps.catalog.entityBatches()) {
      const documents = batch.flatMap(documentsOfEntity);
      const refs = [...new Set(documents.map(d => d.entityRef))];
      for (const ref of refs) keep.add(ref);
      await replaceDocuments(this.deps.knex, { types: [...ENTITY_TYPES], entityRefs: refs, documents });
    }
    await deleteDocumentsNotOf(this.deps.knex, { types: [...ENTITY_TYPES], keep });
    // Docs of entities that are gone go with them.
    await deleteDocumentsNotOf(this.deps.knex, { types: ['techdocs'], keep });
    return keep.size;
  }

  /** Queues work whose failure is logged (by enqueue) and nobody waits for. */
  private inBackground(work: () => Promise<unknown>): void {
    this.enqueue(work).catch(() => {});
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(error => this.deps.logger.error({ err: error }, 'Updating the search index failed'));
    return next;
  }
}
