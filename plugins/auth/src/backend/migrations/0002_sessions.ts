import type { Migration } from '@portal/backend-common';

export const sessionsMigration: Migration = {
  name: '0002_sessions',
  async up(knex) {
    // Server-side sessions: the cookie names a row, so a sign-out is honoured by every replica
    // and ownership can be re-read from the catalog while the session lasts.
    await knex.schema.createTable('auth_sessions', table => {
      table.text('id').primary();
      table.text('user_entity_ref').notNullable();
      table.jsonb('ownership_refs').notNullable();
      table.jsonb('membership_refs').notNullable();
      table.text('display_name');
      table.text('email');
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.timestamp('expires_at', { useTz: true }).notNullable();
      table.timestamp('resolved_at', { useTz: true }).notNullable();
      table.timestamp('revoked_at', { useTz: true });
      // For the clean-up of expired rows.
      table.index(['expires_at']);
    });
  },
};
