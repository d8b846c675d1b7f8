import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations } from '@portal/backend-common';
import { createTestDatabase, describeSchema, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { AUTH_MIGRATIONS_TABLE, authMigrations } from './index.js';

/** Runs the auth steps up to and including `last`, or all of them. */
async function migrate(knex: Knex, last?: string): Promise<void> {
  const migrations = last === undefined ? authMigrations : authMigrations.filter(m => m.name <= last);
  await runMigrations(knex, { tableName: AUTH_MIGRATIONS_TABLE, migrations });
}

async function schemaOf(knex: Knex) {
  return describeSchema(knex, { ignoreTables: [AUTH_MIGRATIONS_TABLE, `${AUTH_MIGRATIONS_TABLE}_lock`] });
}

describe.each(testDatabaseKinds())('auth migrations on %s', kind => {
  const databases: TestDatabase[] = [];
  const database = async () => {
    const db = await createTestDatabase(kind);
    databases.push(db);
    return db.knex;
  };
  afterEach(async () => {
    for (const db of databases.splice(0)) await db.destroy();
  });

  // The fixture is the schema these steps produce. A new step updates it (`vitest run -u`); a
  // change to what an existing step produces fails here, as databases that ran it would miss it.
  it('produce the recorded schema', async () => {
    const knex = await database();
    await migrate(knex);
    await expect(`${JSON.stringify(await schemaOf(knex), null, 2)}\n`).toMatchFileSnapshot('./__fixtures__/schema.json');
  });

  it('keep the step names stored in existing databases', () => {
    expect(authMigrations.map(m => m.name)).toEqual(['0001_secrets', '0002_sessions', '0003_personal_tokens']);
  });

  it('upgrade a database of the last release and keep its secrets', async () => {
    const fresh = await database();
    await migrate(fresh);
    const knex = await database();
    // The last release had the secrets table only.
    await migrate(knex, '0001_secrets');
    await knex('auth_secrets').insert({ name: 'session-signing-key', value: 'c2VjcmV0' });

    await migrate(knex);

    expect(await schemaOf(knex)).toEqual(await schemaOf(fresh));
    expect(await knex('auth_secrets').select('name', 'value')).toEqual([{ name: 'session-signing-key', value: 'c2VjcmV0' }]);
    expect(await knex('auth_sessions').count({ n: '*' }).first()).toEqual({ n: kind === 'postgres' ? '0' : 0 });
  });

  it('upgrade a database with sessions and keep them', async () => {
    const fresh = await database();
    await migrate(fresh);
    const knex = await database();
    // The release before personal tokens had secrets and sessions.
    await migrate(knex, '0002_sessions');
    const now = new Date();
    await knex('auth_sessions').insert({
      id: 's1',
      user_entity_ref: 'user:default/jane',
      ownership_refs: JSON.stringify(['user:default/jane']),
      membership_refs: JSON.stringify(['user:default/jane']),
      expires_at: now,
      resolved_at: now,
    });

    await migrate(knex);

    expect(await schemaOf(knex)).toEqual(await schemaOf(fresh));
    expect(await knex('auth_sessions').pluck('id')).toEqual(['s1']);
    expect(await knex('auth_personal_tokens').count({ n: '*' }).first()).toEqual({ n: kind === 'postgres' ? '0' : 0 });
  });
});
