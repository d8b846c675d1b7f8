import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';

/** Rows per statement in bulk writes: large enough to amortise round trips, small enough for memory. */
export const BULK_CHUNK_SIZE = 1000;

export function chunked<T>(items: T[], size = BULK_CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A list passed as one jsonb parameter (`in (select jsonb_array_elements_text(?::jsonb))`), so a
 * statement never hits the driver's limit of parameters and reads the same on pg and PGlite.
 */
export function jsonList(values: string[]): string {
  return JSON.stringify(values);
}

/**
 * `column` is one of the values of a jsonList parameter, written so the planner probes the
 * column's index with the whole array: as `in (select …)` it joins with a set it guesses at
 * 100 rows, and right after a large first ingest, before statistics catch up, that plan deleted
 * one entity's search rows in half a second at 100,000 entities.
 */
export function inJsonList(column: string): string {
  return `${column} = any(array(select jsonb_array_elements_text(?::jsonb)))`;
}

/** A string column of rows written by insertRows. */
export type TextRow<C extends string> = Record<C, string | null>;

/**
 * Inserts rows of text columns in bulk. On a Postgres server the rows go in as one `COPY … FROM
 * STDIN` on the transaction's connection: the server parses tab-separated text instead of a JSON
 * document, which took a fifth less time for a search table's rows with its three indexes. PGlite
 * takes them as json_to_recordset statements.
 */
export async function insertRows<C extends string>(trx: Knex | Knex.Transaction, table: string, columns: readonly C[], rows: Array<TextRow<C>>): Promise<void> {
  if (rows.length === 0) return;
  if ((trx.client.config as { client?: unknown }).client !== 'pg') {
    for (const part of chunked(rows, BULK_CHUNK_SIZE * 10)) {
      // json, not jsonb: the rows are read once, so building a jsonb value first is wasted work.
      await trx.raw(
        `insert into ${table} (${columns.join(', ')}) select ${columns.map(c => `x.${c}`).join(', ')}
           from json_to_recordset(?::json) as x(${columns.map(c => `${c} text`).join(', ')})`,
        [JSON.stringify(part)],
      );
    }
    return;
  }
  // Inside a transaction this is the transaction's own connection, and releasing it does nothing.
  const connection = (await trx.client.acquireConnection()) as { query<Q>(submittable: Q): Q };
  try {
    const text = function* () {
      for (const part of chunked(rows, BULK_CHUNK_SIZE)) {
        yield `${part.map(row => columns.map(c => copyText(row[c])).join('\t')).join('\n')}\n`;
      }
    };
    await pipeline(Readable.from(text()), connection.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
  } finally {
    await trx.client.releaseConnection(connection);
  }
}

/** A value in COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, c => COPY_ESCAPES[c]!) : value;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
