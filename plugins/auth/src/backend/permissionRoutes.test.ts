import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionAction } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { CSRF_COOKIE, SESSION_COOKIE } from '../common/index.js';
import { API_TOKEN, exampleOrg, startTestServer, type TestServer } from './__fixtures__/testServer.js';
import { SessionTokens } from './session/sessionToken.js';

const secret = 'a-test-session-secret-of-at-least-32-chars';
const tokens = new SessionTokens(secret);

// The calls the catalog and scaffolder write routes make, with the owners of what they touch.
const writeRoutes: Array<{ action: PermissionAction; path: string; owned: boolean }> = [
  { action: 'catalog.location.create', path: '/catalog/locations', owned: false },
  { action: 'catalog.location.delete', path: '/catalog/locations/delete', owned: true },
  { action: 'catalog.entity.refresh', path: '/catalog/refresh', owned: false },
  { action: 'catalog.entity.delete', path: '/catalog/entities/delete', owned: true },
  { action: 'scaffolder.task.create', path: '/scaffolder/tasks', owned: false },
  { action: 'scaffolder.task.cancel', path: '/scaffolder/tasks/cancel', owned: true },
];

function sessionHeaders(userEntityRef: string, ownershipEntityRefs: string[]): Record<string, string> {
  const session = tokens.create({ userEntityRef, ownershipEntityRefs }, 60_000);
  return {
    cookie: `${SESSION_COOKIE}=${tokens.sign(session)}; ${CSRF_COOKIE}=${tokens.csrfToken(session)}`,
    'x-csrf-token': tokens.csrfToken(session),
  };
}

const jane = sessionHeaders('user:default/jane', ['user:default/jane', 'group:default/payments', 'group:default/engineering']);
const sam = sessionHeaders('user:default/sam', ['user:default/sam', 'group:default/search', 'group:default/engineering']);
const root = sessionHeaders('user:default/root', ['user:default/root', 'group:default/platform']);

describe.each(testDatabaseKinds())('write routes asking the policy on %s', kind => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer({
      db,
      entities: exampleOrg(),
      // Stricter than the defaults, so that every write has an owners-or-admins rule to deny.
      config: {
        auth: { session: { secret } },
        permission: {
          admins: ['group:default/platform'],
          rules: { 'catalog.location.create': 'owners', 'catalog.entity.refresh': 'owners', 'scaffolder.task.create': 'owners' },
        },
      },
      extraRouters: permissions => {
        const routers: Record<string, express.Router> = { catalog: express.Router(), scaffolder: express.Router() };
        for (const route of writeRoutes) {
          const [, plugin, ...rest] = route.path.split('/');
          routers[plugin!]!.post(`/${rest.join('/')}`, (req, res) => {
            // Everything here is owned by payments, as an entity's spec.owner would say.
            permissions.requirePermission(req, route.action, { ownerRefs: ['group:default/payments'] });
            res.status(201).json({ done: route.action });
          });
        }
        return routers;
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  const post = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api${path}`, { method: 'POST', headers });

  for (const route of writeRoutes) {
    describe(route.action, () => {
      it('refuses an anonymous request with 401', async () => {
        const response = await post(route.path);
        expect(response.status).toBe(401);
        expect((await response.json()).error.name).toBe('AuthenticationError');
      });

      it('refuses a signed-in user who does not own it with 403 naming the rule', async () => {
        const response = await post(route.path, sam);
        expect(response.status).toBe(403);
        const { error } = await response.json();
        expect(error.name).toBe('NotAllowedError');
        expect(error.message).toContain(`rule permission.rules.${route.action}: owners`);
        expect(error.message).toContain('group:default/payments');
      });

      it('accepts an owner, through a group membership', async () => {
        expect((await post(route.path, jane)).status).toBe(201);
      });

      it('accepts an admin', async () => {
        expect((await post(route.path, root)).status).toBe(201);
      });

      it('accepts a script with an API token and no CSRF token', async () => {
        expect((await post(route.path, { authorization: `Bearer ${API_TOKEN}` })).status).toBe(201);
      });

      it('refuses an owner whose request lacks the CSRF token', async () => {
        const response = await post(route.path, { cookie: jane.cookie! });
        expect(response.status).toBe(403);
        expect((await response.json()).error.message).toMatch(/X-CSRF-Token/);
      });
    });
  }

  it('refuses a forged cookie on a write with 401', async () => {
    const forged = jane.cookie!.replace(/portal-session=[^.]+/, `portal-session=${Buffer.from('{"v":1}').toString('base64url')}`);
    expect((await post('/catalog/entities/delete', { ...jane, cookie: forged })).status).toBe(401);
  });
});
