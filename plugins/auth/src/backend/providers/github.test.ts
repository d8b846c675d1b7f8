import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@portal/backend-common/testing';
import { CookieJarClient } from '../__fixtures__/cookieJarClient.js';
import { exampleOrg, startTestServer, type TestServer } from '../__fixtures__/testServer.js';

/**
 * A GitHub Enterprise stand-in on loopback, speaking the OAuth web flow and the two REST calls
 * the strategy makes. It signs everyone in as `login`, whatever they send.
 */
async function startGithubStandIn(user: { login: string; name: string; email: string }) {
  const codes = new Set<string>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/login/oauth/authorize') {
      const code = `code-${codes.size}`;
      codes.add(code);
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      res.end();
    } else if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        const code = new URLSearchParams(body).get('code')!;
        if (!codes.delete(code)) return json(400, { error: 'bad_verification_code' });
        json(200, { access_token: 'gho_test', token_type: 'bearer', scope: 'read:user,user:email' });
      });
    } else if (req.headers.authorization !== 'token gho_test' && req.headers.authorization !== 'Bearer gho_test') {
      json(401, { message: 'Bad credentials' });
    } else if (url.pathname === '/api/v3/user') {
      json(200, { id: 1, login: user.login, name: user.name, email: null });
    } else if (url.pathname === '/api/v3/user/emails') {
      json(200, [{ email: user.email, primary: true, verified: true }]);
    } else {
      json(404, { message: 'Not Found' });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('sign-in with GitHub (Enterprise Server)', () => {
  let db: TestDatabase;
  let github: Awaited<ReturnType<typeof startGithubStandIn>>;
  let portal: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    github = await startGithubStandIn({ login: 'Sam', name: 'Sam S', email: 'someone-else@example.com' });
    portal = await startTestServer({
      db,
      entities: exampleOrg(),
      config: {
        auth: {
          providers: {
            github: {
              clientId: 'portal-client',
              clientSecret: 'portal-secret',
              enterpriseInstanceUrl: github.url,
              signIn: { resolvers: [{ resolver: 'usernameMatchingUserEntityName' }] },
            },
          },
        },
      },
    });
  });
  afterAll(async () => {
    await portal?.close();
    await github?.close();
    await db?.destroy();
  });

  it('signs in by the GitHub login matching a User name, checking the OAuth state', async () => {
    const browser = new CookieJarClient();
    const done = await browser.follow(`${portal.url}/api/auth/github/start?redirect=/create`);
    expect(done.url).toBe(`${portal.url}/create`);
    const me = await (await browser.request(`${portal.url}/api/auth/me`)).json();
    expect(me).toMatchObject({ userEntityRef: 'user:default/sam', email: 'someone-else@example.com' });
  });

  it('refuses a callback whose state was not issued to this browser', async () => {
    const browser = new CookieJarClient();
    const start = await browser.request(`${portal.url}/api/auth/github/start`);
    const authorize = new URL(start.headers.get('location')!);
    authorize.searchParams.set('state', 'forged-state');
    const atGithub = await fetch(authorize, { redirect: 'manual' });
    const callback = await browser.request(atGithub.headers.get('location')!);
    const location = new URL(callback.headers.get('location')!, portal.url);
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('error')).toMatch(/started in another browser/);
  });
});
