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
