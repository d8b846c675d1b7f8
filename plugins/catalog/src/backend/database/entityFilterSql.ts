import type { Knex } from 'knex';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

/** One condition on an entity path: the key exists, or (with values) equals one of the values. */
export interface FilterCondition {
  key: string;
  values?: string[];
}

/** Backstage's filter: the outer list is OR (repeated `filter`), each inner list AND (`,`). */
export type EntityFilter = FilterCondition[][];

export interface FullTextFilter {
  term: string;
  fields?: string[];
}

/** A fragment of SQL with its positional bindings. */
export interface SqlPart {
  sql: string;
  bindings: Knex.RawBinding[];
}

const RELATIONS_PREFIX = 'relations.';

/**
 * The WHERE condition matching `filter` and `fullText` on the entities table aliased `e`.
 * Keys and values compare lower-cased, as the search table stores them.
 */
export function entityFilterSql(filter: EntityFilter | undefined, fullText: FullTextFilter | undefined): SqlPart {
  const parts: SqlPart[] = [];
  if (filter && filter.length > 0) {
    const anyOf = filter.map(allOf => wrap(join(allOf.map(conditionSql), ' and ')));
    parts.push(wrap(join(anyOf, ' or ')));
  }
  const text = fullText && fullTextSql(fullText);
  if (text) parts.push(text);
  return parts.length > 0 ? join(parts, ' and ') : { sql: 'true', bindings: [] };
}

function conditionSql(condition: FilterCondition): SqlPart {
  const key = condition.key.toLowerCase();
  const values = condition.values?.map(v => v.toLowerCase());
  // Values are bound one by one (never as an array) so the planner sees them and uses the
  // column statistics to choose between index scans.
  const inList = values ? `in (${values.map(() => '?').join(', ')})` : '';
  if (key.startsWith(RELATIONS_PREFIX)) {
    const type = key.slice(RELATIONS_PREFIX.length);
    return values
      ? { sql: `e.entity_ref in (select r.source_ref from ${TABLES.relations} r where lower(r.type) = ? and r.target_ref ${inList})`, bindings: [type, ...values] }
      : { sql: `e.entity_ref in (select r.source_ref from ${TABLES.relations} r where lower(r.type) = ?)`, bindings: [type] };
  }
  if (key === 'metadata.uid') {
    return values ? { sql: `e.uid::text ${inList}`, bindings: values } : { sql: 'true', bindings: [] };
  }
  return values
    ? { sql: `e.entity_ref in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ? and s.value ${inList})`, bindings: [key, ...values] }
    : { sql: `e.entity_ref in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ?)`, bindings: [key] };
}

/**
 * Without fields, words of the term match word prefixes of the entity's full-text document
 * (name, title, description, tags, type, lifecycle, owner), through its GIN index. With fields,
 * the term must occur anywhere in one of those fields' values.
 */
function fullTextSql(fullText: FullTextFilter): SqlPart | undefined {
  const term = fullText.term.trim().toLowerCase();
  if (!term) return undefined;
  if (fullText.fields && fullText.fields.length > 0) {
    const pattern = `%${term.replace(/[\\%_]/g, c => `\\${c}`)}%`;
    return {
      sql: `e.entity_ref in (select s.entity_ref from ${SEARCH_TABLE} s where s.key in (select jsonb_array_elements_text(?::jsonb)) and s.value like ?)`,
      bindings: [JSON.stringify(fullText.fields.map(f => f.toLowerCase())), pattern],
    };
  }
  const words = term
    .split(/\s+/)
    .map(w => w.replace(/[^\p{L}\p{N}._-]/gu, ''))
    .filter(w => w.length > 0);
  if (words.length === 0) return undefined;
  return { sql: `e.search @@ to_tsquery('simple', ?)`, bindings: [words.map(w => `'${w}':*`).join(' & ')] };
}

export function join(parts: SqlPart[], separator: string): SqlPart {
  return { sql: parts.map(p => p.sql).join(separator), bindings: parts.flatMap(p => p.bindings) };
}

function wrap(part: SqlPart): SqlPart {
  return { sql: `(${part.sql})`, bindings: part.bindings };
}
