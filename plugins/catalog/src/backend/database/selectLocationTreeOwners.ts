import type { Knex } from 'knex';
import { TABLES } from './tables.js';

/** An entity's namespace and its `spec.owner` as written (null when it has none). */
export interface NamespacedOwner {
  namespace: string;
  owner: string | null;
}

/**
 * The distinct owners of every entity a location and the locations it led to (its children,
 * their children …) bring in.
 */
export async function selectLocationTreeOwners(knex: Knex, locationId: string): Promise<NamespacedOwner[]> {
  const result = await knex.raw(
    `with recursive tree as (
       select id from ${TABLES.locations} where id = ?
       union all select l.id from ${TABLES.locations} l join tree t on l.parent_id = t.id
     )
     select distinct namespace, entity->'spec'->>'owner' as owner
       from ${TABLES.entities} where location_id in (select id from tree)`,
    [locationId],
  );
  return result.rows as NamespacedOwner[];
}
