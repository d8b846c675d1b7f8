import type { Knex } from 'knex';
import { entityFilterSql, kindOfRefInSql, splitKindFilter, type EntityFilter, type SqlPart } from './entityFilterSql.js';
import { MAX_SEARCH_VALUE_LENGTH } from './buildSearchRows.js';
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
  if (key === 'kind' && (!filter || filter.length === 0)) return allKinds(knex);
  // With a kind (the index page's tabs), the facet's own rows are narrowed to the kind's index
  // entries instead of being joined with every entity of that kind.
  const split = splitKindFilter(filter);
  let result;
  if (key.startsWith('relations.')) {
    const where = split
      ? entityFilterSql(split.rest, undefined, 'r.source_ref', { knownKinds: split.kinds })
      : entityFilterSql(filter, undefined, 'r.source_ref');
    const kind = split ? relationSourceOfKindSql(split.kinds) : { sql: 'true', bindings: [] };
    result = await knex.raw(
      // Distinct (target, source) pairs first: read in index order they need no sort, where
      // count(distinct) would sort every group.
      `select p.target_ref as value, count(*)::int as count
         from (select distinct r.target_ref, r.source_ref
                 from ${TABLES.relations} r
                where lower(r.type) = ? and ${kind.sql} and ${where.sql}) p
        group by p.target_ref order by count desc, value`,
      [key.slice('relations.'.length), ...kind.bindings, ...where.bindings],
    );
  } else {
    // The filter applies to the facet's own rows, without the entities table; without a filter
    // the facet reads its key's index range alone.
    const where = split
      ? entityFilterSql(split.rest, undefined, 'f.entity_ref', { knownKinds: split.kinds })
      : entityFilterSql(filter, undefined, 'f.entity_ref');
    const kind = split ? kindOfRefInSql('f.entity_ref', split.kinds) : { sql: 'true', bindings: [] };
    result = await knex.raw(
      // The spelling shown is the least of the value's spellings; rows spelt as their lower-cased
      // value store no original_value, so most rows are only counted.
      `select case when count(f.original_value) = count(*) then min(f.original_value collate "C")
                   else least(min(f.original_value collate "C"), f.value) end as value,
              count(*)::int as count
         from ${SEARCH_TABLE} f
        where f.key = ? and ${kind.sql} and f.value is not null and ${where.sql}
        group by f.value order by count desc, value`,
      [key, ...kind.bindings, ...where.bindings],
    );
  }
  return (result.rows as FacetValue[]).map(r => ({ value: r.value, count: Number(r.count) }));
}

/**
 * The kind tabs' counts over the whole catalog, from the entities' kind index: it is a third
 * smaller than the search index's `kind` range. Grouped as the search rows group them: lower-cased,
 * without values too long for a search row, shown as their first spelling.
 */
async function allKinds(knex: Knex): Promise<FacetValue[]> {
  const result = await knex.raw(
    `select min(k.kind) as value, sum(k.count)::int as count
       from (select kind, count(*) as count from ${TABLES.entities} where length(kind) <= ? group by kind) k
      group by lower(k.kind) order by count desc, value`,
    [MAX_SEARCH_VALUE_LENGTH],
  );
  return (result.rows as FacetValue[]).map(r => ({ value: r.value, count: Number(r.count) }));
}

/**
 * Relations whose source is a stored entity of one of the kinds. A relation produced by its own
 * source exists only while that entity does (relations go with the entity that produced them),
 * so only relations produced by another entity need the source looked up.
 */
function relationSourceOfKindSql(kinds: string[]): SqlPart {
  const kind = kindOfRefInSql('r.source_ref', kinds);
  const list = kinds.map(() => '?').join(', ');
  return {
    sql: `${kind.sql} and (r.originating_ref = r.source_ref or r.source_ref in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = 'kind' and s.value in (${list})))`,
    bindings: [...kind.bindings, ...kinds],
  };
}
