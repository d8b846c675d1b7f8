import type { Knex } from 'knex';
import { SESSIONS_TABLE } from './tables.js';

/** Marks the session signed out. The row stays until it expires, so its cookie keeps being refused. */
export async function revokeSession({ knex, id, at }: { knex: Knex; id: string; at: Date }): Promise<void> {
  await knex(SESSIONS_TABLE).where({ id }).whereNull('revoked_at').update({ revoked_at: at });
}
