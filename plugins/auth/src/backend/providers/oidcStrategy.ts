import type { Request } from 'express';
import * as client from 'openid-client';
import type { Strategy, StrategyCreated } from 'passport';
import type { OidcConfig } from '../config.js';
import { clearFlowCookie, readFlowCookie, setFlowCookie } from '../session/cookies.js';
import type { SessionTokens } from '../session/sessionToken.js';
import type { ProviderProfile } from '../identity/signInResolvers.js';
import { redirectOf } from './types.js';

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * OpenID Connect sign-in (authorization code with PKCE, state and nonce) as a passport strategy.
 * The flow's secrets live in a signed cookie rather than a server session, so the backend stays
 * stateless and any replica can handle the callback.
 */
type StrategyActions = Pick<StrategyCreated<Strategy>, 'success' | 'fail' | 'redirect' | 'error'>;

interface OidcStrategyOptions {
  config: OidcConfig;
  callbackUrl: string;
  tokens: SessionTokens;
  baseUrl: string;
}

// Passport calls authenticate on an object made with Object.create(strategy), which cannot see
// #private fields: hence plain private fields here.
export class OidcStrategy implements Strategy {
  readonly name: string = 'oidc';

  // A holder object, so that the copies passport makes share one discovery.
  private readonly discovered: { configuration?: Promise<client.Configuration> } = {};

  constructor(private readonly options: OidcStrategyOptions) {}

  /**
   * Reads the issuer's discovery document on first use and keeps it; a failure is retried on the
   * next sign-in, so the portal starts even while its identity provider is unreachable. Plain
   * http is accepted only for an issuer on loopback.
   */
  private configuration(): Promise<client.Configuration> {
    const { config } = this.options;
    const issuer = new URL(config.metadataUrl);
    this.discovered.configuration ??= client
      .discovery(
        issuer,
        config.clientId,
        undefined,
        client.ClientSecretBasic(config.clientSecret),
        issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered.configuration = undefined;
        throw new Error(`Could not read the OpenID Connect discovery document of ${issuer.href}: ${(error as Error).message}`, { cause: error });
      });
    return this.discovered.configuration;
  }

  authenticate(req: Request): void {
    const actions = this as unknown as StrategyActions;
    const run = req.query.code || req.query.error ? this.finish(req, actions) : this.start(req, actions);
    run.catch((error: unknown) => actions.error(error as Error));
  }

  private async start(req: Request, actions: StrategyActions): Promise<void> {
    const { config, callbackUrl, tokens, baseUrl } = this.options;
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    setFlowCookie(req.res!, req, baseUrl, tokens, { provider: 'oidc', redirect: redirectOf(req), state, nonce, codeVerifier });
    const url = client.buildAuthorizationUrl(await this.configuration(), {
      redirect_uri: callbackUrl,
      scope: config.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(config.prompt ? { prompt: config.prompt } : {}),
    });
    actions.redirect(url.href);
  }

  private async finish(req: Request, actions: StrategyActions): Promise<void> {
    const { callbackUrl, tokens, baseUrl } = this.options;
    const flow = readFlowCookie(req, tokens, 'oidc');
    clearFlowCookie(req.res!, req, baseUrl);
    if (!flow) {
      actions.fail({ message: 'The sign-in took too long or was started in another browser: try again' });
      return;
    }
    if (req.query.error) {
      actions.fail({ message: `The identity provider refused the sign-in: ${String(req.query.error_description ?? req.query.error)}` });
      return;
    }
    // The callback URL the provider redirected to, rebuilt from the configured base so that a
    // proxy in front of the portal does not change what is compared.
    const current = new URL(callbackUrl);
    current.search = new URL(req.originalUrl, callbackUrl).search;
    const configuration = await this.configuration();
    const tokenSet = await client.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokenSet.claims()!;
    let info: Record<string, unknown> = { ...claims };
    if (!claims.email && tokenSet.access_token) {
      info = { ...info, ...(await client.fetchUserInfo(configuration, tokenSet.access_token, claims.sub)) };
    }
    const profile: ProviderProfile = {
      provider: 'oidc',
      email: typeof info.email === 'string' ? info.email : undefined,
      username: typeof info.preferred_username === 'string' ? info.preferred_username : undefined,
      displayName: typeof info.name === 'string' ? info.name : undefined,
    };
    actions.success(profile);
  }
}
