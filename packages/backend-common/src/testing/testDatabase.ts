import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';

export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  kind: TestDatabaseKind;
  knex: Knex;
  /** Drops the test's schema and closes its connections. */
  destroy(): Promise<void>;
}

/**
 * The databases every database test runs on: always PGlite, and the Postgres server named by
 * `PORTAL_TEST_DATABASE_URL` when it is set (CI sets it). Use with `describe.each`.
 */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.PORTAL_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

// A fresh PGlite takes seconds to initialise, so each test worker shares one in-memory instance
// and isolates tests by schema. Tests in a worker run one at a time, so sharing the single PGlite
// session (and its search_path) is safe.
let sharedPglite: Promise<PGlite> | undefined;

class SharedPgLiteClient extends (ClientPgLite as unknown as typeof Knex.Client) {
  // The instance outlives every test's knex: closing one test's knex must not close it.
  override async destroyRawConnection(): Promise<void> {}
}

/** A fresh, empty schema on the given database, with a knex whose search_path points at it. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  if (kind === 'pglite') {
    sharedPglite ??= PGlite.create({ extensions: { pg_trgm } });
    const pglite = await sharedPglite;
    await pglite.exec(`create schema ${schema}`);
    const knex = knexFactory({
      client: SharedPgLiteClient,
      dialect: 'postgres',
      connection: () => ({ pglite }) as object,
      searchPath: [schema],
    } as Knex.Config);
    return {
      kind,
      knex,
      destroy: async () => {
        await knex.destroy();
        await pglite.exec(`drop schema if exists ${schema} cascade`);
      },
    };
  }
  const url = process.env.PORTAL_TEST_DATABASE_URL;
  if (!url) throw new Error('PORTAL_TEST_DATABASE_URL is not set');
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const knex = knexFactory({ client: 'pg', connection: url, searchPath: [schema], pool: { min: 0, max: 10 } });
  return {
    kind,
    knex,
    destroy: async () => {
      await knex.raw(`drop schema if exists ${schema} cascade`);
      await knex.destroy();
    },
  };
}
