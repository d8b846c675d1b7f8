import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError } from '@portal/backend-common';
import { TABLES, type DbLocationRow, type LocationOrigin, type LocationType } from './tables.js';

export interface NewLocation {
  type: LocationType;
  target: string;
  origin: LocationOrigin;
  repoUrl: string | null;
  allowKinds?: string[] | null;
  /** The user registering it through the API. */
  registeredBy?: string | null;
}

/** Registers a location, due for refresh at once. ConflictError when it is registered already. */
export async function insertLocation(knex: Knex, input: NewLocation): Promise<DbLocationRow> {
  const rows = await knex(TABLES.locations)
    .insert({
      id: randomUUID(),
      type: input.type,
      target: input.target,
      origin: input.origin,
      repo_url: input.repoUrl,
      allow_kinds: input.allowKinds ? JSON.stringify(input.allowKinds) : null,
      registered_by: input.registeredBy ?? null,
    })
    .onConflict(['type', 'target'])
    .ignore()
    .returning('*');
  const row = (rows as DbLocationRow[])[0];
  if (!row) throw new ConflictError(`Location ${input.type}:${input.target} is already registered`);
  return row;
}

/**
 * Makes the config's locations registered and nothing else of origin `config`: new ones are
 * added, changed rules are updated, ones removed from config are returned for unregistering.
 */
export async function syncConfigLocations(knex: Knex, wanted: NewLocation[]): Promise<string[]> {
  const existing = await knex(TABLES.locations).where({ origin: 'config' }).select<DbLocationRow[]>('id', 'type', 'target');
  const keys = new Set(wanted.map(w => `${w.type}:${w.target}`));
  for (const w of wanted) {
    await knex(TABLES.locations)
      .insert({
        id: randomUUID(),
        type: w.type,
        target: w.target,
        origin: 'config',
        repo_url: w.repoUrl,
        allow_kinds: w.allowKinds ? JSON.stringify(w.allowKinds) : null,
      })
      .onConflict(['type', 'target'])
      .merge(['allow_kinds']);
  }
  return existing.filter(e => !keys.has(`${e.type}:${e.target}`)).map(e => e.id);
}
