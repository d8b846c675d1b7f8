import type { Knex } from 'knex';
import { entityCountSql, entityFilterSql, join, type EntityFilter, type FullTextFilter, type SqlPart } from './entityFilterSql.js';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

export interface OrderField {
  field: string;
  order: 'asc' | 'desc';
}

export interface EntityQuery {
  filter?: EntityFilter;
  fullText?: FullTextFilter;
  orderFields: OrderField[];
}

/** Where a page starts or ends: the order values and ref of a row. */
export interface QueryPosition {
  values: Array<string | null>;
  ref: string;
}

export interface QueryEntitiesOptions {
  query: EntityQuery;
  limit: number;
  /** Only for the first page; cursors never use OFFSET. */
  offset?: number;
  /** Rows after this position (the next page) or before it (the previous page). */
  after?: QueryPosition;
  before?: QueryPosition;
  /** Counts the query's matches side by side with the page; without it there is no total. */
  countTotal?: (query: EntityQuery) => Promise<number>;
}

export interface QueryEntitiesResult {
  rows: QueryPosition[];
  /** Whether rows exist beyond the page in the direction read. */
  hasMore: boolean;
  totalItems?: number;
}

interface SortColumn {
  expr: string;
  order: 'asc' | 'desc';
  /** The cursor value of this column, from a position. */
  valueOf(position: QueryPosition): Knex.RawBinding;
}

/**
 * One page of entity refs matching a query, in keyset order: each order field's lower-cased value
 * (entities without the field last), then the ref. Pages after or before a position compare
 * against the position's values, so paging through a large result never scans skipped rows.
 */
export async function queryEntities(knex: Knex, options: QueryEntitiesOptions): Promise<QueryEntitiesResult> {
  const { query, limit } = options;
  const where = entityFilterSql(query.filter, query.fullText, 'e.entity_ref', { narrowText: false });
  const orderJoins = query.orderFields.map((f, i) => ({
    sql: `left join lateral (select min(s.value) as v from ${SEARCH_TABLE} s where s.entity_ref = e.entity_ref and s.key = ?) o${i} on true`,
    bindings: [f.field.toLowerCase()],
  }));
  const columns: SortColumn[] = query.orderFields.flatMap((f, i) => [
    { expr: `(o${i}.v is null)`, order: 'asc' as const, valueOf: (p: QueryPosition) => p.values[i] === null },
    { expr: `coalesce(o${i}.v, '')`, order: f.order, valueOf: (p: QueryPosition) => p.values[i] ?? '' },
  ]);
  columns.push({ expr: 'e.entity_ref', order: 'asc', valueOf: p => p.ref });

  const backwards = options.before !== undefined;
  const position = options.before ?? options.after;
  const conditions: SqlPart[] = [where];
  if (position) conditions.push(keysetSql(columns, position, backwards));
  const from = join([{ sql: `from ${TABLES.entities} e`, bindings: [] }, ...orderJoins], ' ');
  const filterSql = join(conditions, ' and ');
  const orderBy = columns.map(c => `${c.expr} ${flip(c.order, backwards)}`).join(', ');
  const select = query.orderFields.map((_, i) => `, o${i}.v as o${i}`).join('');
  const offset = !position && options.offset ? ` offset ${Math.floor(options.offset)}` : '';

  // The total is counted side by side with the page, on another connection.
  const counting = options.countTotal?.(query);
  counting?.catch(() => {}); // awaited below; a failing page must not leave it unhandled
  const result = await knex.raw(`select e.entity_ref${select} ${from.sql} where ${filterSql.sql} order by ${orderBy} limit ?${offset}`, [
    ...from.bindings,
    ...filterSql.bindings,
    limit + 1,
  ]);
  const rows = (result.rows as Array<Record<string, string | null>>).map(row => ({
    ref: row.entity_ref as string,
    values: query.orderFields.map((_, i) => row[`o${i}`] ?? null),
  }));
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();

  const totalItems = counting ? await counting : undefined;
  return { rows: page, hasMore, totalItems };
}

/** How many entities match the query's filter and full-text term. */
export async function countEntities(knex: Knex, query: EntityQuery): Promise<number> {
  const countSql = entityCountSql(query.filter, query.fullText);
  const count = await knex.raw(countSql.sql, countSql.bindings);
  return Number((count.rows as Array<{ count: number }>)[0]!.count);
}

function flip(order: 'asc' | 'desc', backwards: boolean): 'asc' | 'desc' {
  return backwards === (order === 'asc') ? 'desc' : 'asc';
}

/** Rows strictly after (or before) the position in the columns' order, mixed directions allowed. */
function keysetSql(columns: SortColumn[], position: QueryPosition, backwards: boolean): SqlPart {
  const alternatives: SqlPart[] = columns.map((column, k) => {
    const equal = columns.slice(0, k).map(c => ({ sql: `${c.expr} = ?`, bindings: [c.valueOf(position)] }));
    const op = flip(column.order, backwards) === 'asc' ? '>' : '<';
    return join([...equal, { sql: `${column.expr} ${op} ?`, bindings: [column.valueOf(position)] }], ' and ');
  });
  return { sql: `(${alternatives.map(a => `(${a.sql})`).join(' or ')})`, bindings: alternatives.flatMap(a => a.bindings) };
}
