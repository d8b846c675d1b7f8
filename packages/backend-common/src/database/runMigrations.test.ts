import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/index.js';
import { runMigrations, type Migration } from './runMigrations.js';

const migrations: Migration[] = [
  {
    name: '0001_widgets',
    up: async knex => {
      await knex.schema.createTable('demo_widgets', t => {
        t.text('id').primary();
        t.jsonb('body').notNullable();
      });
    },
  },
  {
    name: '0002_widget_names',
    up: async knex => {
      await knex.schema.alterTable('demo_widgets', t => t.text('name'));
    },
  },
];

describe.each(testDatabaseKinds())('runMigrations on %s', kind => {
  let db: TestDatabase;
  afterEach(async () => db?.destroy());

  it('runs pending migrations once, in order, recording them in the plugin table', async () => {
    db = await createTestDatabase(kind);
    await runMigrations(db.knex, { tableName: 'demo_migrations', migrations });
    await runMigrations(db.knex, { tableName: 'demo_migrations', migrations });
    await db.knex('demo_widgets').insert({ id: 'a', name: 'A', body: JSON.stringify({ x: 1 }) });
    const rows = await db.knex('demo_widgets').select();
    expect(rows).toEqual([{ id: 'a', name: 'A', body: { x: 1 } }]);
    const applied = await db.knex('demo_migrations').orderBy('id').pluck('name');
    expect(applied).toEqual(['0001_widgets', '0002_widget_names']);
  });

  it('isolates each test database in its own schema', async () => {
    db = await createTestDatabase(kind);
    const exists = await db.knex.schema.hasTable('demo_widgets');
    expect(exists).toBe(false);
  });
});
