import type { Knex } from 'knex';
import { SESSIONS_TABLE, type DbSessionRow } from './tables.js';

/**
 * Stores freshly resolved refs. Returns the row as updated, or undefined when the session was
 * revoked meanwhile (by a sign-out on another replica), so the caller refuses it.
 */
export async function updateSessionOwnership(options: {
  knex: Knex;
  id: string;
  ownershipEntityRefs: string[];
  membershipEntityRefs: string[];
  resolvedAt: Date;
}): Promise<DbSessionRow | undefined> {
  const [row] = await options
    .knex(SESSIONS_TABLE)
    .where({ id: options.id })
    .whereNull('revoked_at')
    .update({
      ownership_refs: JSON.stringify(options.ownershipEntityRefs),
      membership_refs: JSON.stringify(options.membershipEntityRefs),
      resolved_at: options.resolvedAt,
    })
    .returning<DbSessionRow[]>('*');
  return row;
}
