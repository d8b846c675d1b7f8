import type { Knex } from 'knex';
import type { SearchDocumentType, SearchFilterField } from '../../common/types.js';
import { SEARCH_DOCUMENTS, type DbSearchDocumentRow } from './tables.js';

export const HIGHLIGHT_PRE_TAG = '<mark>';
export const HIGHLIGHT_POST_TAG = '</mark>';

export interface DocumentQuery {
  term: string;
  types?: SearchDocumentType[];
  filters?: Partial<Record<SearchFilterField, string>>;
  offset: number;
  limit: number;
}

export interface MatchedDocument extends DbSearchDocumentRow {
  title_highlight: string;
  text_highlight: string;
}

/** How alike a misspelt word must be to a name or title (pg_trgm word similarity, 0–1). */
const TYPO_SIMILARITY = 0.5;
/** ts_rank's weights for D, C, B, A: a word in a title counts far more than one in a body. */
const RANK_WEIGHTS = '{0.02,0.1,0.4,1.0}';
const MAX_WORDS = 8;

const filterColumns: Record<SearchFilterField, string> = {
  kind: 'kind',
  type: 'spec_type',
  owner: 'owner',
  lifecycle: 'lifecycle',
  namespace: 'namespace',
  tags: 'tags',
};

/**
 * The words of a term as a prefix query for typeahead (`pay` finds `payments`): each word as
 * typed, the last one as a prefix. Only letters and digits reach the query, so nothing a person
 * types is read as tsquery syntax; undefined when the term has no word.
 */
export function prefixQueryOf(term: string): string | undefined {
  const words = term
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu)
    ?.slice(0, MAX_WORDS);
  if (!words || words.length === 0) return undefined;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

/**
 * One page of the documents matching a term, best first: an exact name or title, then full-text
 * rank (websearch syntax: `"exact phrase"`, `or`, `-not`; and the last word as a prefix), then
 * trigram similarity of the name and title (typos). Everything typed is a bound parameter.
 */
export async function queryDocuments(knex: Knex, query: DocumentQuery): Promise<{ rows: MatchedDocument[]; total: number }> {
  const term = query.term.trim();
  const lower = term.toLowerCase();
  const prefix = prefixQueryOf(term);

  const where: string[] = [];
  const whereBindings: unknown[] = [];
  if (query.types && query.types.length > 0) {
    where.push(`d.type = any(?::text[])`);
    whereBindings.push(query.types);
  }
  for (const [field, value] of Object.entries(query.filters ?? {}) as Array<[SearchFilterField, string | undefined]>) {
    if (!value) continue;
    if (field === 'tags') where.push(`lower(?) = any(d.tags)`);
    else where.push(`lower(d.${filterColumns[field]}) = lower(?)`);
    whereBindings.push(value);
  }

  // With no term, every document the filters let through, by title.
  let select = `0 as exact, 0 as ts, 0 as sim`;
  const selectBindings: unknown[] = [];
  let headlineQuery = `''::tsquery`;
  const headlineBindings: unknown[] = [];
  if (term) {
    const web = `websearch_to_tsquery('simple', ?)`;
    const pre = prefix ? `to_tsquery('simple', ?)` : `''::tsquery`;
    const preBindings = prefix ? [prefix] : [];
    select = `(lower(d.name) = ? or lower(d.title) = ?) as exact,
      greatest(ts_rank('${RANK_WEIGHTS}', d.search_vector, ${web}), ts_rank('${RANK_WEIGHTS}', d.search_vector, ${pre}) * 0.5) as ts,
      public.word_similarity(?, d.keywords) as sim`;
    selectBindings.push(lower, lower, term, ...preBindings, lower);
    // Each branch can use an index (the vector's GIN, the keywords' trigram GIN), so the
    // planner ORs index scans rather than computing a similarity for every row.
    where.push(`(d.search_vector @@ ${web} or d.search_vector @@ ${pre} or ? operator(public.<%) d.keywords)`);
    whereBindings.push(term, ...preBindings, lower);
    headlineQuery = `(${web} || ${pre})`;
    headlineBindings.push(term, ...preBindings);
  }

  const headline = (column: string, options: string) =>
    `ts_headline('simple', ${column}, ${headlineQuery}, 'StartSel=${HIGHLIGHT_PRE_TAG}, StopSel=${HIGHLIGHT_POST_TAG}, ${options}')`;
  const sql = `
    with page as (
      select d.*, ${select}, count(*) over () as total
        from ${SEARCH_DOCUMENTS} d
       ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by exact desc, ts desc, sim desc, d.title, d.id
       limit ? offset ?
    )
    select page.id, page.type, page.entity_ref, page.name, page.title, page.summary, left(page.body, 400) as body, page.location,
           page.kind, page.spec_type, page.owner, page.lifecycle, page.namespace, page.tags, page.extra, page.total,
           ${headline('page.title', 'HighlightAll=true')} as title_highlight,
           ${headline(`page.summary || ' ' || page.body`, 'MaxWords=35, MinWords=15, MaxFragments=1')} as text_highlight
      from page
     order by exact desc, ts desc, sim desc, page.title, page.id`;
  const bindings = [...selectBindings, ...whereBindings, query.limit, query.offset, ...headlineBindings, ...headlineBindings];
  const result = await knex.transaction(async trx => {
    // The `<%` operator's threshold, for this statement only.
    await trx.raw(`set local pg_trgm.word_similarity_threshold = ${TYPO_SIMILARITY}`);
    return trx.raw<{ rows: Array<MatchedDocument & { total: string | number }> }>(sql, bindings as Knex.RawBinding[]);
  });
  const { rows } = result;
  return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
