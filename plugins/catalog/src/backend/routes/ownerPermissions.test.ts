import path from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpAuth, createLogger, createPermissionPolicy, createPermissions, errorHandler, notFoundHandler } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { GitReader } from '@portal/git';
import { component, locationEntity, tempDir, writeFiles } from '../__fixtures__/testCatalog.js';
import { createCatalogPlugin, type CatalogPlugin } from '../createCatalogPlugin.js';

const TOKEN = 'owner-test-token-123';

/**
 * The catalog's real write routes with the default permission policy. People are stood in for by
 * a test header naming the user and the groups they belong to, as a session cookie would.
 */
async function createCatalog(
  db: TestDatabase,
  rules: NonNullable<Parameters<typeof createPermissionPolicy>[0]>['rules'] = { 'catalog.entity.refresh': 'owners' },
): Promise<{ plugin: CatalogPlugin; request: supertest.Agent }> {
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: TOKEN, subject: 'tester' } }] });
  httpAuth.addResolver(req => {
    const header = req.headers['x-test-user'];
    if (typeof header !== 'string') return undefined;
    const [user, ...groups] = header.split(' ');
    return { type: 'user', userEntityRef: user!, ownershipEntityRefs: [user!, ...groups] };
  });
  // Unregistering is for owners by default; refreshing is for anyone signed in unless config narrows it.
  const policy = createPermissionPolicy({ admins: ['group:default/admins'], rules });
  const permissions = createPermissions({ httpAuth, policy });
  const plugin = await createCatalogPlugin({
    config: { catalog: { refreshInterval: '1h' } },
    knex: db.knex,
    logger: createLogger({ level: 'silent' }),
    httpAuth,
    baseUrl: 'http://localhost:7007',
    serviceToken: 'unused-service-token',
    gitReader: new GitReader({ cacheDir: tempDir('catalog-cache-'), integrations: [] }),
    permissions,
  });
  const logger = createLogger({ level: 'silent' });
  const app = express();
  app.use('/api/catalog', httpAuth.middleware, plugin.router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { plugin, request: supertest.agent(app) };
}

