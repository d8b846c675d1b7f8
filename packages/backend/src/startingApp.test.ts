import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { startingApp } from './startBackend.js';

describe('startingApp', () => {
  const logger = createLogger({ level: 'silent' });

  it('answers /healthz while the server starts', async () => {
    const res = await request(startingApp({ migrated: false, shuttingDown: false }, logger)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers everything else with 503 in the standard error shape, saying whether migrations are done', async () => {
    const migrating = await request(startingApp({ migrated: false, shuttingDown: false }, logger)).get('/api/catalog/entities?x=1');
    expect(migrating.status).toBe(503);
    expect(migrating.body).toEqual({
      error: { name: 'ServiceUnavailableError', message: 'The server is starting: database migrations have not finished' },
      request: { method: 'GET', url: '/api/catalog/entities?x=1' },
      response: { statusCode: 503 },
    });
    const migrated = await request(startingApp({ migrated: true, shuttingDown: false }, logger)).post('/api/scaffolder/v2/tasks');
    expect(migrated.status).toBe(503);
    expect(migrated.body.error).toEqual({ name: 'ServiceUnavailableError', message: 'The server is starting' });
  });
});
