import type { Knex } from 'knex';
import { InputError } from '@portal/backend-common';
import type { SearchDocument, SearchResultSet } from '../common/types.js';
import { HIGHLIGHT_POST_TAG, HIGHLIGHT_PRE_TAG, queryDocuments, type MatchedDocument } from './database/queryDocuments.js';
import { DEFAULT_PAGE_LIMIT, type SearchQueryInput } from './routes/schema.js';

interface PageCursor {
  offset: number;
}

const encodeCursor = (cursor: PageCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string | undefined): PageCursor {
  if (!text) return { offset: 0 };
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as PageCursor;
    if (Number.isInteger(cursor.offset) && cursor.offset >= 0) return cursor;
  } catch {
    // Reported below, as for any cursor this search did not give out.
  }
  throw new InputError('Invalid query: pageCursor is not a cursor this search gave out');
}

/** Backstage's result shape for one matched row. */
function toDocument(row: MatchedDocument): SearchDocument {
  const text = [row.summary, row.body].filter(Boolean).join(' ');
  return {
    title: row.title,
    text: text.length > 300 ? `${text.slice(0, 300)}…` : text,
    location: row.location,
    ...(row.kind ? { kind: row.kind } : {}),
    ...(row.spec_type ? { type: row.spec_type } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.lifecycle ? { lifecycle: row.lifecycle } : {}),
    ...(row.namespace ? { namespace: row.namespace } : {}),
    ...(row.tags.length > 0 ? { tags: row.tags } : {}),
    entityRef: row.entity_ref,
    ...row.extra,
  };
}

/** Answers search queries from the index, a page at a time. */
export class SearchEngine {
  constructor(private readonly knex: Knex) {}

  async query(query: SearchQueryInput): Promise<SearchResultSet> {
    const { offset } = decodeCursor(query.pageCursor);
    const limit = query.pageLimit ?? DEFAULT_PAGE_LIMIT;
    const { rows, total } = await queryDocuments(this.knex, { term: query.term, types: query.types, filters: query.filters, offset, limit });
    const results = rows.map((row, i) => ({
      type: row.type,
      document: toDocument(row),
      highlight: {
        preTag: HIGHLIGHT_PRE_TAG,
        postTag: HIGHLIGHT_POST_TAG,
        fields: {
          ...(row.title_highlight.includes(HIGHLIGHT_PRE_TAG) ? { title: row.title_highlight } : {}),
          ...(row.text_highlight.includes(HIGHLIGHT_PRE_TAG) ? { text: row.text_highlight } : {}),
        },
      },
      rank: offset + i + 1,
    }));
    return {
      results,
      ...(offset + rows.length < total ? { nextPageCursor: encodeCursor({ offset: offset + limit }) } : {}),
      ...(offset > 0 ? { previousPageCursor: encodeCursor({ offset: Math.max(0, offset - limit) }) } : {}),
      numberOfResults: total,
    };
  }
}
