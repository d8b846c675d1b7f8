import type { Migration } from '@portal/backend-common';

export const personalTokensMigration: Migration = {
  name: '0003_personal_tokens',
  async up(knex) {
    // Personal access tokens: only a hash of each is kept, so a copy of the database grants nothing.
    await knex.schema.createTable('auth_personal_tokens', table => {
      table.text('id').primary();
      table.text('user_entity_ref').notNullable();
      table.text('name').notNullable();
      table.text('token_hash').notNullable().unique();
      table.text('scope').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.timestamp('expires_at', { useTz: true }).notNullable();
      table.timestamp('last_used_at', { useTz: true });
      table.timestamp('revoked_at', { useTz: true });
      // A person's list of tokens.
      table.index(['user_entity_ref']);
    });
  },
};
