import type { Knex } from 'knex';
import { PERSONAL_TOKENS_TABLE, type DbPersonalTokenRow } from './tables.js';

export async function insertPersonalToken({
  knex,
  token,
}: {
  knex: Knex;
  token: Pick<DbPersonalTokenRow, 'id' | 'user_entity_ref' | 'name' | 'token_hash' | 'scope'> & { expires_at: Date };
}): Promise<DbPersonalTokenRow> {
  const [row] = await knex(PERSONAL_TOKENS_TABLE).insert(token).returning('*');
  return row as DbPersonalTokenRow;
}
