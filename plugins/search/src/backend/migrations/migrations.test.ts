import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations } from '@portal/backend-common';
import { createTestDatabase, describeSchema, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { SEARCH_MIGRATIONS_TABLE, searchMigrations } from './index.js';

describe.each(testDatabaseKinds())('search migrations on %s', kind => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  // The fixture is the schema these steps produce. A new step updates it (`vitest run -u`); a
  // change to what an existing step produces fails here, as databases that ran it would miss it.
  it('produce the recorded schema', async () => {
    db = await createTestDatabase(kind);
    await runMigrations(db.knex, { tableName: SEARCH_MIGRATIONS_TABLE, migrations: searchMigrations });
    const schema = await describeSchema(db.knex, { ignoreTables: [SEARCH_MIGRATIONS_TABLE, `${SEARCH_MIGRATIONS_TABLE}_lock`] });
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot('./__fixtures__/schema.json');
  });

  it('keep the step names stored in existing databases', () => {
    expect(searchMigrations.map(m => m.name)).toEqual(['0001_search_documents']);
  });
});
