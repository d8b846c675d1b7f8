import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { Strategy as GitHubStrategy, type Profile } from 'passport-github2';
import type { StateStore } from 'passport-oauth2';
import type { GithubConfig } from '../config.js';
import type { ProviderProfile } from '../identity/signInResolvers.js';
import { readFlowCookie, setFlowCookie } from '../session/cookies.js';
import type { SessionTokens } from '../session/sessionToken.js';
import { redirectOf } from './types.js';

type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (err: Error | null, ok: boolean, state?: unknown) => void;

/** passport-oauth2's state store, kept in the signed flow cookie instead of a server session. */
function cookieStateStore(tokens: SessionTokens, baseUrl: string) {
  return {
    store(req: Request, _meta: unknown, callback: StoreCallback) {
      const state = randomBytes(24).toString('base64url');
      setFlowCookie(req.res!, req, baseUrl, tokens, { provider: 'github', redirect: redirectOf(req), state });
      callback(null, state);
    },
    verify(req: Request, providedState: string, callback: VerifyCallback) {
      const flow = readFlowCookie(req, tokens, 'github');
      if (!flow || flow.state !== providedState) {
        callback(null, false, { message: 'The sign-in took too long or was started in another browser: try again' });
        return;
      }
      callback(null, true);
    },
  };
}

export function createGithubStrategy(options: { config: GithubConfig; callbackUrl: string; tokens: SessionTokens; baseUrl: string }): GitHubStrategy {
  const { config } = options;
  const web = (config.enterpriseInstanceUrl ?? 'https://github.com').replace(/\/+$/, '');
  const api = config.enterpriseInstanceUrl ? `${web}/api/v3` : 'https://api.github.com';
  return new GitHubStrategy(
    {
      clientID: config.clientId,
      clientSecret: config.clientSecret,
      callbackURL: options.callbackUrl,
      authorizationURL: `${web}/login/oauth/authorize`,
      tokenURL: `${web}/login/oauth/access_token`,
      userProfileURL: `${api}/user`,
      userEmailURL: `${api}/user/emails`,
      scope: ['read:user', 'user:email'],
      // passport-oauth2 picks the call by the functions' arity, which its types cannot express.
      store: cookieStateStore(options.tokens, options.baseUrl) as unknown as StateStore,
    },
    (_accessToken: string, _refreshToken: string, profile: Profile, done: (err: Error | null, user?: ProviderProfile) => void) => {
      done(null, {
        provider: 'github',
        username: profile.username,
        email: profile.emails?.[0]?.value,
        displayName: profile.displayName || profile.username,
      });
    },
  );
}
