import type { Migration } from '@portal/backend-common';

/**
 * The catalog's tables: registered locations (a work queue, claimed by next_refresh_at), the files
 * each location last read, the entities read from them, their relations and the problems found.
 */
export const catalogTablesMigration: Migration = {
  name: '0001_catalog',
  up: async knex => {
    await knex.schema.createTable('catalog_locations', t => {
      t.text('id').primary();
      t.text('type').notNullable();
      t.text('target').notNullable();
      t.text('origin').notNullable();
      t.text('parent_id').references('id').inTable('catalog_locations').onDelete('CASCADE');
      t.text('repo_url');
      t.jsonb('allow_kinds');
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('next_refresh_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('locked_until', { useTz: true });
      t.text('locked_by');
      t.boolean('force_full').notNullable().defaultTo(false);
      t.text('last_commit');
      t.timestamp('last_refresh_at', { useTz: true });
      t.integer('last_duration_ms');
      t.integer('entity_count').notNullable().defaultTo(0);
      t.unique(['type', 'target']);
      t.index(['next_refresh_at']);
      t.index(['repo_url']);
      t.index(['parent_id']);
    });
    await knex.schema.createTable('catalog_location_files', t => {
      t.text('location_id').notNullable().references('id').inTable('catalog_locations').onDelete('CASCADE');
      t.text('path').notNullable();
      t.text('hash').notNullable();
      t.boolean('has_errors').notNullable().defaultTo(false);
      t.jsonb('targets');
      t.primary(['location_id', 'path']);
    });
    // No foreign key to locations: an orphaned entity outlives its location when the orphan
    // strategy is `keep`, and deleting a location handles its entities explicitly.
    await knex.schema.createTable('catalog_entities', t => {
      t.text('entity_ref').primary();
      t.uuid('uid').notNullable().unique().defaultTo(knex.raw('gen_random_uuid()'));
      t.text('kind').notNullable();
      t.text('namespace').notNullable();
      t.text('name').notNullable();
      t.jsonb('entity').notNullable();
      t.text('location_id');
      t.text('file').notNullable();
      t.text('commit');
      t.text('hash').notNullable();
      t.boolean('orphan').notNullable().defaultTo(false);
      t.text('search_text').notNullable().defaultTo('');
      t.timestamp('refreshed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.index(['location_id', 'file']);
      t.index(['kind', 'namespace', 'name']);
    });
    await knex.raw(`alter table catalog_entities add column search tsvector generated always as (to_tsvector('simple', search_text)) stored`);
    await knex.raw(`create index catalog_entities_search_idx on catalog_entities using gin (search)`);
    await knex.schema.createTable('catalog_relations', t => {
      t.text('originating_ref').notNullable();
      t.text('source_ref').notNullable();
      t.text('type').notNullable();
      t.text('target_ref').notNullable();
      t.index(['originating_ref']);
      t.index(['source_ref', 'type']);
      t.index(['target_ref', 'type']);
    });
    await knex.schema.createTable('catalog_errors', t => {
      t.bigIncrements('id');
      t.text('location_id').notNullable().references('id').inTable('catalog_locations').onDelete('CASCADE');
      t.text('file').notNullable();
      t.integer('line');
      t.text('entity_ref');
      t.text('type').notNullable();
      t.text('message').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.index(['location_id', 'file']);
      t.index(['entity_ref']);
    });
  },
};
