import type { Migration } from '@portal/backend-common';

export const secretsMigration: Migration = {
  name: '0001_secrets',
  async up(knex) {
    // Secrets the portal generates for itself, shared by every replica through the database.
    await knex.schema.createTable('auth_secrets', table => {
      table.text('name').primary();
      table.text('value').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    });
  },
};
