import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { readConfig } from './config.js';

describe('${{ values.name }}', () => {
  it('answers the health checks', async () => {
    const app = createApp();
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    await request(app).get('/readyz').expect(200);
  });

  it('is not ready while starting or stopping', async () => {
    await request(createApp({ ready: false })).get('/readyz').expect(503);
  });

  it('greets by name', async () => {
    const response = await request(createApp()).get('/api/greetings/Ada').expect(200);
    expect(response.body.message).toBe('Hello, Ada!');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await request(createApp()).get('/nope').expect(404);
    expect(response.body.error.name).toBe('NotFoundError');
  });

  it('reads the port from the environment, with a default', () => {
    expect(readConfig({}).port).toBe(${{ values.port }});
    expect(readConfig({ PORT: '9000' }).port).toBe(9000);
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT/);
  });
});
