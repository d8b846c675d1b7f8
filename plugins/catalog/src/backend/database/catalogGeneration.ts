import type { Knex } from 'knex';

/**
 * A number that grows after every committed change to entities, relations or search rows, on
 * whichever replica made it: answers computed from the catalog (facets) are kept with the number
 * they were computed at and served only while it has not moved. A sequence, so bumping it takes
 * no lock and never makes writers wait for each other.
 */
const SEQUENCE = 'catalog_generation';

/**
 * Marks the catalog as changed. Call it after the transaction that changed it has committed: a
 * reader that sees the new number then also sees the change (bumping inside the transaction would
 * let a reader cache the old rows under the new number).
 */
export async function bumpCatalogGeneration(knex: Knex): Promise<void> {
  await knex.raw(`select nextval('${SEQUENCE}')`);
}

/** The current generation, as an opaque string. */
export async function readCatalogGeneration(knex: Knex): Promise<string> {
  const result = await knex.raw(`select last_value, is_called from ${SEQUENCE}`);
  const row = (result.rows as Array<{ last_value: string | number; is_called: boolean }>)[0]!;
  return `${row.last_value}${row.is_called ? '' : '-'}`;
}
