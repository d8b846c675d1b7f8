import type { Request } from 'express';
import { NotAllowedError } from '@portal/backend-common';
import { CSRF_HEADER } from '../../common/index.js';
import type { SessionClaims, SessionTokens } from './sessionToken.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(req: Request): boolean {
  return SAFE_METHODS.has(req.method);
}

/**
 * Refuses requests that a browser marks as coming from another site. Tools such as curl send
 * neither header; their requests are judged by the CSRF token (or carry a bearer token instead of
 * a cookie).
 */
export function checkSameOrigin(req: Request, baseUrl: string): void {
  // Sec-Fetch-Site is set by the browser and cannot be forged by a page, so when present it decides.
  // Origin alone is not enough: under `Referrer-Policy: no-referrer` a same-origin form post sends
  // `Origin: null`.
  const site = req.get('sec-fetch-site');
  if (site) {
    if (site !== 'same-origin' && site !== 'none') throw new NotAllowedError(`Cross-site request refused (Sec-Fetch-Site: ${site})`);
    return;
  }
  const origin = req.get('origin');
  if (origin) {
    const allowed = new Set([new URL(baseUrl).origin, `${req.protocol}://${req.get('host')}`]);
    if (!allowed.has(origin)) throw new NotAllowedError(`Cross-site request refused (Origin: ${origin})`);
  }
}

/** Double-submit check for cookie-authenticated writes: the header must carry the session's token. */
export function checkCsrf(req: Request, baseUrl: string, tokens: SessionTokens, session: SessionClaims): void {
  if (isSafeMethod(req)) return;
  checkSameOrigin(req, baseUrl);
  const token = req.get(CSRF_HEADER);
  if (!token) throw new NotAllowedError(`This request was refused: a signed-in write must send the ${CSRF_HEADER} header`);
  if (!tokens.csrfTokenMatches(session, token)) throw new NotAllowedError(`This request was refused: the ${CSRF_HEADER} header does not match the session`);
}