describe.each(testDatabaseKinds())('owner permissions on the catalog write routes, on %s', kind => {
  let db: TestDatabase;
  let plugin: CatalogPlugin | undefined;
  afterEach(async () => {
    await plugin?.stop?.();
    await db?.destroy();
  });

  it('lets the owning team and admins unregister and refresh, and refuses others naming the rule', async () => {
    db = await createTestDatabase(kind);
    const catalog = await createCatalog(db);
    plugin = catalog.plugin;
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./a.yaml', './b.yaml']),
      'a.yaml': component('a', { owner: 'team-a' }),
      'b.yaml': component('b', { owner: 'group:default/team-a' }),
    });
    // A file location, registered in-process: the API registers url locations only.
    const created = await catalog.plugin.client.addLocation({ type: 'file', target: path.join(dir, 'catalog-info.yaml') }, { allowFile: true });
    const id = created.location.id;

    const asStranger = { 'x-test-user': 'user:default/sam group:default/team-b' };
    const refusedRefresh = await catalog.request.post('/api/catalog/refresh').set(asStranger).send({ entityRef: 'component:default/a' });
    expect(refusedRefresh.status).toBe(403);
    expect(refusedRefresh.body.error.message).toContain('owned by group:default/team-a');
    expect(refusedRefresh.body.error.message).toContain('permission.rules.catalog.entity.refresh: owners');
    const anonymous = await catalog.request.delete(`/api/catalog/locations/${id}`);
    expect(anonymous.status).toBe(401);
    const refusedDelete = await catalog.request.delete(`/api/catalog/locations/${id}`).set(asStranger);
    expect(refusedDelete.status).toBe(403);
    expect(refusedDelete.body.error.message).toContain('permission.rules.catalog.location.delete: owners');

    const asOwner = { 'x-test-user': 'user:default/ann group:default/team-a' };
    expect((await catalog.request.post('/api/catalog/refresh').set(asOwner).send({ entityRef: 'component:default/a' })).status).toBe(200);
    const asAdmin = { 'x-test-user': 'user:default/root group:default/admins' };
    expect((await catalog.request.post('/api/catalog/refresh').set(asAdmin).send({ entityRef: 'component:default/b' })).status).toBe(200);
    expect((await catalog.request.delete(`/api/catalog/locations/${id}`).set(asOwner)).status).toBe(204);
    expect((await catalog.request.get('/api/catalog/entities/by-name/component/default/a')).status).toBe(404);
  });

  it('lists locations with their errors to admins, and to owners only those of their entities', async () => {
    db = await createTestDatabase(kind);
    const catalog = await createCatalog(db);
    plugin = catalog.plugin;
    const dir = writeFiles(tempDir(), { 'a.yaml': component('a', { owner: 'team-a' }), 'b.yaml': component('b', { owner: 'team-b' }) });
    const register = async (file: string) =>
      (await catalog.plugin.client.addLocation({ type: 'file', target: path.join(dir, file) }, { allowFile: true })).location;
    const a = await register('a.yaml');
    const b = await register('b.yaml');
    // Its file is missing: nobody owns what it brought in, since it brought in nothing.
    const broken = await register('nope.yaml');

    expect((await catalog.request.get('/api/catalog/location-summaries')).status).toBe(401);

    const asAdmin = { 'x-test-user': 'user:default/root group:default/admins' };
    const all = await catalog.request.get('/api/catalog/location-summaries').set(asAdmin);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ scope: 'all', totalItems: 3 });
    expect(all.body.items.map((l: { id: string }) => l.id)).toEqual([a.id, b.id, broken.id]);
    expect(all.body.items[2]).toEqual({
      ...broken,
      origin: 'api',
      lastCommit: null,
      lastRefreshAt: expect.any(String),
      refreshing: false,
      entityCount: 0,
      errorCount: 1,
      filesWithErrors: 1,
      canUnregister: true,
    });
    expect(all.body.items[0]).toMatchObject({ entityCount: 2, errorCount: 0, canUnregister: true });
    const paged = await catalog.request.get('/api/catalog/location-summaries?limit=1&offset=1').set(asAdmin);
    expect(paged.body).toMatchObject({ totalItems: 3, items: [{ id: b.id }] });
    expect((await catalog.request.get('/api/catalog/location-summaries?limit=0').set(asAdmin)).status).toBe(400);

    const asOwner = { 'x-test-user': 'user:default/ann group:default/team-a' };
    const owned = await catalog.request.get('/api/catalog/location-summaries').set(asOwner);
    expect(owned.body).toMatchObject({ scope: 'owned', totalItems: 1, items: [{ id: a.id, canUnregister: true }] });
    const asNobody = { 'x-test-user': 'user:default/sam' };
    expect((await catalog.request.get('/api/catalog/location-summaries').set(asNobody)).body).toEqual({ scope: 'owned', totalItems: 0, items: [] });
    // What someone registered is theirs to see, even when it brought in nothing they own.
    const samsOwn = (
      await catalog.plugin.client.addLocation(
        { type: 'file', target: path.join(dir, 'also-missing.yaml') },
        { allowFile: true, registeredBy: 'user:default/sam' },
      )
    ).location;
    const samSees = await catalog.request.get('/api/catalog/location-summaries').set(asNobody);
    expect(samSees.body).toMatchObject({ scope: 'owned', totalItems: 1, items: [{ id: samsOwn.id, errorCount: 1, canUnregister: false }] });

    // The broken location has no Location entity stored, yet its generated ref refreshes it.
    expect((await catalog.request.post('/api/catalog/refresh').set(asAdmin).send({ entityRef: broken.entityRef })).status).toBe(200);
    expect((await catalog.request.post('/api/catalog/refresh').set(asAdmin).send({ entityRef: 'location:default/generated-0000' })).status).toBe(404);
  });

  it('keeps reads public by default, and behind sign-in when catalog.entity.read is anyone', async () => {
    db = await createTestDatabase(kind);
    const open = await createCatalog(db);
    plugin = open.plugin;
    expect((await open.request.get('/api/catalog/entities/by-query')).status).toBe(200);
    await plugin.stop?.();

    const closed = await createCatalog(db, { 'catalog.entity.read': 'anyone' });
    plugin = closed.plugin;
    const anonymous = await closed.request.get('/api/catalog/entities/by-query');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toContain('Sign in to read the catalog');
    expect((await closed.request.post('/api/catalog/entities/by-refs').send({ entityRefs: [] })).status).toBe(401);
    const asUser = { 'x-test-user': 'user:default/ann group:default/team-a' };
    expect((await closed.request.get('/api/catalog/entities/by-query').set(asUser)).status).toBe(200);
    expect((await closed.request.get('/api/catalog/locations').set(asUser)).status).toBe(200);
  });
});
