import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@portal/backend-common/testing';
import { SESSION_COOKIE } from '../../common/index.js';
import { CookieJarClient } from '../__fixtures__/cookieJarClient.js';
import { startTestOidcProvider, type TestOidcProvider } from '../../testing/index.js';
import { exampleOrg, startTestServer, type TestServer } from '../__fixtures__/testServer.js';

describe('sign-in through a real OpenID Connect provider', () => {
  let db: TestDatabase;
  let idp: TestOidcProvider;
  let portal: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    portal = await startTestServer({
      db,
      entities: exampleOrg(),
      config: async url => {
        idp = await startTestOidcProvider({
          redirectUris: [`${url}/api/auth/oidc/handler/frame`],
          accounts: {
            jane: { email: 'jane.doe@example.com', name: 'Jane Doe' },
            sam: { email: 'sam@corp.example', name: 'Sam' },
            stranger: { email: 'stranger@elsewhere.test' },
          },
        });
        return { auth: { providers: { oidc: { metadataUrl: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, title: 'Test IdP' } } } };
      },
    });
  });
  afterAll(async () => {
    await portal?.close();
    await idp?.close();
    await db?.destroy();
  });

  async function signIn(login: string) {
    const browser = new CookieJarClient();
    const atIdp = await browser.follow(`${portal.url}/api/auth/oidc/start?redirect=/catalog`);
    expect(new URL(atIdp.url).origin).toBe(idp.issuer);
    expect(await atIdp.response.text()).toContain('<form method="post"');
    const done = await browser.follow(atIdp.url, {
      method: 'POST',
      from: idp.issuer,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password: 'anything' }).toString(),
    });
    return { browser, landed: new URL(done.url) };
  }

  it('starts while the identity provider is unreachable and reads its metadata at the first sign-in', async () => {
    const offline = await startTestServer({
      db,
      entities: exampleOrg(),
      config: { auth: { providers: { oidc: { metadataUrl: 'http://127.0.0.1:9/', clientId: 'x', clientSecret: 'y' } } } },
    });
    try {
      const response = await fetch(`${offline.url}/api/auth/oidc/start`, { redirect: 'manual' });
      // The person lands back on the sign-in page with the reason; the next try reads the metadata again.
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location')!, offline.url);
      expect(location.pathname).toBe('/sign-in');
      expect(location.searchParams.get('error')).toMatch(/^Could not start sign-in with Single sign-on: Could not read the OpenID Connect discovery document/);
    } finally {
      await offline.close();
    }
  });

  it('lists the provider under its title', async () => {
    const body = await (await fetch(`${portal.url}/api/auth/providers`)).json();
    expect(body.providers).toEqual([{ id: 'oidc', title: 'Test IdP', method: 'GET', startUrl: '/api/auth/oidc/start' }]);
  });

  it('signs in by the email in spec.profile.email, owning through its groups but not their parents', async () => {
    const { browser, landed } = await signIn('jane');
    expect(landed.origin + landed.pathname).toBe(`${portal.url}/catalog`);
    const me = await (await browser.request(`${portal.url}/api/auth/me`)).json();
    expect(me).toMatchObject({
      userEntityRef: 'user:default/jane',
      ownershipEntityRefs: ['user:default/jane', 'group:default/payments'],
      displayName: 'Jane',
      email: 'jane.doe@example.com',
    });
  });

  it("falls back to the email's local part matching a User's name", async () => {
    const { browser } = await signIn('sam');
    expect((await (await browser.request(`${portal.url}/api/auth/me`)).json()).userEntityRef).toBe('user:default/sam');
  });

  it('refuses a person with no User entity, on the sign-in page, with a message', async () => {
    const { browser, landed } = await signIn('stranger');
    expect(landed.pathname).toBe('/sign-in');
    expect(landed.searchParams.get('error')).toMatch(/no User in the catalog matches stranger@elsewhere\.test/);
    expect(browser.cookie(portal.url, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses a callback whose sign-in was not started in this browser', async () => {
    const attacker = new CookieJarClient();
    const atIdp = await attacker.follow(`${portal.url}/api/auth/oidc/start`);
    const login = await attacker.request(atIdp.url, {
      method: 'POST',
      from: idp.issuer,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=jane&password=x',
    });
    // Follow the provider's redirects up to the portal's callback, then replay it in a fresh browser.
    let next = new URL(login.headers.get('location')!, atIdp.url).href;
    while (!next.startsWith(`${portal.url}/api/auth/oidc/handler/frame`)) {
      const response = await attacker.request(next, { from: idp.issuer });
      next = new URL(response.headers.get('location')!, next).href;
    }
    const fresh = new CookieJarClient();
    const replay = await fresh.request(next);
    expect(replay.status).toBe(303);
    const location = new URL(replay.headers.get('location')!, portal.url);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('error')).toMatch(/started in another browser/);
    expect(fresh.cookie(portal.url, SESSION_COOKIE)).toBeUndefined();
  });
});
