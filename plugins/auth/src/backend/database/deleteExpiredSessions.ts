import type { Knex } from 'knex';
import { SESSIONS_TABLE } from './tables.js';

/**
 * Deletes sessions that expired before `before`. Revoked rows are kept until then too: until its
 * expiry a revoked session's cookie is still signed and fresh, and only the row refuses it.
 * Returns how many rows went.
 */
export async function deleteExpiredSessions({ knex, before }: { knex: Knex; before: Date }): Promise<number> {
  return knex(SESSIONS_TABLE).where('expires_at', '<', before).delete();
}
