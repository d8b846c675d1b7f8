import type { Knex } from 'knex';
import { SESSIONS_TABLE, type DbSessionRow } from './tables.js';

export async function selectSession({ knex, id }: { knex: Knex; id: string }): Promise<DbSessionRow | undefined> {
  return knex(SESSIONS_TABLE).where({ id }).first<DbSessionRow | undefined>();
}
