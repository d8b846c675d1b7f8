import type { Knex } from 'knex';
import { inJsonList, jsonList } from './bulk.js';
import { TABLES } from './tables.js';

export interface EntityOwner {
  entity_ref: string;
  location_id: string | null;
  file: string;
  hash: string;
  target?: string;
}

/** The entities a location has in the given files: what a refresh of those files replaces. */
export async function selectEntitiesOfFiles(trx: Knex.Transaction, locationId: string, files: string[]): Promise<EntityOwner[]> {
  if (files.length === 0) return [];
  const result = await trx.raw(
    `select entity_ref, location_id, file, hash from ${TABLES.entities}
      where location_id = ? and ${inJsonList('file')}`,
    [locationId, jsonList(files)],
  );
  return result.rows as EntityOwner[];
}

/** Who holds the given refs now, with the target of their location, for conflict messages. */
export async function selectEntityOwners(trx: Knex.Transaction, refs: string[]): Promise<Map<string, EntityOwner>> {
  const out = new Map<string, EntityOwner>();
  if (refs.length === 0) return out;
  const result = await trx.raw(
    `select e.entity_ref, e.location_id, e.file, e.hash, l.target
       from ${TABLES.entities} e left join ${TABLES.locations} l on l.id = e.location_id
      where ${inJsonList('e.entity_ref')}`,
    [jsonList(refs)],
  );
  for (const row of result.rows as EntityOwner[]) out.set(row.entity_ref, row);
  return out;
}
