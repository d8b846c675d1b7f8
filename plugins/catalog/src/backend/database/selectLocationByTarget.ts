import type { Knex } from 'knex';
import { TABLES, type DbLocationRow, type LocationType } from './tables.js';

/** The location registered with this type and target, if any: a dry run says whether it exists. */
export async function selectLocationByTarget(knex: Knex, input: { type: LocationType; target: string }): Promise<DbLocationRow | undefined> {
  return knex(TABLES.locations).where({ type: input.type, target: input.target }).first<DbLocationRow | undefined>();
}
