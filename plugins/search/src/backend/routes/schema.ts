import { z } from 'zod';
import { searchDocumentTypes, searchFilterFields } from '../../common/types.js';

export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 25;

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Backstage's search client sends `types[0]=…` or `types[]=…` and `filters[kind]=…`; the server
 * reads query strings flat, so the bracketed keys are gathered here into `types` and `filters`.
 */
export function gatherBracketKeys(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const types: unknown[] = [];
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const filter = /^filters\[([^\]]+)\]$/.exec(key);
    if (key === 'types' || /^types\[\d*\]$/.test(key)) types.push(...list(value));
    else if (filter) filters[filter[1]!] = value;
    else if (key === 'filters' && value && typeof value === 'object' && !Array.isArray(value)) Object.assign(filters, value);
    else out[key] = value;
  }
  if (types.length > 0) out.types = types;
  if (Object.keys(filters).length > 0) out.filters = filters;
  return out;
}

export const searchQuerySchema = z
  .object({
    term: z.string().max(200).default(''),
    types: z.array(z.enum(searchDocumentTypes)).max(searchDocumentTypes.length).optional(),
    filters: z
      .object(Object.fromEntries(searchFilterFields.map(f => [f, z.string().max(200).optional()])))
      .strict()
      .optional(),
    pageCursor: z.string().max(200).optional(),
    pageLimit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
  })
  .strict();

export type SearchQueryInput = z.output<typeof searchQuerySchema>;
