import type { Knex } from 'knex';
import { WORDS_KEY } from './buildSearchRows.js';
import { kindOfRefSql } from './searchKindIndexes.js';
import { SEARCH_TABLE } from './searchTable.js';
import { TABLES } from './tables.js';

/**
 * One condition on an entity path: the key exists, or (with values) equals one of the values, or
 * (with prefix) has a value starting with it; `negate` turns it into its opposite. An empty list
 * of values matches nothing.
 */
export interface FilterCondition {
  key: string;
  values?: string[];
  prefix?: string;
  negate?: boolean;
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
 *
 * A group's `kind=…` condition narrows its other search-table conditions (and the full-text
 * words, when there is one group) to that kind's index entries and is then dropped: a row of one
 * of those entries already belongs to an entity of that kind.
 */
export function entityFilterSql(
  filter: EntityFilter | undefined,
  fullText: FullTextFilter | undefined,
  ref = 'e.entity_ref',
  options: FilterSqlOptions = {},
): SqlPart {
  const { knownKinds, narrowText } = { narrowText: true, ...options } satisfies FilterSqlOptions;
  const parts: SqlPart[] = [];
  const hasText = narrowText && fullTextSql(fullText, ref) !== undefined;
  let textKinds = knownKinds;
  if (filter && filter.length > 0) {
    const single = filter.length === 1;
    const anyOf = filter.map(allOf => {
      const split = splitKindGroup(allOf, single && hasText);
      if (split && single && narrowText) textKinds = split.kinds;
      const conditions = split ? split.rest : allOf;
      const kinds = split ? split.kinds : knownKinds;
      return conditions.length > 0
        ? wrap(
            join(
              conditions.map(c => conditionSql(c, ref, kinds)),
              ' and ',
            ),
          )
        : { sql: 'true', bindings: [] };
    });
    parts.push(wrap(join(anyOf, ' or ')));
  }
  const text = fullTextSql(fullText, ref, textKinds);
  if (text) parts.push(text);
  return parts.length > 0 ? join(parts, ' and ') : { sql: 'true', bindings: [] };
}

export interface FilterSqlOptions {
  /** The caller has already restricted the ref to entities of these kinds (see splitKindFilter). */
  knownKinds?: string[];
  /**
   * Whether full-text words may stand for the kind condition (true by default). Pages ordered by
   * entity_ref keep the kind condition instead: the planner would read a kind's word entries in
   * entity_ref order through the whole table, guessing the matches spread evenly.
   */
  narrowText?: boolean;
}

/**
 * A filter of one AND-group with one `kind=…` condition, as those kinds (lower-cased) and the
 * rest of the filter, for callers that restrict their own search or relation rows to the kinds.
 */
export function splitKindFilter(filter: EntityFilter | undefined): { kinds: string[]; rest: EntityFilter | undefined } | undefined {
  if (filter?.length !== 1) return undefined;
  const split = splitKindGroup(filter[0]!, true);
  return split && { kinds: split.kinds, rest: split.rest.length > 0 ? [split.rest] : undefined };
}

/** `kind in (…)` on the kind part of an entity ref column, as the kind indexes hold it. */
export function kindOfRefInSql(column: string, kinds: string[]): SqlPart {
  return { sql: `${kindOfRefSql(column)} in (${kinds.map(() => '?').join(', ')})`, bindings: kinds };
}

/**
 * The group's one `kind=…` condition and the other conditions, when the kind may be dropped:
 * another search-table condition (or, with `absorbed`, the caller) narrows to the kind instead.
 * Kinds are letters and digits, so a value with a colon cannot be an entity ref's kind part.
 */
function splitKindGroup(group: FilterCondition[], absorbed: boolean): { kinds: string[]; rest: FilterCondition[] } | undefined {
  const kindConditions = group.filter(c => c.key.toLowerCase() === 'kind' && isValueCondition(c));
  const values = kindConditions.length === 1 ? kindConditions[0]!.values : undefined;
  if (!values || values.length === 0 || values.some(v => v.includes(':'))) return undefined;
  const rest = group.filter(c => c !== kindConditions[0]);
  // A negated condition reads no entries of the kind, so it cannot stand for the kind condition.
  if (!absorbed && !rest.some(c => isSearchCondition(c) && !c.negate)) return undefined;
  return { kinds: values.map(v => v.toLowerCase()), rest };
}

function isSearchCondition(condition: FilterCondition): boolean {
  const key = condition.key.toLowerCase();
  return !key.startsWith(RELATIONS_PREFIX) && key !== 'metadata.uid';
}

/** `key=value` in the positive: the entity's own index entries can stand for it. */
function isValueCondition(condition: FilterCondition): condition is FilterCondition & { values: string[] } {
  return condition.values !== undefined && condition.values.length > 0 && condition.prefix === undefined && !condition.negate;
}

function conditionSql(condition: FilterCondition, ref: string, kinds?: string[]): SqlPart {
  if (!condition.negate) return positiveConditionSql(condition, ref, kinds);
  // Entities without a matching entry: an anti-join on the same index ranges. The kinds narrow
  // the entries only in the positive; here every entity of the ref column is checked.
  const positive = positiveConditionSql(condition, ref);
  return { sql: `not (${positive.sql})`, bindings: positive.bindings };
}

function positiveConditionSql(condition: FilterCondition, ref: string, kinds?: string[]): SqlPart {
  const key = condition.key.toLowerCase();
  if (condition.values?.length === 0) return { sql: 'false', bindings: [] };
  if (condition.prefix !== undefined) return prefixConditionSql(key, condition.prefix.toLowerCase(), ref, kinds);
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
  const kind = kindNarrowing('s', kinds);
  return values
    ? {
        sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ?${kind.sql} and s.value ${inList})`,
        bindings: [key, ...kind.bindings, ...values],
      }
    : { sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ?${kind.sql})`, bindings: [key, ...kind.bindings] };
}

