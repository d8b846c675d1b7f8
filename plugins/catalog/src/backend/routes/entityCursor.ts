import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '@portal/backend-common';
import type { EntityQuery, QueryPosition } from '../CatalogQueries.js';

/**
 * What a cursor carries: the query itself (so a client can page with the cursor alone, as
 * Backstage clients do), a hash of it, the position of the page edge, the direction, and the
 * total counted for the first page.
 */
export interface EntityCursor {
  query: EntityQuery;
  position: QueryPosition;
  direction: 'next' | 'prev';
  totalItems: number;
}

const conditionSchema = z.object({ key: z.string(), values: z.array(z.string()).optional(), prefix: z.string().optional(), negate: z.boolean().optional() });
const cursorSchema = z.object({
  q: z.object({
    filter: z.array(z.array(conditionSchema)).optional(),
    fullText: z.object({ term: z.string(), fields: z.array(z.string()).optional() }).optional(),
    orderFields: z.array(z.object({ field: z.string(), order: z.enum(['asc', 'desc']) })),
  }),
  h: z.string(),
  p: z.object({ values: z.array(z.string().nullable()), ref: z.string() }),
  d: z.enum(['next', 'prev']),
  t: z.number().int().nonnegative(),
});

export function queryHash(query: EntityQuery): string {
  return createHash('sha256')
    .update(JSON.stringify([query.filter ?? null, query.fullText ?? null, query.orderFields]))
    .digest('base64url')
    .slice(0, 16);
}

export function encodeCursor(cursor: EntityCursor): string {
  const body = { q: cursor.query, h: queryHash(cursor.query), p: cursor.position, d: cursor.direction, t: cursor.totalItems };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeCursor(text: string): EntityCursor {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new InputError('Invalid query: cursor is not a cursor this API returned');
  }
  const query: EntityQuery = { filter: parsed.q.filter, fullText: parsed.q.fullText, orderFields: parsed.q.orderFields };
  if (queryHash(query) !== parsed.h) throw new InputError('Invalid query: cursor has been altered');
  if (parsed.p.values.length !== query.orderFields.length) throw new InputError('Invalid query: cursor has been altered');
  return { query, position: parsed.p, direction: parsed.d, totalItems: parsed.t };
}
