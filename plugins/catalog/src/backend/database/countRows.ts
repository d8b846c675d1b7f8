import type { Knex } from 'knex';
import type { TABLES } from './tables.js';

/** How many rows a catalog table holds, for the gauges read at scrape time. */
export async function countRows(knex: Knex, table: (typeof TABLES)[keyof typeof TABLES]): Promise<number> {
  const [{ n }] = await knex(table).count<Array<{ n: string | number }>>({ n: '*' });
  return Number(n);
}
