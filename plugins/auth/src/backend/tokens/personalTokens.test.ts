import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { PERSONAL_TOKEN_PREFIX, type CreatedPersonalToken, type PersonalTokenInfo } from '../../common/index.js';
import { API_TOKEN, exampleOrg, startTestServer, type TestServer } from '../__fixtures__/testServer.js';

const config = { permission: { admins: ['group:default/platform'] }, auth: { session: { cacheTtl: '0s' } } };

describe.each(testDatabaseKinds())('personal access tokens on %s', kind => {
  let db: TestDatabase;
  let server: TestServer;
  let jane: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer({
      db,
      config,
      entities: exampleOrg(),
      // A route that reads, and one that writes for owners of a group's things; each says who asked.
      extraRouters: (permissions, httpAuth) => {
        const router = express.Router();
        router.get('/read', (req, res) => {
          permissions.requirePermission(req, 'catalog.entity.read');
          res.json(httpAuth.credentials(req) ?? {});
        });
        router.post('/as-owner-of/:group', (req, res) => {
          permissions.requirePermission(req, 'catalog.entity.delete', { ownerRefs: [`group:default/${req.params.group}`] });
          res.json(httpAuth.credentials(req));
        });
        return { probe: router };
      },
    });
    jane = await server.signInAs('jane');
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  const create = async (headers: Record<string, string>, body: unknown) =>
    fetch(`${server.url}/api/auth/tokens`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const list = async (headers: Record<string, string>) =>
    (await (await fetch(`${server.url}/api/auth/tokens`, { headers })).json()).items as PersonalTokenInfo[];
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('shows a new token once, stores only its SHA-256, and lists it without the token', async () => {
    const response = await create(jane, { name: 'laptop clone', scope: 'read', expiresInDays: 30 });
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedPersonalToken;
    expect(created.token).toMatch(new RegExp(`^${PERSONAL_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);

    const rows = await db.knex('auth_personal_tokens').where({ id: created.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(PERSONAL_TOKEN_PREFIX.length));

    const listed = await list(jane);
    expect(listed).toContainEqual({
      id: created.id,
      name: 'laptop clone',
      scope: 'read',
      createdAt: created.createdAt,
      expiresAt: created.expiresAt,
      lastUsedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('acts as its person with their groups, records its use, and a read token changes nothing', async () => {
    const read = (await (await create(jane, { name: 'read', scope: 'read', expiresInDays: 7 })).json()) as CreatedPersonalToken;
    const write = (await (await create(jane, { name: 'write', scope: 'write', expiresInDays: 7 })).json()) as CreatedPersonalToken;

    expect(await (await fetch(`${server.url}/api/probe/as-owner-of/payments`, { method: 'POST', headers: bearer(write.token) })).json()).toEqual({
      type: 'user',
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/payments'],
      membershipEntityRefs: ['user:default/jane', 'group:default/payments'],
      access: 'write',
    });
    // Git sends the token as the HTTP Basic password, with any user name.
    const basic = { authorization: `Basic ${Buffer.from(`anything:${write.token}`).toString('base64')}` };
    expect((await fetch(`${server.url}/api/probe/as-owner-of/payments`, { method: 'POST', headers: basic })).status).toBe(200);
    // Jane is not in search: her token has her rights, no more.
    expect((await fetch(`${server.url}/api/probe/as-owner-of/search`, { method: 'POST', headers: bearer(write.token) })).status).toBe(403);

    expect((await fetch(`${server.url}/api/probe/read`, { headers: bearer(read.token) })).status).toBe(200);
    const refused = await fetch(`${server.url}/api/probe/as-owner-of/payments`, { method: 'POST', headers: bearer(read.token) });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/read-only/);

    const used = (await list(jane)).find(t => t.id === read.id)!;
    expect(Date.now() - new Date(used.lastUsedAt!).getTime()).toBeLessThan(60_000);
    // Tokens cannot see or make tokens, nor are they a session.
    expect((await fetch(`${server.url}/api/auth/tokens`, { headers: bearer(write.token) })).status).toBe(401);
    expect((await create(bearer(write.token), { name: 'child', scope: 'write', expiresInDays: 7 })).status).toBe(401);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: bearer(write.token) })).status).toBe(401);
  });

  it('refuses a revoked token, an expired one and one it never made', async () => {
    const token = (await (await create(jane, { name: 'to revoke', scope: 'write', expiresInDays: 7 })).json()) as CreatedPersonalToken;
    expect((await fetch(`${server.url}/api/probe/read`, { headers: bearer(token.token) })).status).toBe(200);

    // Another person cannot revoke it: it is not theirs to know of.
    const sam = await server.signInAs('sam');
    expect((await fetch(`${server.url}/api/auth/tokens/${token.id}`, { method: 'DELETE', headers: sam })).status).toBe(404);
    expect((await fetch(`${server.url}/api/auth/tokens/${token.id}`, { method: 'DELETE', headers: jane })).status).toBe(204);
    const revoked = await fetch(`${server.url}/api/probe/read`, { headers: bearer(token.token) });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toMatch(/revoked/);
    expect((await list(jane)).map(t => t.id)).not.toContain(token.id);

    const old = (await (await create(jane, { name: 'old', scope: 'read', expiresInDays: 1 })).json()) as CreatedPersonalToken;
    await db
      .knex('auth_personal_tokens')
      .where({ id: old.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await fetch(`${server.url}/api/probe/read`, { headers: bearer(old.token) });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toMatch(/expired/);

    expect((await fetch(`${server.url}/api/probe/read`, { headers: bearer(`${PERSONAL_TOKEN_PREFIX}${'A'.repeat(43)}`) })).status).toBe(401);
    // Static tokens still work beside personal ones.
    expect((await fetch(`${server.url}/api/probe/read`, { headers: bearer(API_TOKEN) })).status).toBe(200);
  });

  it('checks what it is asked to make', async () => {
    expect((await create({}, { name: 'x', scope: 'read', expiresInDays: 7 })).status).toBe(401);
    const bad = await create(jane, { name: '', scope: 'admin', expiresInDays: 1000 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/name.*scope.*expiresInDays/s);
  });
});
