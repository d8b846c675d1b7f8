import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigObject, PermissionAction, Permissions } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { API_TOKEN, exampleOrg, startTestServer, type TestServer } from './__fixtures__/testServer.js';

type Headers = Record<string, string>;

// The calls the catalog and scaffolder write routes make, with the owners of what they touch.
const writeRoutes: Array<{ action: PermissionAction; path: string }> = [
  { action: 'catalog.location.create', path: '/catalog/locations' },
  { action: 'catalog.location.delete', path: '/catalog/locations/delete' },
  { action: 'catalog.entity.refresh', path: '/catalog/refresh' },
  { action: 'catalog.entity.delete', path: '/catalog/entities/delete' },
  { action: 'scaffolder.task.create', path: '/scaffolder/tasks' },
  { action: 'scaffolder.task.cancel', path: '/scaffolder/tasks/cancel' },
];

/**
 * Stand-ins for the catalog and scaffolder routes. What they act on is owned by the group named in
 * `?owner=` (payments when absent), as an entity's spec.owner would say.
 */
function extraRouters(permissions: Permissions): Record<string, express.Router> {
  const routers: Record<string, express.Router> = { catalog: express.Router(), scaffolder: express.Router() };
  for (const route of writeRoutes) {
    const [, plugin, ...rest] = route.path.split('/');
    routers[plugin!]!.post(`/${rest.join('/')}`, (req, res) => {
      const owner = typeof req.query.owner === 'string' ? req.query.owner : 'payments';
      permissions.requirePermission(req, route.action, { ownerRefs: [`group:default/${owner}`] });
      res.status(201).json({ done: route.action });
    });
  }
  routers.scaffolder!.get('/tasks/all', (req, res) => {
    permissions.requirePermission(req, 'scaffolder.task.read.all');
    res.json({ tasks: [] });
  });
  return routers;
}

async function startServer(db: TestDatabase, permission: ConfigObject): Promise<TestServer> {
  return startTestServer({
    db,
    entities: exampleOrg(),
    config: { auth: { session: { secret: 'a-test-session-secret-of-at-least-32-chars' } }, permission },
    extraRouters,
  });
}

describe.each(testDatabaseKinds())('write routes asking the policy on %s', kind => {
  let db: TestDatabase;
  let server: TestServer;
  let jane: Headers;
  let sam: Headers;
  let root: Headers;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startServer(db, {
      admins: ['group:default/platform'],
      // Stricter than the defaults, so that every write has an owners-or-admins rule to deny.
      rules: { 'catalog.location.create': 'owners', 'catalog.entity.refresh': 'owners', 'scaffolder.task.create': 'owners' },
    });
    [jane, sam, root] = await Promise.all(['jane', 'sam', 'root'].map(name => server.signInAs(name)));
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  const post = (path: string, headers: Headers = {}) => fetch(`${server.url}/api${path}`, { method: 'POST', headers });

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
    const forged = jane.cookie!.replace(/portal-session=[^.]+/, `portal-session=${Buffer.from('{"v":2}').toString('base64url')}`);
    expect((await post('/catalog/entities/delete', { ...jane, cookie: forged })).status).toBe(401);
  });

  it('gives a team no ownership of what its parent group owns', async () => {
    // web-team is a child of engineering: its members own what web-team owns, not what engineering owns.
    const wendy = await server.signInAs('wendy');
    expect((await post('/catalog/entities/delete?owner=web-team', wendy)).status).toBe(201);
    const response = await post('/catalog/entities/delete?owner=engineering', wendy);
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toContain('owned by group:default/engineering');
    // Nor does a parent group own its teams' entities by default.
    const erin = await server.signInAs('erin');
    expect((await post('/catalog/entities/delete?owner=web-team', erin)).status).toBe(403);
    expect((await post('/catalog/entities/delete?owner=engineering', erin)).status).toBe(201);
  });

  it("counts a Group's spec.members as membership", async () => {
    const gina = await server.signInAs('gina');
    expect((await post('/catalog/entities/delete?owner=platform', gina)).status).toBe(201);
  });

  it('makes only direct members of an admin group admins, not members of a group naming it as parent', async () => {
    const mallory = await server.signInAs('mallory');
    const me = async (headers: Headers) => (await (await fetch(`${server.url}/api/auth/me`, { headers })).json()).isAdmin as boolean;
    expect(await me(mallory)).toBe(false);
    expect(await me(root)).toBe(true);
    expect(await me(await server.signInAs('gina'))).toBe(true);
    expect((await fetch(`${server.url}/api/scaffolder/tasks/all`, { headers: mallory })).status).toBe(403);
    expect((await fetch(`${server.url}/api/scaffolder/tasks/all`, { headers: root })).status).toBe(200);
    expect((await post('/catalog/entities/delete?owner=search', mallory)).status).toBe(403);
  });
});

describe.each(testDatabaseKinds())('permission.ownership: descendants, on %s', kind => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startServer(db, { ownership: 'descendants', admins: ['group:default/payments'] });
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  const post = (path: string, headers: Headers) => fetch(`${server.url}/api${path}`, { method: 'POST', headers });

  it("lets a parent group's members own what its child teams own, transitively, and never the reverse", async () => {
    const erin = await server.signInAs('erin');
    expect((await post('/catalog/entities/delete?owner=web-team', erin)).status).toBe(201);
    expect((await post('/catalog/entities/delete?owner=payments-api', erin)).status).toBe(201);
    expect((await post('/catalog/entities/delete?owner=company', erin)).status).toBe(403);
    const wendy = await server.signInAs('wendy');
    expect((await post('/catalog/entities/delete?owner=engineering', wendy)).status).toBe(403);
    expect((await post('/catalog/entities/delete?owner=search', wendy)).status).toBe(403);
  });

  it('gives a group that names itself the parent of a team nothing over that team', async () => {
    // claimer lists payments among its children, but payments names engineering as its parent.
    const carl = await server.signInAs('carl');
    expect((await post('/catalog/entities/delete?owner=payments', carl)).status).toBe(403);
  });

  it("does not make owners of an admin group's entities admins", async () => {
    const erin = await server.signInAs('erin');
    const me = await (await fetch(`${server.url}/api/auth/me`, { headers: erin })).json();
    expect(me.ownershipEntityRefs).toContain('group:default/payments');
    expect(me.isAdmin).toBe(false);
    expect((await fetch(`${server.url}/api/scaffolder/tasks/all`, { headers: erin })).status).toBe(403);
    expect((await fetch(`${server.url}/api/scaffolder/tasks/all`, { headers: await server.signInAs('jane') })).status).toBe(200);
  });
});
