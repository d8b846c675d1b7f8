import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { commitAndPush } from '@portal/git';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { component, createTestCatalog, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

describe.each(testDatabaseKinds())('catalog routes on %s', kind => {
  let host: TestGitHost;
  let catalog: TestCatalog;
  beforeAll(async () => {
    host = await startTestGitHost();
  });
  afterAll(async () => host?.close());
  afterEach(async () => catalog?.db.destroy());

  /** A repository on the test host holding one Component; returns the URL of its catalog file. */
  async function repositoryWith(name: string): Promise<string> {
    const repo = await host.host.createRepository({ owner: 'acme', name: `${name}-${kind}` });
    const dir = writeFiles(tempDir(), { 'catalog-info.yaml': component(name) });
    await commitAndPush({ dir, remoteUrl: repo.cloneUrl, token: host.writeToken, message: 'add', author: { name: 'Dev', email: 'dev@example.com' } });
    return `${host.baseUrl}/git/acme/${name}-${kind}/blob/main/catalog-info.yaml`;
  }

  it('needs credentials for writes, validates input and answers errors in the standard shape', async () => {
    catalog = await createTestCatalog({ kind, gitReader: host.createReader() });
    const target = await repositoryWith('routed');
    const anonymous = await catalog.request.post('/api/catalog/locations').send({ type: 'url', target });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      error: { name: 'AuthenticationError', message: expect.any(String) },
      request: { method: 'POST', url: '/api/catalog/locations' },
      response: { statusCode: 401 },
    });
    await catalog.request.post('/api/catalog/refresh').send({ entityRef: 'component:routed' }).expect(401);
    await catalog.request.delete('/api/catalog/locations/x').expect(401);

    const bad = await catalog.request.post('/api/catalog/locations').set(catalog.auth).send({ type: 'ftp', target });
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');

    const created = await catalog.request.post('/api/catalog/locations').set(catalog.auth).send({ type: 'url', target });
    expect(created.status).toBe(201);
    expect(created.body.location).toEqual({
      id: expect.any(String),
      type: 'url',
      target,
      entityRef: expect.stringMatching(/^location:default\/generated-[0-9a-f]{40}$/),
    });
    const again = await catalog.request.post('/api/catalog/locations').set(catalog.auth).send({ type: 'url', target });
    expect(again.status).toBe(409);

    const list = await catalog.request.get('/api/catalog/locations');
    expect(list.body).toEqual([{ data: created.body.location }]);
    expect((await catalog.request.get(`/api/catalog/locations/${created.body.location.id}`)).body).toEqual(created.body.location);

    const missing = await catalog.request.get('/api/catalog/entities/by-name/component/default/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    await catalog.request.get('/api/catalog/entities/by-uid/not-a-uuid').expect(400);
    await catalog.request.post('/api/catalog/refresh').set(catalog.auth).send({ entityRef: 'component:nope' }).expect(404);
    await catalog.request.post('/api/catalog/refresh').set(catalog.auth).send({ entityRef: 'component:routed' }).expect(200);
  });

  it('refuses file locations, registered or dry run, without reading the file or storing anything', async () => {
    catalog = await createTestCatalog({ kind });
    // A file that exists and would ingest cleanly, so only the refusal can explain an empty catalog.
    const target = path.join(writeFiles(tempDir(), { 'catalog-info.yaml': component('on-disk') }), 'catalog-info.yaml');
    for (const url of ['/api/catalog/locations', '/api/catalog/locations?dryRun=true']) {
      const refused = await catalog.request.post(url).set(catalog.auth).send({ type: 'file', target });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toEqual({
        name: 'InputError',
        message: expect.stringContaining('file locations can only be configured in catalog.locations'),
      });
    }
    expect(await catalog.db.knex('catalog_locations').select('id')).toEqual([]);
    expect(await catalog.db.knex('catalog_errors').select('id')).toEqual([]);
    expect(await catalog.db.knex('catalog_entities').select('entity_ref')).toEqual([]);

    // In-process callers that do not ask for file locations (a scaffolder task) are refused too.
    await expect(catalog.plugin.client.addLocation({ type: 'file', target })).rejects.toMatchObject({ name: 'InputError' });
    expect(await catalog.db.knex('catalog_locations').select('id')).toEqual([]);
  });

  it('serves Prometheus metrics from its registry', async () => {
    catalog = await createTestCatalog({ kind });
    const target = path.join(writeFiles(tempDir(), { 'catalog-info.yaml': component('measured') }), 'catalog-info.yaml');
    await catalog.plugin.client.addLocation({ type: 'file', target }, { allowFile: true });
    const text = await catalog.plugin.metricsRegistry.metrics();
    // The component and the Location entity generated for its location.
    expect(text).toMatch(/catalog_entities 2/);
    expect(text).toMatch(/catalog_location_refresh_duration_seconds_count\{outcome="changed"\} 1/);
    expect(text).toMatch(/catalog_entities_written_total 2/);
  });
});
