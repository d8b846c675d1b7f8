import type { Knex } from 'knex';
import { NotFoundError } from '@portal/backend-common';
import { TABLES, type DbLocationRow } from './tables.js';

export async function selectLocations(knex: Knex): Promise<DbLocationRow[]> {
  return knex(TABLES.locations).select<DbLocationRow[]>('*').orderBy('created_at').orderBy('id');
}

export async function selectLocation(knex: Knex, id: string): Promise<DbLocationRow> {
  const row = await knex(TABLES.locations).where({ id }).first<DbLocationRow | undefined>();
  if (!row) throw new NotFoundError(`No location with id ${id}`);
  return row;
}

/** The location an entity was read from. */
export async function selectLocationOfEntity(knex: Knex, entityRef: string): Promise<DbLocationRow> {
  const row = await knex(`${TABLES.locations} as l`)
    .join(`${TABLES.entities} as e`, 'e.location_id', 'l.id')
    .where('e.entity_ref', entityRef)
    .first<DbLocationRow | undefined>('l.*');
  if (!row) throw new NotFoundError(`No location for entity ${entityRef}`);
  return row;
}

/** Locations read from a repository, by normalised clone URL. */
export async function selectLocationsOfRepo(knex: Knex, repoUrl: string): Promise<DbLocationRow[]> {
  return knex(TABLES.locations).where({ repo_url: repoUrl }).select<DbLocationRow[]>('*');
}
