import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { startBackend, type RunningBackend } from './startBackend.js';
import { isolatedConfigLines, makeTempConfig } from './testing.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the backend server', () => {
  let backend: RunningBackend;
  let distDir: string;

  beforeAll(async () => {
    const { dir, file } = makeTempConfig('');
    fs.writeFileSync(
      file,
      [
        ...isolatedConfigLines(dir, {
          backend: ['auth:', '  externalAccess:', '    - type: static', '      options: { token: "${TEST_TOKEN}", subject: test-script }'],
        }),
        'examples: { seed: false }',
      ].join('\n'),
    );
    distDir = path.join(dir, 'dist');
    fs.mkdirSync(path.join(distDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Portal</title><div id="root"></div>');
    fs.writeFileSync(path.join(distDir, 'assets', 'app-1234.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
    backend = await startBackend({
      argv: ['--config', file],
      cwd: repoRoot,
      env: { ...process.env, TEST_TOKEN: 'secret-test-token', PORT: '' },
      logger: createLogger({ level: 'silent' }),
      appDistDir: distDir,
    });
  });
  afterAll(async () => backend?.shutdown());

  it('answers health and readiness once migrations are done', async () => {
    expect((await fetch(`${backend.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${backend.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('answers unknown API routes with the standard error shape', async () => {
    const res = await fetch(`${backend.url}/api/nothing/here?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { name: 'NotFoundError', message: 'No route for GET /api/nothing/here?x=1' },
      request: { method: 'GET', url: '/api/nothing/here?x=1' },
      response: { statusCode: 404 },
    });
  });

  it('refuses an unknown bearer token and accepts a configured one', async () => {
    const bad = await fetch(`${backend.url}/api/nothing`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.name).toBe('AuthenticationError');
    const good = await fetch(`${backend.url}/api/nothing`, { headers: { authorization: 'Bearer secret-test-token' } });
    expect(good.status).toBe(404);
  });

  it('mounts the git host: its API and smart HTTP need credentials', async () => {
    expect((await fetch(`${backend.url}/api/git/repos`)).status).toBe(401);
    const created = await fetch(`${backend.url}/api/git/repos`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'acme', name: 'payments', description: 'Takes money' }),
    });
    expect(created.status).toBe(201);
    const refs = await fetch(`${backend.url}/git/acme/payments.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${Buffer.from('x:secret-test-token').toString('base64')}` },
    });
    expect(refs.status).toBe(200);
    expect(refs.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
    const anonymous = await fetch(`${backend.url}/git/acme/payments.git/info/refs?service=git-upload-pack`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
  });

  it('rejects malformed JSON bodies with a 400 in the standard shape, and anonymous bodies unread', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${backend.url}/api/catalog/locations`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"broken":' });
    const res = await post({ authorization: 'Bearer secret-test-token' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.response.statusCode).toBe(400);
    expect(body.error.message).not.toMatch(/at .*\.js/);
    // Without credentials the body is refused before it is parsed: 401, not the parser's 400.
    const anonymous = await post({});
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.name).toBe('AuthenticationError');
  });

  it('sends security headers and a request id', async () => {
    const res = await fetch(`${backend.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the app with history fallback so deep links survive a reload', async () => {
    for (const url of ['/', '/catalog/default/component/payments', '/docs/default/component/x/page']) {
      const res = await fetch(`${backend.url}${url}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets compressed and cached, and 404s missing ones', async () => {
    const res = await fetch(`${backend.url}/assets/app-1234.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${backend.url}/assets/nope.js`);
    expect(missing.status).toBe(404);
  });
});
