import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations } from '@portal/backend-common';
import { createTestDatabase, describeSchema, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { authMigrations } from '../migrations.js';

describe.each(testDatabaseKinds())('auth migrations on %s', kind => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  // The fixture is the schema these steps produce. A new step updates it (`vitest run -u`); a
  // change to what an existing step produces fails here, as databases that ran it would miss it.
  it('produce the recorded schema', async () => {
    db = await createTestDatabase(kind);
    await runMigrations(db.knex, { tableName: 'auth_migrations', migrations: authMigrations });
    const schema = await describeSchema(db.knex, { ignoreTables: ['auth_migrations', `${'auth_migrations'}_lock`] });
    await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot('./__fixtures__/schema.json');
  });
});
