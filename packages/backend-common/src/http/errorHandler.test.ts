import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError, NotFoundError } from '../errors.js';
import { createLogger } from '../logging/createLogger.js';
import { errorHandler } from './errorHandler.js';
import { parseRequest } from './parseRequest.js';

function appThrowing(error: () => Error) {
  const app = express();
  app.use(express.json());
  app.post('/things', () => {
    throw error();
  });
  app.get('/things', req => {
    parseRequest(z.object({ limit: z.coerce.number().max(100) }), req.query, 'query');
    throw new Error('unreachable');
  });
  app.use(errorHandler(createLogger({ level: 'silent' })));
  return app;
}

describe('errorHandler', () => {
  it('renders an InputError’s fields as error.fields in the standard body', async () => {
    const app = appThrowing(() => new InputError('The values do not match', { fields: [{ path: '/name', message: 'is required' }] }));
    const res = await request(app).post('/things?x=1').send({});
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { name: 'InputError', message: 'The values do not match', fields: [{ path: '/name', message: 'is required' }] },
      request: { method: 'POST', url: '/things?x=1' },
      response: { statusCode: 400 },
    });
  });

  it('renders the problems parseRequest found', async () => {
    const res = await request(appThrowing(() => new Error())).get('/things?limit=500');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message: 'Invalid query: limit must be at most 100',
      fields: [{ path: 'limit', message: 'must be at most 100' }],
    });
  });

  it('leaves fields out when an error names none', async () => {
    for (const error of [new InputError('Bad'), new NotFoundError('No such thing')]) {
      const res = await request(appThrowing(() => error)).post('/things');
      expect(Object.keys(res.body.error)).toEqual(['name', 'message']);
    }
  });

  it('answers untyped errors with a 500 that tells nothing of them', async () => {
    const res = await request(appThrowing(() => new Error('secret detail'))).post('/things');
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({ name: 'Error', message: 'Internal server error' });
  });
});
