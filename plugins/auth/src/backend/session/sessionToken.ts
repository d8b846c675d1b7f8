import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a session cookie carries. Everything is signed, the expiry included. */
export interface Session {
  /** The signed-in user's entity ref. */
  userEntityRef: string;
  /** The user and every group it belongs to, directly or through parent groups. */
  ownershipEntityRefs: string[];
  displayName?: string;
  email?: string;
  /** Unix seconds. */
  expiresAt: number;
  /** A random id that the CSRF token is derived from. */
  sessionId: string;
}

const payloadSchema = z.object({
  v: z.literal(1),
  sub: z.string().min(1),
  own: z.array(z.string()),
  name: z.string().optional(),
  email: z.string().optional(),
  exp: z.number(),
  sid: z.string().min(16),
});

export type SessionCheck = { ok: true; session: Session } | { ok: false; reason: string };

/** Signs and checks session tokens (`<base64url payload>.<base64url HMAC-SHA256>`). */
export class SessionTokens {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  create(input: Omit<Session, 'sessionId' | 'expiresAt'>, durationMs: number, now = Date.now()): Session {
    return {
      ...input,
      sessionId: randomBytes(18).toString('base64url'),
      expiresAt: Math.floor((now + durationMs) / 1000),
    };
  }

  sign(session: Session): string {
    const payload = Buffer.from(
      JSON.stringify({
        v: 1,
        sub: session.userEntityRef,
        own: session.ownershipEntityRefs,
        name: session.displayName,
        email: session.email,
        exp: session.expiresAt,
        sid: session.sessionId,
      }),
    ).toString('base64url');
    return `${payload}.${this.#mac(`session.${payload}`)}`;
  }

  verify(token: string, now = Date.now()): SessionCheck {
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length > 0) return { ok: false, reason: 'The session cookie is malformed' };
    if (!macsEqual(mac, this.#mac(`session.${payload}`))) return { ok: false, reason: 'The session cookie is not valid' };
    let data: unknown;
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'The session cookie is malformed' };
    }
    const parsed = payloadSchema.safeParse(data);
    if (!parsed.success) return { ok: false, reason: 'The session cookie is malformed' };
    const p = parsed.data;
    if (p.exp * 1000 <= now) return { ok: false, reason: 'The session has expired: sign in again' };
    return {
      ok: true,
      session: { userEntityRef: p.sub, ownershipEntityRefs: p.own, displayName: p.name, email: p.email, expiresAt: p.exp, sessionId: p.sid },
    };
  }

  /**
   * The CSRF token of a session. Deriving it from the signed session id (rather than trusting any
   * cookie value) means a cookie planted by a sibling subdomain cannot satisfy the check.
   */
  csrfToken(session: Session): string {
    return this.#mac(`csrf.${session.sessionId}`);
  }

  csrfTokenMatches(session: Session, token: string): boolean {
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
