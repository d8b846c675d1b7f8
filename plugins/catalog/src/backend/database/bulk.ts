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
