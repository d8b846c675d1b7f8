// Prints what a session cookie costs per request: signing at sign-in, checking on every API call,
// and a whole authenticated request (cookie → resolver → CSRF check → policy) over HTTP.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpAuth, createPermissions, errorHandler, createLogger } from '@portal/backend-common';
import { CSRF_COOKIE, SESSION_COOKIE } from '../src/common/index.js';
import { sessionCookieResolver } from '../src/backend/session/cookieResolver.js';
import { SessionTokens } from '../src/backend/session/sessionToken.js';

const tokens = new SessionTokens('a-benchmark-session-secret-of-enough-length');
const ownership = ['user:default/jane-doe', 'group:default/platform-team', 'group:default/engineering', 'group:default/acme'];
const session = tokens.create({ userEntityRef: 'user:default/jane-doe', ownershipEntityRefs: ownership, displayName: 'Jane Doe' }, 3_600_000);
const cookie = tokens.sign(session);

function rate(label: string, iterations: number, fn: () => void) {
  for (let i = 0; i < 1000; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(44)} ${Math.round(iterations / seconds).toLocaleString('en').padStart(10)} /s  ${((seconds / iterations) * 1e6).toFixed(1)} µs each`);
}

rate('sign a session cookie', 100_000, () => tokens.sign(session));
rate('verify a session cookie', 100_000, () => {
  if (!tokens.verify(cookie).ok) throw new Error('verification failed');
});
rate('verify a forged cookie (refused)', 100_000, () => tokens.verify(`${cookie.slice(0, -2)}xx`));

const httpAuth = createHttpAuth({ externalAccess: [] });
const app = express();
app.use(httpAuth.middleware);
const permissions = createPermissions({ httpAuth });
httpAuth.addResolver(sessionCookieResolver({ tokens, baseUrl: 'http://127.0.0.1' }));
app.post('/write', (req, res) => {
  permissions.requirePermission(req, 'catalog.entity.delete', { ownerRefs: ['group:default/platform-team'] });
  res.status(204).end();
});
app.post('/open', (_req, res) => {
  res.status(204).end();
});
app.use(errorHandler(createLogger({ level: 'silent' })));
const server = http.createServer(app);
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const headers = { cookie: `${SESSION_COOKIE}=${cookie}; ${CSRF_COOKIE}=${tokens.csrfToken(session)}`, 'x-csrf-token': tokens.csrfToken(session) };

async function requests(label: string, path: string, init: RequestInit, count = 5000, concurrency = 16) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const response = await fetch(`${url}${path}`, init);
        if (response.status !== 204) throw new Error(`${label}: ${response.status}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label.padEnd(44)} ${Math.round(count / seconds).toLocaleString('en').padStart(10)} /s  (${count} requests, ${concurrency} at a time)`);
}

await requests('HTTP POST without credentials (baseline)', '/open', { method: 'POST' });
await requests('HTTP POST, cookie + CSRF + owner policy', '/write', { method: 'POST', headers });
server.close();
