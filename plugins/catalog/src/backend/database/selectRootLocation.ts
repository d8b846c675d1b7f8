import type { Knex } from 'knex';
import { TABLES, type LocationType } from './tables.js';

/**
 * The location at the root of a location's chain of parents: the one a person or config
 * registered, which the others were found through. Undefined when the chain is broken or longer
 * than 50 links.
 */
export async function selectRootLocation(knex: Knex, locationId: string): Promise<{ type: LocationType; target: string } | undefined> {
  const result = await knex.raw(
    `with recursive up as (
       select id, parent_id, type, target, 0 as depth from ${TABLES.locations} where id = ?
       union all
       select l.id, l.parent_id, l.type, l.target, up.depth + 1 from ${TABLES.locations} l join up on l.id = up.parent_id where up.depth < 50)
     select type, target from up where parent_id is null limit 1`,
    [locationId],
  );
  return (result.rows as Array<{ type: LocationType; target: string }>)[0];
}
