import { z } from 'zod';
import type { EntityFilter, FilterCondition, OrderField } from '../CatalogQueries.js';

/** A query parameter that may be given once or repeated. */
const repeated = z.union([z.string(), z.array(z.string())]).transform(v => (Array.isArray(v) ? v : [v]));

/** `a,b` and repeated parameters alike, as Backstage reads `fields`. */
const commaList = repeated.transform(values =>
  values
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(v => v.length > 0),
);

const count = (max: number) => z.coerce.number().int('must be a whole number').min(0, 'must not be negative').max(max, `must be at most ${max}`);

export const MAX_PAGE_SIZE = 10_000;

/**
 * `kind=component,spec.type=service`: conditions of one `filter` parameter, all of which must
 * hold; or, when the parameter is not a filter, what is wrong with it.
 */
function parseFilterParam(param: string): FilterCondition[] | string {
  const byKey = new Map<string, FilterCondition>();
  for (const part of param.split(',')) {
    const text = part.trim();
    if (!text) continue;
    const eq = text.indexOf('=');
    const key = (eq === -1 ? text : text.slice(0, eq)).trim().toLowerCase();
    if (!key) return `"${param}" has a condition without a key: "${text}"`;
    const condition = byKey.get(key) ?? { key };
    byKey.set(key, condition);
    if (eq === -1) continue;
    const value = text.slice(eq + 1).trim();
    if (!value) return `"${param}" gives the key ${key} an empty value`;
    // The same key twice in one filter means either value, as in Backstage.
    condition.values = [...(condition.values ?? []), value];
  }
  if (byKey.size === 0) return `"${param}" has no conditions`;
  return [...byKey.values()];
}

const filterParam = repeated.transform((values, ctx): EntityFilter =>
  values.map(value => {
    const conditions = parseFilterParam(value);
    if (typeof conditions !== 'string') return conditions;
    ctx.addIssue({ code: 'custom', message: conditions });
    return [];
  }),
);

const orderFieldParam = repeated.transform((values, ctx): OrderField[] =>
  values.map(value => {
    const [field, order = 'asc', ...rest] = value.split(',').map(v => v.trim());
    if (!field || rest.length > 0 || (order !== 'asc' && order !== 'desc')) {
      ctx.addIssue({ code: 'custom', message: `"${value}" must be <field>,asc or <field>,desc` });
      return { field: '', order: 'asc' };
    }
    return { field, order };
  }),
);

/** `order=asc:metadata.name` of `GET /entities`, as Backstage's client sends it; repeatable. */
const orderParam = repeated.transform((values, ctx): OrderField[] =>
  values.map(value => {
    const match = /^(asc|desc):(.+)$/.exec(value.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${value}" must be asc:<field> or desc:<field>` });
      return { field: '', order: 'asc' };
    }
    return { field: match[2]!.trim(), order: match[1] as 'asc' | 'desc' };
  }),
);

export const byQuerySchema = z
  .object({
    filter: filterParam.optional(),
    fields: commaList.optional(),
    limit: count(MAX_PAGE_SIZE).optional(),
    offset: count(Number.MAX_SAFE_INTEGER).optional(),
    orderField: orderFieldParam.optional(),
    cursor: z.string().min(1).optional(),
    fullTextFilterTerm: z.string().optional(),
    fullTextFilterFields: commaList.optional(),
  })
  .refine(q => !(q.cursor && q.offset !== undefined), { path: ['offset'], message: 'cannot be combined with cursor' });
export type ByQueryParams = z.infer<typeof byQuerySchema>;

export const entitiesSchema = z.object({
  filter: filterParam.optional(),
  fields: commaList.optional(),
  limit: count(MAX_PAGE_SIZE).optional(),
  offset: count(Number.MAX_SAFE_INTEGER).optional(),
  after: z.string().min(1).optional(),
  order: orderParam.optional(),
});

export const fieldsOnlySchema = z.object({ fields: commaList.optional() });

/** A filter predicate (`{ kind: 'API' }`, `{ $all: [...] }`); predicateToFilter reads its grammar. */
const predicate = z.record(z.string(), z.unknown());

export const byRefsSchema = z.object({
  entityRefs: z.array(z.string()).max(MAX_PAGE_SIZE),
  fields: z.array(z.string()).optional(),
  query: predicate.optional(),
});

export const byRefsQuerySchema = z.object({ fields: commaList.optional(), filter: filterParam.optional() });

const orderByItem = z.object({ field: z.string().min(1), order: z.enum(['asc', 'desc']).default('asc') });

/** `POST /entities/by-query`: the GET route's parameters in a body, with a predicate for `query`. */
export const byQueryBodySchema = z
  .object({
    query: predicate.optional(),
    fields: z.array(z.string()).optional(),
    limit: count(MAX_PAGE_SIZE).optional(),
    offset: count(Number.MAX_SAFE_INTEGER).optional(),
    orderBy: z
      .union([orderByItem, z.array(orderByItem)])
      .transform(v => (Array.isArray(v) ? v : [v]))
      .optional(),
    cursor: z.string().min(1).optional(),
    fullTextFilter: z.object({ term: z.string().optional(), fields: z.array(z.string()).optional() }).optional(),
  })
  .refine(q => !(q.cursor && q.offset !== undefined), { path: ['offset'], message: 'cannot be combined with cursor' });

/** `POST /entity-facets`. */
export const facetsBodySchema = z.object({
  facets: z.array(z.string().min(1)).min(1, 'must name at least one facet'),
  query: predicate.optional(),
});

export const facetsSchema = z.object({
  facet: repeated.pipe(z.array(z.string().min(1)).min(1, 'must name at least one facet')),
  filter: filterParam.optional(),
});

export const entityNameParams = z.object({ kind: z.string().min(1), namespace: z.string().min(1), name: z.string().min(1) });

export const validateEntitySchema = z.object({
  entity: z.unknown().refine(v => v !== undefined, 'is required'),
  location: z.string().optional(),
});
