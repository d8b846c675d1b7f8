import type { Knex } from 'knex';
import { WORDS_KEY } from './buildSearchRows.js';
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
 * The WHERE condition matching `filter` and `fullText`, on the entity ref column `ref` (the
 * entities table aliased `e` by default; a search or relations column where callers skip that table).
 * Keys and values compare lower-cased, as the search table stores them.
 */
export function entityFilterSql(filter: EntityFilter | undefined, fullText: FullTextFilter | undefined, ref = 'e.entity_ref'): SqlPart {
  const parts: SqlPart[] = [];
  if (filter && filter.length > 0) {
    const anyOf = filter.map(allOf => wrap(join(allOf.map(c => conditionSql(c, ref)), ' and ')));
    parts.push(wrap(join(anyOf, ' or ')));
  }
  const text = fullText && fullTextSql(fullText, ref);
  if (text) parts.push(text);
  return parts.length > 0 ? join(parts, ' and ') : { sql: 'true', bindings: [] };
}

function conditionSql(condition: FilterCondition, ref: string): SqlPart {
  const key = condition.key.toLowerCase();
  const values = condition.values?.map(v => v.toLowerCase());
  // Values are bound one by one (never as an array) so the planner sees them and uses the
  // column statistics to choose between index scans.
  const inList = values ? `in (${values.map(() => '?').join(', ')})` : '';
  if (key.startsWith(RELATIONS_PREFIX)) {
    const type = key.slice(RELATIONS_PREFIX.length);
    return values
      ? { sql: `${ref} in (select r.source_ref from ${TABLES.relations} r where lower(r.type) = ? and r.target_ref ${inList})`, bindings: [type, ...values] }
      : { sql: `${ref} in (select r.source_ref from ${TABLES.relations} r where lower(r.type) = ?)`, bindings: [type] };
  }
  if (key === 'metadata.uid') {
    return values
      ? { sql: `${ref} in (select u.entity_ref from ${TABLES.entities} u where u.uid::text ${inList})`, bindings: values }
      : { sql: 'true', bindings: [] };
  }
  return values
    ? { sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ? and s.value ${inList})`, bindings: [key, ...values] }
    : { sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ?)`, bindings: [key] };
}

/**
 * Without fields, each word of the term must be the prefix of a word of the entity's full-text
 * document (see wordsOf), found by a range scan of the search index. With fields, the term must
 * occur anywhere in one of those fields' values.
 */
function fullTextSql(fullText: FullTextFilter, ref: string): SqlPart | undefined {
  const term = fullText.term.trim().toLowerCase();
  if (!term) return undefined;
  if (fullText.fields && fullText.fields.length > 0) {
    const fields = fullText.fields.map(f => f.toLowerCase());
    return {
      sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key in (${fields.map(() => '?').join(', ')}) and s.value like ?)`,
      bindings: [...fields, `%${escapeLike(term)}%`],
    };
  }
  const words = termWords(term);
  if (words.length === 0) return undefined;
  return join(words.map(w => wordSql(w, ref)), ' and ');
}

function termWords(term: string): string[] {
  return term
    .toLowerCase()
    .split(/\s+/)
    .map(w => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(w => w.length > 0);
}

function wordSql(word: string, ref: string): SqlPart {
  return {
    sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ? and s.value like ?)`,
    bindings: [WORDS_KEY, `${escapeLike(word)}%`],
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

export function join(parts: SqlPart[], separator: string): SqlPart {
  return { sql: parts.map(p => p.sql).join(separator), bindings: parts.flatMap(p => p.bindings) };
}

function wrap(part: SqlPart): SqlPart {
  return { sql: `(${part.sql})`, bindings: part.bindings };
}

/**
 * How many entities match, read from the search index alone where the filter allows: a single
 * AND-group is counted from the index entries of its most selective-looking condition (the first
 * full-text word, which a prefix narrows more than a kind does, else the first `key=value`),
 * checking the others against them. Anything else counts entities.
 */
export function entityCountSql(filter: EntityFilter | undefined, fullText: FullTextFilter | undefined): SqlPart {
  const group = filter === undefined || filter.length === 0 ? [] : filter.length === 1 ? filter[0]! : undefined;
  const words = fullText && !fullText.fields?.length ? termWords(fullText.term) : [];
  if (group && words.length > 0) {
    const others = entityFilterSql(group.length > 0 ? [group] : undefined, { term: words.slice(1).join(' ') }, 'd.entity_ref');
    return {
      // A prefix can match several words of one entity: count entities, not rows.
      sql: `select count(distinct d.entity_ref)::int as count from ${SEARCH_TABLE} d where d.key = ? and d.value like ? and ${others.sql}`,
      bindings: [WORDS_KEY, `${escapeLike(words[0]!)}%`, ...others.bindings],
    };
  }
  const lead = group?.find(c => c.values && !c.key.toLowerCase().startsWith(RELATIONS_PREFIX) && c.key.toLowerCase() !== 'metadata.uid');
  if (!group || !lead?.values) {
    const where = entityFilterSql(filter, fullText);
    return { sql: `select count(*)::int as count from ${TABLES.entities} e where ${where.sql}`, bindings: where.bindings };
  }
  const rest = group.filter(c => c !== lead);
  const others = entityFilterSql(rest.length > 0 ? [rest] : undefined, fullText, 'd.entity_ref');
  const values = lead.values.map(v => v.toLowerCase());
  // One row per (entity, key, value): counting rows is exact for one value, not for several.
  const count = values.length === 1 ? 'count(*)' : 'count(distinct d.entity_ref)';
  return {
    sql: `select ${count}::int as count from ${SEARCH_TABLE} d where d.key = ? and d.value in (${values.map(() => '?').join(', ')}) and ${others.sql}`,
    bindings: [lead.key.toLowerCase(), ...values, ...others.bindings],
  };
}
