import { AuthenticationError, type CredentialsResolver } from '@portal/backend-common';
import { SESSION_COOKIE } from '../../common/index.js';
import { clearSessionCookies, readCookie } from './cookies.js';
import { checkCsrf } from './csrf.js';
import type { Session, SessionStore } from './SessionStore.js';
import type { SessionTokens } from './sessionToken.js';

const sessions = new WeakMap<object, Session>();

/** The session of a request the cookie resolver accepted. */
export function sessionOf(req: object): Session | undefined {
  return sessions.get(req);
}

/**
 * Authenticates requests by the session cookie, and checks the CSRF token of cookie-authenticated
 * writes here, so that no route can forget it. Requests with an Authorization header are left to
 * the token resolver: scripts send no cookies, and browsers cannot attach that header cross-site.
 */
export function sessionCookieResolver(options: { tokens: SessionTokens; sessions: SessionStore; baseUrl: string }): CredentialsResolver {
  return async req => {
    if (req.headers.authorization) return undefined;
    const cookie = readCookie(req, SESSION_COOKIE);
    if (!cookie) return undefined;
    const refuse = (reason: string): never => {
      // Drop the bad cookie so the next request is simply anonymous and can sign in again.
      if (req.res) clearSessionCookies(req.res, req, options.baseUrl);
      throw new AuthenticationError(reason);
    };
    // The signature and expiry are checked first, so garbage and old cookies cost no database read.
    const check = options.tokens.verify(cookie);
    if (!check.ok) return refuse(check.reason);
    checkCsrf(req, options.baseUrl, options.tokens, check.claims);
    const loaded = await options.sessions.load(check.claims);
    if (!loaded.ok) return refuse(loaded.reason);
    const { session } = loaded;
    sessions.set(req, session);
    return {
      type: 'user',
      userEntityRef: session.userEntityRef,
      ownershipEntityRefs: session.ownershipEntityRefs,
      membershipEntityRefs: session.membershipEntityRefs,
    };
  };
}
