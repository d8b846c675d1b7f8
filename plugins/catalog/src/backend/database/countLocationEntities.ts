import type { Knex } from 'knex';
import { TABLES } from './tables.js';

/** How many entities a location holds now. */
export async function countLocationEntities(trx: Knex.Transaction, locationId: string): Promise<number> {
  const [{ count }] = await trx(TABLES.entities).where({ location_id: locationId }).count<Array<{ count: string | number }>>({ count: '*' });
  return Number(count);
}
