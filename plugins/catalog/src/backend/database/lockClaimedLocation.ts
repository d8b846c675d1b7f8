import type { Knex } from 'knex';
import { TABLES } from './tables.js';

/**
 * Locks a location's row for the rest of the transaction, if this engine still holds its claim.
 * False when it was unregistered (or its lease taken over) while it was being read: the refresh
 * then writes nothing.
 */
export async function lockClaimedLocation(trx: Knex.Transaction, options: { id: string; engineId: string }): Promise<boolean> {
  const held = await trx(TABLES.locations).where({ id: options.id, locked_by: options.engineId }).forUpdate().first('id');
  return Boolean(held);
}
