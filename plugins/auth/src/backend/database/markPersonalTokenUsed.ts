import type { Knex } from 'knex';
import { PERSONAL_TOKENS_TABLE } from './tables.js';

export async function markPersonalTokenUsed({ knex, id, at }: { knex: Knex; id: string; at: Date }): Promise<void> {
  await knex(PERSONAL_TOKENS_TABLE).where({ id }).update({ last_used_at: at });
}
