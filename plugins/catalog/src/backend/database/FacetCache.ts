import type { Knex } from 'knex';
import { readCatalogGeneration } from './catalogGeneration.js';
import type { EntityFilter } from './entityFilterSql.js';
import { queryFacets, type FacetValue } from './queryFacets.js';

interface Entry {
  generation: string;
  at: number;
  values: Promise<FacetValue[]>;
}

export interface FacetCacheOptions {
  /** Facet answers kept, least recently used dropped first. */
  maxEntries?: number;
  /**
   * How long an answer may be served without being recomputed even when the generation did not
   * move: bounds staleness if a replica stopped between committing a change and bumping it.
   */
  maxAgeMs?: number;
}

/**
 * Facet counts scan every index entry of their key (the index page's five facets on the
 * Component tab read about 280,000 at 100,000 entities), while the catalog changes only when a
 * refresh finds a new commit. Answers are kept per facet and filter with the catalog generation
 * they were computed at (see catalogGeneration.ts) and recomputed once it moves; concurrent
 * requests for the same missing answer share one computation.
 */
export class FacetCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly knex: Knex,
    options: FacetCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
  }

  async query(options: { facets: string[]; filter?: EntityFilter }): Promise<Record<string, FacetValue[]>> {
    const generation = await readCatalogGeneration(this.knex);
    const now = Date.now();
    const filterKey = JSON.stringify(options.filter ?? null);
    const keyOf = (facet: string) => `${facet}\u0000${filterKey}`;
    const missing: string[] = [];
    const found = new Map<string, Promise<FacetValue[]>>();
    for (const facet of new Set(options.facets)) {
      const key = keyOf(facet);
      const entry = this.entries.get(key);
      if (entry && entry.generation === generation && now - entry.at < this.maxAgeMs) {
        // Most recently used goes last.
        this.entries.delete(key);
        this.entries.set(key, entry);
        found.set(facet, entry.values);
      } else {
        missing.push(facet);
      }
    }
    if (missing.length > 0) {
      const computed = queryFacets(this.knex, { facets: missing, filter: options.filter });
      for (const facet of missing) {
        const key = keyOf(facet);
        const values = computed.then(all => all[facet]!);
        const entry = { generation, at: now, values };
        this.entries.delete(key);
        this.entries.set(key, entry);
        found.set(facet, values);
        values.catch(() => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
        });
      }
      while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    const answers = await Promise.all([...found].map(async ([facet, values]) => [facet, await values] as const));
    return Object.fromEntries(answers);
  }
}
