import type { Knex } from 'knex';
import { PERSONAL_TOKENS_TABLE } from './tables.js';

/** Revokes one of the person's own tokens; resolves false when they have no such live token. */
export async function revokePersonalToken({ knex, id, userEntityRef, at }: { knex: Knex; id: string; userEntityRef: string; at: Date }): Promise<boolean> {
  const count = await knex(PERSONAL_TOKENS_TABLE).where({ id, user_entity_ref: userEntityRef }).whereNull('revoked_at').update({ revoked_at: at });
  return count > 0;
}
