import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface TestAccount {
  email: string;
  name?: string;
  username?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** For a client whose address is known only after the provider started; forgets sessions in progress. */
  setRedirectUris(uris: string[]): void;
  close(): Promise<void>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * A real OpenID Connect provider on loopback for tests. Its sign-in page is a plain form (login =
 * account id, any password) with nothing loaded from outside, and consent is implied, as it is
 * for a company's own portal.
 */
export async function startTestOidcProvider(options: { redirectUris?: string[]; accounts: Record<string, TestAccount> }): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'portal';
  const clientSecret = 'portal-test-client-secret-0123456789';
  const createProvider = (redirectUris: string[]) =>
    new Provider(issuer, {
      clients: [
        { client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] },
      ],
      cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username'] },
      features: { devInteractions: { enabled: false } },
      ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600 },
      interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
        const account = options.accounts[sub];
        if (!account) return undefined;
        return {
          accountId: sub,
          claims: async () => ({ sub, email: account.email, email_verified: true, name: account.name, preferred_username: account.username ?? sub }),
        };
      },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { oidc } = ctx;
        const existing = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
        if (existing) return oidc.provider.Grant.find(existing);
        const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
  let provider = createProvider(options.redirectUris ?? []);
  let providerHandler = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!match) return providerHandler(req, res);
    const fail = (error: unknown) => {
      res.statusCode = 400;
      res.end(String((error as Error).message));
    };
    if (req.method === 'GET') {
      provider
        .interactionDetails(req, res)
        .then(() => {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(
            `<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>` +
              `<form method="post" action="/interaction/${escapeHtml(match[1]!)}">` +
              `<label>Login <input name="login" autofocus></label> <label>Password <input name="password" type="password"></label>` +
              `<button type="submit">Sign in</button></form>`,
          );
        })
        .catch(fail);
      return;
    }
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const login = new URLSearchParams(body).get('login') ?? '';
      provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false }).catch(fail);
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    setRedirectUris(uris) {
      provider = createProvider(uris);
      providerHandler = provider.callback();
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
