import type { Knex } from 'knex';
import { PERSONAL_TOKENS_TABLE, type DbPersonalTokenRow } from './tables.js';

/** A person's tokens that are not revoked, newest first; expired ones are listed until removed. */
export async function selectPersonalTokens({ knex, userEntityRef }: { knex: Knex; userEntityRef: string }): Promise<DbPersonalTokenRow[]> {
  return knex<DbPersonalTokenRow>(PERSONAL_TOKENS_TABLE)
    .where({ user_entity_ref: userEntityRef })
    .whereNull('revoked_at')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
}

export async function selectPersonalTokenByHash({ knex, tokenHash }: { knex: Knex; tokenHash: string }): Promise<DbPersonalTokenRow | undefined> {
  return knex<DbPersonalTokenRow>(PERSONAL_TOKENS_TABLE).where({ token_hash: tokenHash }).first();
}
