import type { Knex } from 'knex';
import { readCatalogGeneration } from './catalogGeneration.js';
import { GenerationCache } from './GenerationCache.js';
import { countEntities, type EntityQuery } from './queryEntities.js';

/**
 * How many entities match a query, kept per filter and full-text term with the catalog
 * generation it was counted at. A page of 20 reads 20 index entries; its total reads every
 * match (the Component tab's 65,000 at 100,000 entities), and the same views are asked for again
 * and again between two changes of the catalog.
 */
export class TotalCache {
  private readonly cache = new GenerationCache<number>({ maxEntries: 2000 });

  constructor(private readonly knex: Knex) {}

  async count(query: EntityQuery): Promise<number> {
    const generation = await readCatalogGeneration(this.knex);
    const key = JSON.stringify([query.filter ?? null, query.fullText ?? null]);
    return this.cache.get(generation, key, () => countEntities(this.knex, query));
  }
}
