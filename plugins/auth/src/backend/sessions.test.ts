import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { CSRF_COOKIE, SESSION_COOKIE } from '../common/index.js';
import { CookieJarClient } from './__fixtures__/cookieJarClient.js';
import { API_TOKEN, exampleOrg, startTestServer, type TestServer } from './__fixtures__/testServer.js';
import { SessionTokens } from './session/sessionToken.js';

const guestConfig = { auth: { providers: { guest: {} } } };

async function signInAsGuest(server: TestServer): Promise<CookieJarClient> {
  const browser = new CookieJarClient();
  const response = await browser.request(`${server.url}/api/auth/guest/start?redirect=/catalog`, { method: 'POST', from: server.url });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/catalog');
  return browser;
}

describe.each(testDatabaseKinds())('sessions on %s', kind => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    server = await startTestServer({ db, config: guestConfig, entities: exampleOrg() });
  });
  afterAll(async () => {
    await server?.close();
    await db?.destroy();
  });

  const sessionSecret = async () => (await db.knex('auth_secrets').where({ name: 'session' }).first()).value as string;

  it('lists the configured providers', async () => {
    const body = await (await fetch(`${server.url}/api/auth/providers`)).json();
    expect(body.providers).toEqual([{ id: 'guest', title: 'Guest', method: 'POST', startUrl: '/api/auth/guest/start' }]);
  });

  it('signs in as guest with a signed, httpOnly, SameSite=Lax cookie and answers /me', async () => {
    const browser = new CookieJarClient();
    const response = await browser.request(`${server.url}/api/auth/guest/start`, { method: 'POST', from: server.url });
    const cookies = response.headers.getSetCookie();
    const session = cookies.find(c => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(cookies.find(c => c.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/);
    const me = await browser.request(`${server.url}/api/auth/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest', 'group:default/visitors'],
      isAdmin: false,
    });
  });

  it('marks the cookie Secure behind TLS', async () => {
    const viaTls = await fetch(`${server.url}/api/auth/guest/start`, { method: 'POST', redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    for (const cookie of viaTls.headers.getSetCookie()) expect(cookie).toMatch(/; Secure/);
    expect(viaTls.headers.getSetCookie()).toHaveLength(2);
  });

  it('answers 401 on /me without a session, and for an API token says it is not a user', async () => {
    expect((await fetch(`${server.url}/api/auth/me`)).status).toBe(401);
    const token = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(token.status).toBe(401);
    expect((await token.json()).error.message).toMatch(/API token/);
  });

  it('refuses a forged cookie and clears it', async () => {
    const browser = await signInAsGuest(server);
    const other = await signInAsGuest(server);
    const jar = browser.cookies.get(server.url)!;
    const [payload, mac] = jar.get(SESSION_COOKIE)!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    // Another session's id under this cookie's signature.
    claims.sid = JSON.parse(Buffer.from(other.cookie(server.url, SESSION_COOKIE)!.split('.')[0]!, 'base64url').toString()).sid;
    jar.set(SESSION_COOKIE, `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`);
    const response = await browser.request(`${server.url}/api/auth/me`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toBe('The session cookie is not valid');
    expect(browser.cookie(server.url, SESSION_COOKIE)).toBeUndefined();
    expect((await browser.request(`${server.url}/api/auth/providers`)).status).toBe(200);
  });

  it('refuses a cookie signed with another secret, an expired one, and one naming no session', async () => {
    const other = new SessionTokens('another-secret-that-is-long-enough-0123456789');
    const forged = other.sign(other.create(60_000));
    const response = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=${forged}` } });
    expect(response.status).toBe(401);

    const tokens = new SessionTokens(await sessionSecret());
    const expired = tokens.sign(tokens.create(1000, Date.now() - 60_000));
    const late = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=${expired}` } });
    expect(late.status).toBe(401);
    expect((await late.json()).error.message).toMatch(/expired/);
    // Signed with the right secret, but no session was ever started under this id.
    const unknown = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=${tokens.sign(tokens.create(60_000))}` } });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.message).toBe('The session is not known: sign in again');
  });

  it('refuses a cookie of the first format, which carried ownership refs, and asks to sign in again', async () => {
    const tokens = new SessionTokens(await sessionSecret());
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const v1 = { v: 1, sub: 'user:default/root', own: ['user:default/root', 'group:default/platform'], exp, sid: 'a'.repeat(24) };
    // The first format was signed exactly as signValue signs: `<payload>.<HMAC of "session.<payload>">`.
    const cookie = tokens.signValue('session', JSON.stringify(v1));
    const response = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(/older version of the portal: sign in again/);
    expect(response.headers.getSetCookie().some(c => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
  });

  it('refuses cookie-authenticated writes without the CSRF token or from another site', async () => {
    const browser = await signInAsGuest(server);
    const csrf = decodeURIComponent(browser.cookie(server.url, CSRF_COOKIE)!);
    const missing = await browser.request(`${server.url}/api/auth/sign-out`, { method: 'POST' });
    expect(missing.status).toBe(403);
    expect((await missing.json()).error.message).toMatch(/X-CSRF-Token/);
    const wrong = await browser.request(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const crossSite = await browser.request(`${server.url}/api/auth/sign-out`, {
      method: 'POST',
      from: 'https://evil.example',
      headers: { 'x-csrf-token': csrf },
    });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/Cross-site/);
    expect((await browser.request(`${server.url}/api/auth/me`)).status).toBe(200);
  });

  it('signs out with the CSRF token, and refuses a copy of the cookie afterwards', async () => {
    const browser = await signInAsGuest(server);
    const copied = browser.cookieHeader(server.url);
    const csrf = decodeURIComponent(browser.cookie(server.url, CSRF_COOKIE)!);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: copied } })).status).toBe(200);
    const out = await browser.request(`${server.url}/api/auth/sign-out`, { method: 'POST', from: server.url, headers: { 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect(browser.cookie(server.url, SESSION_COOKIE)).toBeUndefined();
    expect((await browser.request(`${server.url}/api/auth/me`)).status).toBe(401);
    // The copy was read (and cached) by this replica before the sign-out; the sign-out dropped it here at once.
    const replay = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: copied } });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.message).toBe('The session was signed out: sign in again');
    const write = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie: copied, 'x-csrf-token': csrf } });
    expect(write.status).toBe(401);
  });

  it('refuses a signed-out cookie on another replica once its cache bound has passed', async () => {
    const cacheTtlMs = 300;
    const replica = await startTestServer({
      db,
      config: { auth: { ...guestConfig.auth, session: { cacheTtl: cacheTtlMs } } },
      entities: exampleOrg(),
    });
    try {
      const browser = await signInAsGuest(server);
      const copied = browser.cookieHeader(server.url);
      const csrf = decodeURIComponent(browser.cookie(server.url, CSRF_COOKIE)!);
      // The replica reads the session and keeps it.
      expect((await fetch(`${replica.url}/api/auth/me`, { headers: { cookie: copied } })).status).toBe(200);
      const out = await browser.request(`${server.url}/api/auth/sign-out`, { method: 'POST', from: server.url, headers: { 'x-csrf-token': csrf } });
      expect(out.status).toBe(204);
      await new Promise(resolve => setTimeout(resolve, cacheTtlMs + 50));
      const replay = await fetch(`${replica.url}/api/auth/me`, { headers: { cookie: copied } });
      expect(replay.status).toBe(401);
      expect((await replay.json()).error.message).toBe('The session was signed out: sign in again');
    } finally {
      await replica.close();
    }
  });

  it('refuses a cross-site guest sign-in', async () => {
    const response = await fetch(`${server.url}/api/auth/guest/start`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    // A sandboxed frame or a browser without Sec-Fetch-Site posts with an opaque origin.
    const opaque = await fetch(`${server.url}/api/auth/guest/start`, { method: 'POST', redirect: 'manual', headers: { origin: 'null' } });
    expect(opaque.status).toBe(403);
  });

  it("accepts a same-origin form post whose Origin is null under the portal's no-referrer policy", async () => {
    const response = await fetch(`${server.url}/api/auth/guest/start`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(response.status).toBe(303);
  });

  it('exempts bearer-token requests from the CSRF check', async () => {
    const browser = await signInAsGuest(server);
    const response = await browser.request(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(response.status).toBe(204);
  });

  it("keeps the generated secret in the database, so a second replica accepts the first one's cookies", async () => {
    const replica = await startTestServer({ db, config: guestConfig, entities: exampleOrg() });
    try {
      const browser = await signInAsGuest(server);
      const me = await fetch(`${replica.url}/api/auth/me`, { headers: { cookie: browser.cookieHeader(server.url) } });
      expect(me.status).toBe(200);
    } finally {
      await replica.close();
    }
  });

  it('refuses guest sign-in in production unless explicitly allowed', async () => {
    const production = await startTestServer({ db, config: guestConfig, entities: exampleOrg(), nodeEnv: 'production' });
    const allowed = await startTestServer({
      db,
      config: { auth: { providers: { guest: { dangerouslyAllowOutsideDevelopment: true } } } },
      entities: exampleOrg(),
      nodeEnv: 'production',
    });
    try {
      expect((await (await fetch(`${production.url}/api/auth/providers`)).json()).providers).toEqual([]);
      const refused = await fetch(`${production.url}/api/auth/guest/start`, { method: 'POST', redirect: 'manual' });
      expect(refused.status).toBe(303);
      const location = new URL(refused.headers.get('location')!, production.url);
      expect(location.pathname).toBe('/sign-in');
      expect(location.searchParams.get('error')).toMatch(/switched off in production/);
      expect(refused.headers.getSetCookie()).toEqual([]);
      const ok = await fetch(`${allowed.url}/api/auth/guest/start`, { method: 'POST', redirect: 'manual' });
      expect(ok.headers.getSetCookie().some(c => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
    } finally {
      await production.close();
      await allowed.close();
    }
  });
});
