import { parse as parseCookies } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../common/index.js';
import type { SessionClaims, SessionTokens } from './sessionToken.js';

export const FLOW_COOKIE = 'portal-auth-flow';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  return parseCookies(header)[name];
}

/** Secure whenever the browser reached the portal over TLS, directly or through a proxy. */
function baseOptions(req: Request, baseUrl: string): CookieOptions {
  return { sameSite: 'lax', secure: req.secure || baseUrl.startsWith('https:'), path: '/' };
}

export function setSessionCookies(res: Response, req: Request, baseUrl: string, tokens: SessionTokens, session: SessionClaims): void {
  const expires = new Date(session.expiresAt * 1000);
  res.cookie(SESSION_COOKIE, tokens.sign(session), { ...baseOptions(req, baseUrl), httpOnly: true, expires });
  // Readable by the app's scripts, which echo it in the X-CSRF-Token header.
  res.cookie(CSRF_COOKIE, tokens.csrfToken(session), { ...baseOptions(req, baseUrl), httpOnly: false, expires });
}

export function clearSessionCookies(res: Response, req: Request, baseUrl: string): void {
  res.clearCookie(SESSION_COOKIE, { ...baseOptions(req, baseUrl), httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...baseOptions(req, baseUrl), httpOnly: false });
}

/**
 * The state of a sign-in in progress (OAuth state, nonce, PKCE verifier, where to go after), kept
 * in a signed cookie so that any replica can finish a sign-in another one started.
 */
export interface SignInFlow {
  provider: string;
  redirect: string;
  state: string;
  nonce?: string;
  codeVerifier?: string;
  expiresAt: number;
}

const FLOW_TTL_MS = 10 * 60_000;

export function setFlowCookie(res: Response, req: Request, baseUrl: string, tokens: SessionTokens, flow: Omit<SignInFlow, 'expiresAt'>): void {
  const value: SignInFlow = { ...flow, expiresAt: Date.now() + FLOW_TTL_MS };
  res.cookie(FLOW_COOKIE, tokens.signValue('flow', JSON.stringify(value)), {
    ...baseOptions(req, baseUrl),
    // Lax cookies still travel with the provider's top-level redirect back to the callback.
    httpOnly: true,
    path: '/api/auth',
    maxAge: FLOW_TTL_MS,
  });
}

export function readFlowCookie(req: Request, tokens: SessionTokens, provider: string): SignInFlow | undefined {
  const raw = readCookie(req, FLOW_COOKIE);
  const json = raw && tokens.verifyValue('flow', raw);
  if (!json) return undefined;
  const flow = JSON.parse(json) as SignInFlow;
  if (flow.provider !== provider || flow.expiresAt <= Date.now()) return undefined;
  return flow;
}

export function clearFlowCookie(res: Response, req: Request, baseUrl: string): void {
  res.clearCookie(FLOW_COOKIE, { ...baseOptions(req, baseUrl), httpOnly: true, path: '/api/auth' });
}
