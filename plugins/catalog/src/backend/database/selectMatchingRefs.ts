import type { Knex } from 'knex';
import { entityFilterSql, type EntityFilter } from './entityFilterSql.js';
import { TABLES } from './tables.js';

/** Which of the refs name a stored entity that matches the filter. */
export async function selectMatchingRefs(knex: Knex, options: { refs: string[]; filter: EntityFilter }): Promise<Set<string>> {
  if (options.refs.length === 0) return new Set();
  const where = entityFilterSql(options.filter, undefined, 'e.entity_ref');
  // Each ref is bound on its own, so the planner starts from the entities' primary key.
  const result = await knex.raw(
    `select e.entity_ref from ${TABLES.entities} e where e.entity_ref in (${options.refs.map(() => '?').join(', ')}) and ${where.sql}`,
    [...options.refs, ...where.bindings],
  );
  return new Set((result.rows as Array<{ entity_ref: string }>).map(r => r.entity_ref));
}
