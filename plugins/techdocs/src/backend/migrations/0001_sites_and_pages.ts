import type { Migration } from '@portal/backend-common';

export const sitesAndPagesMigration: Migration = {
  name: '0001_sites_and_pages',
  async up(knex) {
    // One row per rendered version of an entity's docs; pages hang off it.
    await knex.schema.createTable('techdocs_sites', t => {
      t.text('entity_ref').notNullable();
      t.text('version').notNullable();
      t.jsonb('site').notNullable();
      t.timestamp('built_at', { useTz: true }).notNullable();
      t.primary(['entity_ref', 'version']);
    });
    await knex.schema.createTable('techdocs_pages', t => {
      t.text('entity_ref').notNullable();
      t.text('version').notNullable();
      t.text('path').notNullable();
      t.jsonb('page').notNullable();
      t.text('search_text').notNullable();
      t.primary(['entity_ref', 'version', 'path']);
      t.foreign(['entity_ref', 'version']).references(['entity_ref', 'version']).inTable('techdocs_sites').onDelete('CASCADE');
    });
  },
};