/**
 * A value starting with the prefix: a range scan of the (key, value) index, as a full-text word
 * is, since the "C" collation makes `like 'prefix%'` indexable.
 */
function prefixConditionSql(key: string, prefix: string, ref: string, kinds?: string[]): SqlPart {
  const pattern = `${escapeLike(prefix)}%`;
  if (key.startsWith(RELATIONS_PREFIX)) {
    return {
      sql: `${ref} in (select r.source_ref from ${TABLES.relations} r where lower(r.type) = ? and r.target_ref like ?)`,
      bindings: [key.slice(RELATIONS_PREFIX.length), pattern],
    };
  }
  if (key === 'metadata.uid') {
    return { sql: `${ref} in (select u.entity_ref from ${TABLES.entities} u where u.uid::text like ?)`, bindings: [pattern] };
  }
  const kind = kindNarrowing('s', kinds);
  return {
    sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ?${kind.sql} and s.value like ?)`,
    bindings: [key, ...kind.bindings, pattern],
  };
}

/** ` and <kind of alias.entity_ref> in (…)`, or nothing without kinds. */
function kindNarrowing(alias: string, kinds: string[] | undefined): SqlPart {
  if (!kinds) return { sql: '', bindings: [] };
  const part = kindOfRefInSql(`${alias}.entity_ref`, kinds);
  return { sql: ` and ${part.sql}`, bindings: part.bindings };
}

/**
 * Without fields, each word of the term must be the prefix of a word of the entity's full-text
 * document (see wordsOf), found by a range scan of the search index. With fields, the term must
 * occur anywhere in one of those fields' values.
 */
function fullTextSql(fullText: FullTextFilter | undefined, ref: string, kinds?: string[]): SqlPart | undefined {
  const term = fullText?.term.trim().toLowerCase();
  if (!fullText || !term) return undefined;
  const kind = kindNarrowing('s', kinds);
  if (fullText.fields && fullText.fields.length > 0) {
    const fields = fullText.fields.map(f => f.toLowerCase());
    return {
      sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key in (${fields.map(() => '?').join(', ')})${kind.sql} and s.value like ?)`,
      bindings: [...fields, ...kind.bindings, `%${escapeLike(term)}%`],
    };
  }
  const words = termWords(term);
  if (words.length === 0) return undefined;
  return join(
    words.map(w => wordSql(w, ref, kind)),
    ' and ',
  );
}

function termWords(term: string): string[] {
  return term
    .toLowerCase()
    .split(/\s+/)
    .map(w => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(w => w.length > 0);
}

function wordSql(word: string, ref: string, kind: SqlPart): SqlPart {
  return {
    sql: `${ref} in (select s.entity_ref from ${SEARCH_TABLE} s where s.key = ?${kind.sql} and s.value like ?)`,
    bindings: [WORDS_KEY, ...kind.bindings, `${escapeLike(word)}%`],
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
 * full-text word, which a prefix narrows more than a kind does, else the first `key=value` other
 * than the kind), narrowed to the group's kind, checking the others against them. Anything else
 * counts entities.
 */
export function entityCountSql(filter: EntityFilter | undefined, fullText: FullTextFilter | undefined): SqlPart {
  const group = filter === undefined || filter.length === 0 ? [] : filter.length === 1 ? filter[0]! : undefined;
  const words = fullText && !fullText.fields?.length ? termWords(fullText.term) : [];
  // The counted row is a search row: narrowed to the kind, it stands for the kind condition.
  const split = group ? splitKindFilter([group]) : undefined;
  const kinds = split?.kinds;
  const kind = kindNarrowing('d', kinds);
  if (group && words.length > 0) {
    const others = entityFilterSql(split ? split.rest : group.length > 0 ? [group] : undefined, { term: words.slice(1).join(' ') }, 'd.entity_ref', {
      knownKinds: kinds,
    });
    return {
      // A prefix can match several words of one entity: count entities, not rows.
      sql: `select count(distinct d.entity_ref)::int as count from ${SEARCH_TABLE} d where d.key = ?${kind.sql} and d.value like ? and ${others.sql}`,
      bindings: [WORDS_KEY, ...kind.bindings, `${escapeLike(words[0]!)}%`, ...others.bindings],
    };
  }
  const isLead = (c: FilterCondition) => isValueCondition(c) && isSearchCondition(c) && c.key.toLowerCase() !== 'kind';
  const lead = group?.find(isLead) ?? group?.find(c => isValueCondition(c) && isSearchCondition(c));
  if (!group || !lead?.values) {
    const where = entityFilterSql(filter, fullText);
    return { sql: `select count(*)::int as count from ${TABLES.entities} e where ${where.sql}`, bindings: where.bindings };
  }
  const narrowed = split !== undefined && isLead(lead);
  const rest = (narrowed ? split.rest![0]! : group).filter(c => c !== lead);
  const others = entityFilterSql(rest.length > 0 ? [rest] : undefined, fullText, 'd.entity_ref', { knownKinds: narrowed ? kinds : undefined });
  const leadKind = narrowed ? kind : { sql: '', bindings: [] };
  const values = lead.values.map(v => v.toLowerCase());
  // One row per (entity, key, value): counting rows is exact for one value, not for several.
  const count = values.length === 1 ? 'count(*)' : 'count(distinct d.entity_ref)';
  return {
    sql: `select ${count}::int as count from ${SEARCH_TABLE} d where d.key = ?${leadKind.sql} and d.value in (${values.map(() => '?').join(', ')}) and ${others.sql}`,
    bindings: [lead.key.toLowerCase(), ...leadKind.bindings, ...values, ...others.bindings],
  };
}
