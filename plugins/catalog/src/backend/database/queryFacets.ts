import type { Knex } from 'knex';
import { entityFilterSql, type EntityFilter } from './entityFilterSql.js';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

export interface FacetValue {
  value: string;
  count: number;
}

/**
 * For each facet (an entity path such as `spec.type` or `relations.ownedBy`), its values among
 * the entities matching the filter and how many entities have each, most frequent first. Values
 * that differ only in case count together, shown as one of their spellings.
 */
export async function queryFacets(knex: Knex, options: { facets: string[]; filter?: EntityFilter }): Promise<Record<string, FacetValue[]>> {
  // Each facet is its own query; they run side by side on the pool's connections.
  const answers = await Promise.all(options.facets.map(async facet => [facet, await facetValues(knex, facet, options.filter)] as const));
  return Object.fromEntries(answers);
}

async function facetValues(knex: Knex, facet: string, filter: EntityFilter | undefined): Promise<FacetValue[]> {
  const key = facet.toLowerCase();
  let result;
  if (key.startsWith('relations.')) {
    const where = entityFilterSql(filter, undefined, 'r.source_ref');
    result = await knex.raw(
      `select r.target_ref as value, count(distinct r.source_ref)::int as count
         from ${TABLES.relations} r
        where lower(r.type) = ? and ${where.sql}
        group by r.target_ref order by count desc, value`,
      [key.slice('relations.'.length), ...where.bindings],
    );
  } else {
    // The filter applies to the facet's own rows, without the entities table; without a filter
    // the facet reads its key's index range alone.
    const where = entityFilterSql(filter, undefined, 'f.entity_ref');
    result = await knex.raw(
      `select min(f.original_value) as value, count(*)::int as count
         from ${SEARCH_TABLE} f
        where f.key = ? and f.value is not null and ${where.sql}
        group by f.value order by count desc, value`,
      [key, ...where.bindings],
    );
  }
  return (result.rows as FacetValue[]).map(r => ({ value: r.value, count: Number(r.count) }));
}
