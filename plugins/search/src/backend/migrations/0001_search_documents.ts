import type { Migration } from '@portal/backend-common';

export const searchDocumentsMigration: Migration = {
  name: '0001_search_documents',
  async up(knex) {
    // Trigram similarity (typos, prefixes of names). The extension lives in `public`, where every
    // schema's statements can name it, so its functions and operator classes are written
    // schema-qualified below.
    const installed = await knex.raw(`select 1 from pg_extension where extname = 'pg_trgm'`);
    if (installed.rows.length === 0) {
      // In a savepoint: another database user of the same server (a second replica, a parallel
      // test) may install it at the same moment, and its unique violation must not abort this step.
      await knex
        .transaction(trx => trx.raw('create extension if not exists pg_trgm with schema public'))
        .catch((error: { code?: string }) => {
          if (error.code !== '23505') throw error;
        });
    }
    // One row per thing a person can find: an entity, a template, a section of a docs page.
    await knex.raw(`
      create table search_documents (
        id text primary key,
        type text not null,
        entity_ref text not null,
        name text not null default '',
        title text not null,
        summary text not null default '',
        body text not null default '',
        location text not null,
        kind text,
        spec_type text,
        owner text,
        lifecycle text,
        namespace text,
        tags text[] not null default '{}',
        extra jsonb not null default '{}',
        indexed_at timestamptz not null default now(),
        search_vector tsvector generated always as (
          setweight(to_tsvector('simple', title || ' ' || name), 'A') ||
          setweight(to_tsvector('simple', summary), 'B') ||
          setweight(to_tsvector('simple', body), 'C')
        ) stored,
        keywords text generated always as (lower(title || ' ' || name)) stored
      )`);
    await knex.raw('create index search_documents_vector_idx on search_documents using gin (search_vector)');
    await knex.raw('create index search_documents_keywords_idx on search_documents using gin (keywords public.gin_trgm_ops)');
    await knex.raw('create index search_documents_entity_ref_idx on search_documents (entity_ref)');
    await knex.raw('create index search_documents_type_kind_idx on search_documents (type, kind)');
  },
};
