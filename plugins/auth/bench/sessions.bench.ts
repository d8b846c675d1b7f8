// Prints what a session cookie costs per request: signing at sign-in, checking the cookie, finding
// its session (in this replica's memory, or in the database), and a whole authenticated request
// (cookie → resolver → CSRF check → session → policy) over HTTP.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createHttpAuth, createPermissions, errorHandler, createLogger, runMigrations } from '@portal/backend-common';
import { createTestDatabase } from '@portal/backend-common/testing';
import { CSRF_COOKIE, SESSION_COOKIE } from '../src/common/index.js';
import { createStaticIdentityCatalog } from '../src/backend/identity/IdentityCatalog.js';
import { AUTH_MIGRATIONS_TABLE, authMigrations } from '../src/backend/migrations/index.js';
import { sessionCookieResolver } from '../src/backend/session/cookieResolver.js';
import { SessionStore } from '../src/backend/session/SessionStore.js';
import { SessionTokens } from '../src/backend/session/sessionToken.js';

// PORTAL_TEST_DATABASE_URL runs it against that Postgres server instead.
const db = await createTestDatabase(process.env.PORTAL_TEST_DATABASE_URL ? 'postgres' : 'pglite');
await runMigrations(db.knex, { tableName: AUTH_MIGRATIONS_TABLE, migrations: authMigrations });
const tokens = new SessionTokens('a-benchmark-session-secret-of-enough-length');
const storeOptions = {
  knex: db.knex,
  tokens,
  catalog: createStaticIdentityCatalog([]),
  ownership: 'direct' as const,
  durationMs: 3_600_000,
  refreshIntervalMs: 3_600_000,
};
const cached = new SessionStore({ ...storeOptions, cacheTtlMs: 5_000 });
const uncached = new SessionStore({ ...storeOptions, cacheTtlMs: 0 });
const ownership = ['user:default/jane-doe', 'group:default/platform-team'];
const session = await cached.start({
  userEntityRef: 'user:default/jane-doe',
  ownershipEntityRefs: ownership,
  membershipEntityRefs: ownership,
  displayName: 'Jane Doe',
});
const cookie = tokens.sign(session);

function rate(label: string, iterations: number, fn: () => void) {
  for (let i = 0; i < 1000; i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${label.padEnd(44)} ${Math.round(iterations / seconds)
      .toLocaleString('en')
      .padStart(10)} /s  ${((seconds / iterations) * 1e6).toFixed(1)} µs each`,
  );
}

async function rateAsync(label: string, iterations: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${label.padEnd(44)} ${Math.round(iterations / seconds)
      .toLocaleString('en')
      .padStart(10)} /s  ${((seconds / iterations) * 1e6).toFixed(1)} µs each`,
  );
}

rate('sign a session cookie', 100_000, () => tokens.sign(session));
rate('verify a session cookie', 100_000, () => {
  if (!tokens.verify(cookie).ok) throw new Error('verification failed');
});
rate('verify a forged cookie (refused)', 100_000, () => tokens.verify(`${cookie.slice(0, -2)}xx`));
await rateAsync('find the session, kept in memory', 100_000, async () => {
  if (!(await cached.load(session)).ok) throw new Error('session refused');
});
await rateAsync('find the session in the database', 2_000, async () => {
  if (!(await uncached.load(session)).ok) throw new Error('session refused');
});

async function serve(store: SessionStore): Promise<{ url: string; close(): void }> {
  const httpAuth = createHttpAuth({ externalAccess: [] });
  const app = express();
  app.use(httpAuth.middleware);
  const permissions = createPermissions({ httpAuth });
  httpAuth.addResolver(sessionCookieResolver({ tokens, sessions: store, baseUrl: 'http://127.0.0.1' }));
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
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const headers = { cookie: `${SESSION_COOKIE}=${cookie}; ${CSRF_COOKIE}=${tokens.csrfToken(session)}`, 'x-csrf-token': tokens.csrfToken(session) };

async function requests(label: string, url: string, init: RequestInit, count = 5000, concurrency = 16) {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const response = await fetch(url, init);
        if (response.status !== 204) throw new Error(`${label}: ${response.status}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${label.padEnd(44)} ${Math.round(count / seconds)
      .toLocaleString('en')
      .padStart(10)} /s  (${count} requests, ${concurrency} at a time)`,
  );
}

const withCache = await serve(cached);
const withoutCache = await serve(uncached);
await requests('HTTP POST without credentials (baseline)', `${withCache.url}/open`, { method: 'POST' });
await requests('HTTP POST, cookie + CSRF + policy, cached', `${withCache.url}/write`, { method: 'POST', headers });
await requests('HTTP POST, cookie + CSRF + policy, DB read', `${withoutCache.url}/write`, { method: 'POST', headers });
withCache.close();
withoutCache.close();
await db.destroy();
