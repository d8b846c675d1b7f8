import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { SECRETS_TABLE } from './tables.js';

/**
 * The secret that signs session cookies, made on first start. Replicas starting together may
 * each generate one; `on conflict do nothing` keeps the first, and all of them read that back.
 */
export async function loadSessionSecret({ knex }: { knex: Knex }): Promise<string> {
  await knex(SECRETS_TABLE)
    .insert({ name: 'session', value: randomBytes(48).toString('base64url') })
    .onConflict('name')
    .ignore();
  const row = await knex(SECRETS_TABLE).where({ name: 'session' }).first<{ value: string }>('value');
  return row!.value;
}
