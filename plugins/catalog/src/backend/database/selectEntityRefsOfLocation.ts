import type { Knex } from 'knex';
import { TABLES } from './tables.js';

/**
 * The first refs, in ref order, of the entities a location (or one file of it) brings in: what a
 * caller registering a location is shown, never the whole of a large one.
 */
export async function selectEntityRefsOfLocation(knex: Knex, options: { locationId: string; file?: string; limit: number }): Promise<string[]> {
  const where = options.file === undefined ? { location_id: options.locationId } : { location_id: options.locationId, file: options.file };
  return knex(TABLES.entities).where(where).orderBy('entity_ref').limit(options.limit).pluck('entity_ref');
}
