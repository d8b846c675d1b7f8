import type { Knex } from 'knex';
import { InputError } from '@portal/backend-common';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type { EntityFilter, FilterCondition } from './database/entityFilterSql.js';
import { FacetCache } from './database/FacetCache.js';
import {
  queryEntities,
  type EntityQuery,
  type OrderField,
  type QueryEntitiesOptions,
  type QueryEntitiesResult,
  type QueryPosition,
} from './database/queryEntities.js';
import type { FacetValue } from './database/queryFacets.js';
import { selectEntities } from './database/selectEntities.js';
import { selectEntityJson } from './database/selectEntityJson.js';
import { selectEntityAncestry, type AncestryItem } from './database/selectEntityAncestry.js';
import { selectMatchingRefs } from './database/selectMatchingRefs.js';
import { TotalCache } from './database/TotalCache.js';

// The words of the query API, so the routes can speak them without reaching into database/.
export type { EntityFilter, EntityQuery, FilterCondition, OrderField, QueryPosition };

/** Entities read per statement when a whole result is read batch by batch. */
const STREAM_BATCH = 500;
/** The same for a read of the whole catalog in ref order, which needs no page of refs first. */
const WHOLE_CATALOG_BATCH = 1000;

export interface EntityPageOptions extends Omit<QueryEntitiesOptions, 'countTotal'> {
  /** Count every match as well; later pages carry the total their first page counted instead. */
  countTotal?: boolean;
}

/**
 * The catalog's read side: entity queries, lookups by ref and uid, facets and ancestry. Facet
 * answers and query totals are kept with the catalog generation they were computed at, one cache
 * of each per plugin, so every route and client call shares them.
 */
export class CatalogQueries {
  private readonly facetCache: FacetCache;
  private readonly totals: TotalCache;

  constructor(private readonly knex: Knex) {
    this.facetCache = new FacetCache(knex);
    this.totals = new TotalCache(knex);
  }

  /** One page of refs matching a query, in keyset order (see queryEntities). */
  queryEntityPage(options: EntityPageOptions): Promise<QueryEntitiesResult> {
    const { countTotal, ...page } = options;
    return queryEntities(this.knex, { ...page, countTotal: countTotal ? query => this.totals.count(query) : undefined });
  }

  /**
   * Every entity matching a query from `offset` on, as JSON text (only its `fields`, when given),
   * a batch at a time: the caller writes each batch out before the next is read, so memory stays
   * flat however many match, and no entity is parsed into objects and serialised again.
   */
  async *entityJsonBatches(query: EntityQuery, offset: number, fields?: string[]): AsyncGenerator<string[]> {
    const wholeCatalog = !query.filter?.length && !query.fullText && query.orderFields.length === 0 && offset === 0;
    if (wholeCatalog) {
      // Every entity in ref order: each statement reads the next batch by the primary key.
      for (let after: string | undefined; ;) {
        const rows = await selectEntityJson(this.knex, { afterRef: after, limit: WHOLE_CATALOG_BATCH }, fields);
        if (rows.length > 0) yield rows.map(([, json]) => json);
        if (rows.length < WHOLE_CATALOG_BATCH) return;
        after = rows[rows.length - 1]![0];
      }
    }
    let position: QueryPosition | undefined;
    for (let skip = offset; ; skip = 0) {
      const page = await queryEntities(this.knex, { query, limit: STREAM_BATCH, offset: position ? undefined : skip, after: position });
      yield (
        await this.entityJsonInOrder(
          page.rows.map(r => r.ref),
          { fields },
        )
      ).filter((json): json is string => json !== null);
      if (!page.hasMore) return;
      position = page.rows[page.rows.length - 1];
    }
  }

  /**
   * Entities for canonical refs, in the same order, null where a ref names nothing (or, with a
   * filter, an entity the filter does not match).
   */
  async entitiesInOrder(refs: Array<string | undefined>, filter?: EntityFilter): Promise<Array<Entity | null>> {
    const wanted = await this.matchingRefs(refs, filter);
    const found = wanted.length > 0 ? await selectEntities(this.knex, { refs: wanted }) : [];
    const byRef = new Map(found.map(e => [stringifyEntityRef(e), e]));
    return refs.map(ref => (ref === undefined ? null : (byRef.get(ref) ?? null)));
  }

  /** entitiesInOrder as each entity's JSON text, only its `fields` when given. */
  async entityJsonInOrder(refs: Array<string | undefined>, options: { filter?: EntityFilter; fields?: string[] } = {}): Promise<Array<string | null>> {
    const wanted = await this.matchingRefs(refs, options.filter);
    const byRef = new Map(await selectEntityJson(this.knex, { refs: wanted }, options.fields));
    return refs.map(ref => (ref === undefined ? null : (byRef.get(ref) ?? null)));
  }

  /** The distinct refs given, less those the filter does not match. */
  private async matchingRefs(refs: Array<string | undefined>, filter: EntityFilter | undefined): Promise<string[]> {
    const wanted = [...new Set(refs.filter((r): r is string => r !== undefined))];
    if (!filter || filter.length === 0) return wanted;
    const matching = await selectMatchingRefs(this.knex, { refs: wanted, filter });
    return wanted.filter(r => matching.has(r));
  }

  /** The entity with a canonical ref (`kind:namespace/name`, lower-cased). */
  async getEntity(ref: string): Promise<Entity | undefined> {
    return (await selectEntities(this.knex, { refs: [ref] }))[0];
  }

  /** The entity a ref in any accepted spelling names; InputError when it is not a ref. */
  async getEntityByRef(ref: string): Promise<Entity | undefined> {
    let canonical: string;
    try {
      canonical = stringifyEntityRef(parseEntityRef(ref));
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    return this.getEntity(canonical);
  }

  /** The entity with a uid, lower-cased as stored. */
  async getEntityByUid(uid: string): Promise<Entity | undefined> {
    return (await selectEntities(this.knex, { uids: [uid] }))[0];
  }

  async findEntities(filter: Record<string, string>, options: { limit?: number } = {}): Promise<Entity[]> {
    const conditions = Object.entries(filter).map(([key, value]) => ({ key: key.toLowerCase(), values: [value] }));
    if (conditions.length === 0) throw new InputError('findEntities needs at least one condition');
    const { rows } = await queryEntities(this.knex, {
      query: { filter: [conditions], orderFields: [] },
      limit: options.limit ?? 100,
    });
    const entities = await selectEntities(this.knex, { refs: rows.map(r => r.ref) });
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    return rows.flatMap(r => byRef.get(r.ref) ?? []);
  }

  /** The Location entities that led to an entity; NotFoundError when there is no such entity. */
  entityAncestry(ref: string): Promise<{ rootEntityRef: string; items: AncestryItem[] }> {
    return selectEntityAncestry(this.knex, ref);
  }

  /** Each facet's values among the entities matching the filter, kept until the catalog changes. */
  entityFacets(options: { facets: string[]; filter?: EntityFilter }): Promise<Record<string, FacetValue[]>> {
    return this.facetCache.query(options);
  }
}
