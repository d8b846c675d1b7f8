import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '@portal/catalog-model';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { exampleOrg, startTestServer, withRelations, type TestServer } from './__fixtures__/testServer.js';
import { createStaticIdentityCatalog, type IdentityCatalog } from './identity/IdentityCatalog.js';

const REFRESH_MS = 1500;

/** A catalog whose entities the test changes while sessions last, as catalog ingestion would. */
function changingCatalog(initial: Entity[]): { catalog: IdentityCatalog; replace(entities: Entity[]): void } {
  let current = createStaticIdentityCatalog(initial);
  return {
    catalog: {
      findUserByEmail: email => current.findUserByEmail(email),
      findUserByName: name => current.findUserByName(name),
      getEntityByRef: ref => current.getEntityByRef(ref),
    },
    replace: entities => {
      current = createStaticIdentityCatalog(withRelations(entities));
    },
  };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(testDatabaseKinds())('ownership refreshed while a session lasts, on %s', kind => {
  let db: TestDatabase;
  let server: TestServer;
  const org = changingCatalog(exampleOrg());

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer({
      db,
      entities: [],
      catalog: org.catalog,
      config: { auth: { session: { refreshInterval: REFRESH_MS } }, permission: { admins: ['group:default/platform'] } },
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  const me = async (headers: Record<string, string>) => {
    const response = await fetch(`${server.url}/api/auth/me`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as { ownershipEntityRefs: string[]; isAdmin: boolean };
  };

  it('applies a removal from a group at the first request after the refresh interval', async () => {
    org.replace(exampleOrg());
    const jane = await server.signInAs('jane');
    const root = await server.signInAs('root');
    expect((await me(jane)).ownershipEntityRefs).toEqual(['user:default/jane', 'group:default/payments']);
    expect((await me(root)).isAdmin).toBe(true);

    // Jane leaves payments for search, and root leaves the admin group.
    org.replace(
      exampleOrg().map(e => {
        if (e.metadata.name === 'jane') return { ...e, spec: { ...e.spec, memberOf: ['search'] } };
        if (e.metadata.name === 'root') return { ...e, spec: { ...e.spec, memberOf: [] } };
        return e;
      }),
    );
    // Within the interval the session keeps what it resolved at sign-in.
    expect((await me(jane)).ownershipEntityRefs).toContain('group:default/payments');

    await sleep(REFRESH_MS + 100);
    expect((await me(jane)).ownershipEntityRefs).toEqual(['user:default/jane', 'group:default/search']);
    expect((await me(root)).isAdmin).toBe(false);
    const row = await db.knex('auth_sessions').where({ user_entity_ref: 'user:default/jane' }).first();
    expect(row.ownership_refs).toEqual(['user:default/jane', 'group:default/search']);
  });

  it('leaves a user who is gone from the catalog owning only itself', async () => {
    org.replace(exampleOrg());
    const sam = await server.signInAs('sam');
    expect((await me(sam)).ownershipEntityRefs).toEqual(['user:default/sam', 'group:default/search']);
    org.replace(exampleOrg().filter(e => e.metadata.name !== 'sam'));
    await sleep(REFRESH_MS + 100);
    expect((await me(sam)).ownershipEntityRefs).toEqual(['user:default/sam']);
  });
});
