import { AuthenticationError, type CredentialsResolver } from '@portal/backend-common';
import { SESSION_COOKIE } from '../../common/index.js';
import { clearSessionCookies, readCookie } from './cookies.js';
import { checkCsrf } from './csrf.js';
import type { Session, SessionTokens } from './sessionToken.js';

const sessions = new WeakMap<object, Session>();

/** The verified session of a request the cookie resolver accepted. */
export function sessionOf(req: object): Session | undefined {
  return sessions.get(req);
}

/**
 * Authenticates requests by the session cookie, and checks the CSRF token of cookie-authenticated
 * writes here, so that no route can forget it. Requests with an Authorization header are left to
 * the token resolver: scripts send no cookies, and browsers cannot attach that header cross-site.
 */
export function sessionCookieResolver(options: { tokens: SessionTokens; baseUrl: string }): CredentialsResolver {
  return req => {
    if (req.headers.authorization) return undefined;
    const cookie = readCookie(req, SESSION_COOKIE);
    if (!cookie) return undefined;
    const check = options.tokens.verify(cookie);
    if (!check.ok) {
      // Drop the bad cookie so the next request is simply anonymous and can sign in again.
      if (req.res) clearSessionCookies(req.res, req, options.baseUrl);
      throw new AuthenticationError(check.reason);
    }
    checkCsrf(req, options.baseUrl, options.tokens, check.session);
    sessions.set(req, check.session);
    return { type: 'user', userEntityRef: check.session.userEntityRef, ownershipEntityRefs: check.session.ownershipEntityRefs };
  };
}
