import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { component, createTestCatalog, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

describe.each(testDatabaseKinds())('catalog routes on %s', kind => {
  let catalog: TestCatalog;
  afterEach(async () => catalog?.db.destroy());

  it('needs credentials for writes, validates input and answers errors in the standard shape', async () => {
    catalog = await createTestCatalog({ kind });
    const target = path.join(writeFiles(tempDir(), { 'catalog-info.yaml': component('routed') }), 'catalog-info.yaml');
    const anonymous = await catalog.request.post('/api/catalog/locations').send({ type: 'file', target });
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

    const created = await catalog.request.post('/api/catalog/locations').set(catalog.auth).send({ type: 'file', target });
    expect(created.status).toBe(201);
    expect(created.body.location).toEqual({ id: expect.any(String), type: 'file', target });
    const again = await catalog.request.post('/api/catalog/locations').set(catalog.auth).send({ type: 'file', target });
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

  it('serves Prometheus metrics from its registry', async () => {
    catalog = await createTestCatalog({ kind });
    const target = path.join(writeFiles(tempDir(), { 'catalog-info.yaml': component('measured') }), 'catalog-info.yaml');
    await catalog.plugin.client.addLocation({ type: 'file', target });
    const text = await catalog.plugin.metricsRegistry.metrics();
    expect(text).toMatch(/catalog_entities 1/);
    expect(text).toMatch(/catalog_location_refresh_duration_seconds_count\{outcome="changed"\} 1/);
    expect(text).toMatch(/catalog_entities_written_total 1/);
  });
});
