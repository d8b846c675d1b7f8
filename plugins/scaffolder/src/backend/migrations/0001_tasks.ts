import type { Migration } from '@portal/backend-common';

export const tasksMigration: Migration = {
  name: '0001_tasks',
  async up(knex) {
    await knex.schema.createTable('scaffolder_tasks', table => {
      table.uuid('id').primary();
      table.jsonb('spec').notNullable();
      table.jsonb('secrets');
      table.text('status').notNullable().defaultTo('open');
      table.text('created_by').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.text('claimed_by');
      table.timestamp('heartbeat_at', { useTz: true });
      table.boolean('cancel_requested').notNullable().defaultTo(false);
      table.integer('attempts').notNullable().defaultTo(0);
      table.jsonb('state').notNullable().defaultTo('{}');
      table.jsonb('output');
      table.jsonb('error');
      table.timestamp('completed_at', { useTz: true });
      table.index(['status', 'created_at']);
      table.index(['created_by', 'created_at']);
    });
    await knex.raw(
      `alter table scaffolder_tasks add constraint scaffolder_tasks_status_check check (status in ('open', 'processing', 'completed', 'failed', 'cancelled'))`,
    );
    await knex.schema.createTable('scaffolder_task_events', table => {
      table.bigIncrements('id').primary();
      table.uuid('task_id').notNullable().references('id').inTable('scaffolder_tasks').onDelete('CASCADE');
      table.text('type').notNullable();
      table.jsonb('body').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      table.index(['task_id', 'id']);
    });
  },
};
