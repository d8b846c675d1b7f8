import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../http/errorHandler.js';
import { createLogger } from '../logging/createLogger.js';
import { createHttpAuth } from './httpAuth.js';

function appWithTokens() {
  const httpAuth = createHttpAuth({
    externalAccess: [
      { type: 'static', options: { token: 'write-token-123', subject: 'ci' } },
      { type: 'static', options: { token: 'read-token-123', subject: 'reader', access: 'read' } },
    ],
  });
  const app = express();
  app.use(httpAuth.middleware);
  app.get('/who', (req, res) => {
    res.json(httpAuth.requireCredentials(req));
  });
  app.use(errorHandler(createLogger({ level: 'silent' })));
  return app;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('staticTokenResolver', () => {
  it('accepts a bearer token', async () => {
    const res = await request(appWithTokens()).get('/who').set('Authorization', 'Bearer write-token-123');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 'service', subject: 'ci' });
  });

  it('accepts HTTP Basic with the token as password and any user name', async () => {
    const res = await request(appWithTokens()).get('/who').set('Authorization', basic('someone', 'read-token-123'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 'service', subject: 'reader', access: 'read' });
  });

  it('refuses unknown tokens in either form, and anonymous requests to protected routes', async () => {
    const app = appWithTokens();
    expect((await request(app).get('/who').set('Authorization', 'Bearer nope-nope-nope')).status).toBe(401);
    expect((await request(app).get('/who').set('Authorization', basic('ci', 'nope-nope-nope'))).status).toBe(401);
    expect((await request(app).get('/who').set('Authorization', basic('write-token-123', ''))).status).toBe(401);
    expect((await request(app).get('/who').set('Authorization', 'Digest abc')).status).toBe(401);
    expect((await request(app).get('/who')).status).toBe(401);
  });
});
