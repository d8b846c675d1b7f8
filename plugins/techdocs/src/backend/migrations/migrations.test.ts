import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations } from '@portal/backend-common';
import { createTestDatabase, describeSchema, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { TECHDOCS_MIGRATIONS_TABLE, techdocsMigrations } from './index.js';

describe.each(testDatabaseKinds())('techdocs migrations on %s', kind => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  // The fixture is the schema these steps produce. A new step updates it (`vitest run -u`); a
  // change to what an existing step produces fails here, as databases that ran it would miss it.
  it('produce the recorded schema', async () => {
    db = await createTestDatabase(kind);
    await runMigrations(db.knex, { tableName: TECHDOCS_MIGRATIONS_TABLE, migrations: techdocsMigrations });
    const schema = await describeSchema(db.knex, { ignoreTables: [TECHDOCS_MIGRATIONS_TABLE, `${TECHDOCS_MIGRATIONS_TABLE}_lock`] });
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot('./__fixtures__/schema.json');
  });

  it('keep the step names stored in existing databases', () => {
    expect(techdocsMigrations.map(m => m.name)).toEqual(['0001_sites_and_pages']);
  });
});
