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
  const where = entityFilterSql(options.filter, undefined);
  const filtered = options.filter && options.filter.length > 0;
  const out: Record<string, FacetValue[]> = {};
  for (const facet of options.facets) {
    const key = facet.toLowerCase();
    let result;
    if (key.startsWith('relations.')) {
      result = await knex.raw(
        `select r.target_ref as value, count(distinct r.source_ref)::int as count
           from ${TABLES.relations} r
          where lower(r.type) = ? ${filtered ? `and r.source_ref in (select e.entity_ref from ${TABLES.entities} e where ${where.sql})` : ''}
          group by r.target_ref order by count desc, value`,
        [key.slice('relations.'.length), ...(filtered ? where.bindings : [])],
      );
    } else {
      // The filter is skipped when there is none: the facet then reads its keys' index alone.
      result = await knex.raw(
        `select min(s.original_value) as value, count(*)::int as count
           from ${SEARCH_TABLE} s
          where s.key = ? and s.value is not null
            ${filtered ? `and s.entity_ref in (select e.entity_ref from ${TABLES.entities} e where ${where.sql})` : ''}
          group by s.value order by count desc, value`,
        [key, ...(filtered ? where.bindings : [])],
      );
    }
    out[facet] = (result.rows as FacetValue[]).map(r => ({ value: r.value, count: Number(r.count) }));
  }
  return out;
}
