import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from './fetchJson.js';
import { ResponseError } from './ResponseError.js';

// A real server standing in for the backend: each route answers the way real ones do.
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, body: string, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      switch (req.url) {
        case '/api/echo':
          send(
            200,
            JSON.stringify({
              method: req.method,
              contentType: req.headers['content-type'] ?? null,
              accept: req.headers.accept ?? null,
              body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null,
            }),
          );
          return;
        case '/api/missing':
          send(
            404,
            JSON.stringify({
              error: { name: 'NotFoundError', message: 'No entity named component:default/nope' },
              request: { method: req.method, url: req.url },
              response: { statusCode: 404 },
            }),
          );
          return;
        case '/api/csrf':
          send(200, JSON.stringify({ token: req.headers['x-csrf-token'] ?? null }));
          return;
        case '/api/empty':
          res.writeHead(204);
          res.end();
          return;
        case '/api/gateway':
          send(502, '<html><body>Bad gateway</body></html>', 'text/html');
          return;
        default:
          send(500, 'upstream exploded', 'text/plain');
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

describe('fetchJson', () => {
  it('sends a JSON body and returns the parsed answer', async () => {
    const answer = await fetchJson<{ method: string; contentType: string; accept: string; body: unknown }>(`${baseUrl}/api/echo`, {
      method: 'POST',
      body: { type: 'url', target: 'https://example.com/catalog-info.yaml' },
    });
    expect(answer).toEqual({
      method: 'POST',
      contentType: 'application/json',
      accept: 'application/json',
      body: { type: 'url', target: 'https://example.com/catalog-info.yaml' },
    });
  });

  it('echoes the CSRF cookie in X-CSRF-Token on writes, not on reads', async () => {
    // The one browser global fetchJson reads; node has no document.
    const global = globalThis as { document?: { cookie: string } };
    global.document = { cookie: 'theme=dark; portal-csrf=abc%2Bdef; other=1' };
    try {
      expect(await fetchJson(`${baseUrl}/api/csrf`, { method: 'POST', body: {} })).toEqual({ token: 'abc+def' });
      expect(await fetchJson(`${baseUrl}/api/csrf`, { method: 'delete' })).toEqual({ token: 'abc+def' });
      expect(await fetchJson(`${baseUrl}/api/csrf`)).toEqual({ token: null });
      global.document = { cookie: '' };
      expect(await fetchJson(`${baseUrl}/api/csrf`, { method: 'POST' })).toEqual({ token: null });
    } finally {
      delete global.document;
    }
  });

  it('returns undefined for an empty answer', async () => {
    await expect(fetchJson<void>(`${baseUrl}/api/empty`, { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it("throws the backend's error name, message and status code", async () => {
    const error = await fetchJson(`${baseUrl}/api/missing`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      name: 'NotFoundError',
      message: 'No entity named component:default/nope',
      statusCode: 404,
      request: { method: 'GET', url: '/api/missing' },
    });
  });

  it('throws a readable ResponseError when the body is not the error shape', async () => {
    const text = await fetchJson(`${baseUrl}/api/other`).catch((e: unknown) => e);
    expect(text).toMatchObject({ name: 'ResponseError', statusCode: 500, message: '500 Internal Server Error: upstream exploded' });

    // HTML error pages are noise in a panel; only the status is kept.
    const html = await fetchJson(`${baseUrl}/api/gateway`).catch((e: unknown) => e);
    expect(html).toMatchObject({ name: 'ResponseError', statusCode: 502, message: '502 Bad Gateway' });
  });
});
