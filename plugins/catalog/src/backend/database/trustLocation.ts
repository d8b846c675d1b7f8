import type { Knex } from 'knex';
import { TABLES, type LocationType } from './tables.js';

/**
 * Gives a location registered in-process or through the API the kinds it may add besides the
 * global rules, and makes it due now. Returns its id, or undefined when no such location is
 * registered or it has these kinds already. Config locations are left alone: their kinds follow
 * config at every start.
 */
export async function trustLocation(knex: Knex, input: { type: LocationType; target: string; allowKinds: string[] }): Promise<string | undefined> {
  const allowKinds = JSON.stringify(input.allowKinds);
  const rows = await knex(TABLES.locations)
    .where({ type: input.type, target: input.target, origin: 'api' })
    .andWhere(q => q.whereNull('allow_kinds').orWhereRaw('allow_kinds <> ?::jsonb', [allowKinds]))
    .update({ allow_kinds: allowKinds, next_refresh_at: knex.fn.now() })
    .returning('id');
  return (rows as Array<{ id: string }>)[0]?.id;
}
