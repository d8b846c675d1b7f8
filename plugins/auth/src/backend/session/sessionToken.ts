import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What a session cookie carries: only the id of the session row, and its expiry so that an
 * expired cookie is refused without a database read. Who the session belongs to lives in the row.
 */
export interface SessionClaims {
  /** A random id: the key of the `auth_sessions` row, and what the CSRF token is derived from. */
  sessionId: string;
  /** Unix seconds. */
  expiresAt: number;
}

const payloadSchema = z.object({
  v: z.literal(2),
  sid: z.string().min(16),
  exp: z.number(),
});

export type ClaimsCheck = { ok: true; claims: SessionClaims } | { ok: false; reason: string };

/** Signs and checks session tokens (`<base64url payload>.<base64url HMAC-SHA256>`). */
export class SessionTokens {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** Claims for a new session, with a fresh random id. */
  create(durationMs: number, now = Date.now()): SessionClaims {
    return { sessionId: randomBytes(18).toString('base64url'), expiresAt: Math.floor((now + durationMs) / 1000) };
  }

  sign(claims: SessionClaims): string {
    const payload = Buffer.from(JSON.stringify({ v: 2, sid: claims.sessionId, exp: claims.expiresAt })).toString('base64url');
    return `${payload}.${this.#mac(`session.${payload}`)}`;
  }

  verify(token: string, now = Date.now()): ClaimsCheck {
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length > 0) return { ok: false, reason: 'The session cookie is malformed' };
    if (!macsEqual(mac, this.#mac(`session.${payload}`))) return { ok: false, reason: 'The session cookie is not valid' };
    let data: unknown;
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'The session cookie is malformed' };
    }
    // Cookies of the first format carried ownership refs that can no longer be revoked or refreshed.
    if ((data as { v?: unknown } | null)?.v === 1) return { ok: false, reason: 'The session cookie is from an older version of the portal: sign in again' };
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'The session cookie is malformed' };
    const p = parsed.data;
    if (p.exp * 1000 <= now) return { ok: false, reason: 'The session has expired: sign in again' };
    return { ok: true, claims: { sessionId: p.sid, expiresAt: p.exp } };
  }

  /**
   * The CSRF token of a session. Deriving it from the signed session id (rather than trusting any
   * cookie value) means a cookie planted by a sibling subdomain cannot satisfy the check.
   */
  csrfToken(session: Pick<SessionClaims, 'sessionId'>): string {
    return this.#mac(`csrf.${session.sessionId}`);
  }

  csrfTokenMatches(session: Pick<SessionClaims, 'sessionId'>, token: string): boolean {
    return macsEqual(token, this.csrfToken(session));
  }

  /** Signs short-lived values such as the state of a sign-in in progress. */
  signValue(purpose: string, value: string): string {
    const payload = Buffer.from(value).toString('base64url');
    return `${payload}.${this.#mac(`${purpose}.${payload}`)}`;
  }

  verifyValue(purpose: string, signed: string): string | undefined {
    const [payload, mac, ...rest] = signed.split('.');
    if (!payload || !mac || rest.length > 0) return undefined;
    if (!macsEqual(mac, this.#mac(`${purpose}.${payload}`))) return undefined;
    return Buffer.from(payload, 'base64url').toString('utf8');
  }

  #mac(data: string): string {
    return createHmac('sha256', this.#secret).update(data).digest('base64url');
  }
}

function macsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
