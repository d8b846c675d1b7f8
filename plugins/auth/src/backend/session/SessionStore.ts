import type { Knex } from 'knex';
import type { OwnershipMode } from '@portal/backend-common';
import { deleteExpiredSessions } from '../database/deleteExpiredSessions.js';
import { insertSession } from '../database/insertSession.js';
import { revokeSession } from '../database/revokeSession.js';
import { selectSession } from '../database/selectSession.js';
import type { DbSessionRow } from '../database/tables.js';
import { updateSessionOwnership } from '../database/updateSessionOwnership.js';
import type { IdentityCatalog } from '../identity/IdentityCatalog.js';
import { resolveOwnershipRefs, type UserRefs } from '../identity/ownershipRefs.js';
import type { SignInResult } from '../identity/signInResolvers.js';
import type { SessionClaims, SessionTokens } from './sessionToken.js';

/** A signed-in session as stored in `auth_sessions`. */
export interface Session extends SessionClaims, UserRefs {
  userEntityRef: string;
  displayName?: string;
  email?: string;
  /** When the refs were last resolved from the catalog, in Unix milliseconds. */
  resolvedAt: number;
}

export type SessionCheck = { ok: true; session: Session } | { ok: false; reason: string };

export interface SessionStoreOptions {
  knex: Knex;
  tokens: SessionTokens;
  catalog: IdentityCatalog;
  ownership: OwnershipMode;
  durationMs: number;
  /** Refs older than this are resolved again from the catalog before the session is used. */
  refreshIntervalMs: number;
  /**
   * How long this replica uses a session it read without reading it again. This is the bound on
   * how late a sign-out on another replica is honoured here (a sign-out on this replica is
   * honoured at once), and is added to refreshIntervalMs for group changes.
   */
  cacheTtlMs: number;
}

// Enough for every session of a large organisation; beyond it the oldest entries are dropped.
const MAX_CACHED = 10_000;
// Expired rows are kept a day, so that a session that just ended can still be looked into.
const KEEP_EXPIRED_MS = 24 * 3_600_000;

/**
 * Sessions kept in the database, so that any replica can check, refresh and revoke any of them.
 * Each replica keeps the sessions it read for cacheTtlMs to spare the database a read per request.
 */
export class SessionStore {
  readonly #options: SessionStoreOptions;
  readonly #cache = new Map<string, { session: Session; until: number }>();
  // One read (and at most one re-resolution) per session at a time: concurrent requests share it.
  readonly #loading = new Map<string, Promise<SessionCheck>>();

  constructor(options: SessionStoreOptions) {
    this.#options = options;
  }

  async start(user: SignInResult): Promise<Session> {
    const { knex, tokens, durationMs } = this.#options;
    const now = Date.now();
    await deleteExpiredSessions({ knex, before: new Date(now - KEEP_EXPIRED_MS) });
    const session: Session = { ...tokens.create(durationMs, now), ...user, resolvedAt: now };
    await insertSession({
      knex,
      session: { ...session, id: session.sessionId, expiresAt: new Date(session.expiresAt * 1000), resolvedAt: new Date(now) },
    });
    this.#remember(session, now);
    return session;
  }

  /** The session the (already verified) claims name, unless it is unknown, revoked or expired. */
  async load(claims: SessionClaims): Promise<SessionCheck> {
    const now = Date.now();
    const cached = this.#cache.get(claims.sessionId);
    if (cached && cached.until > now && !this.#stale(cached.session, now)) return { ok: true, session: cached.session };
    const pending = this.#loading.get(claims.sessionId);
    if (pending) return pending;
    const loading = this.#read(claims.sessionId).then(check => {
      // A sign-out here while the read was under way replaced nothing it should now bring back.
      if (check.ok && this.#loading.get(claims.sessionId) === loading) this.#remember(check.session, Date.now());
      return check;
    });
    this.#loading.set(claims.sessionId, loading);
    try {
      return await loading;
    } finally {
      if (this.#loading.get(claims.sessionId) === loading) this.#loading.delete(claims.sessionId);
    }
  }

  /** Signs the session out on every replica: this one at once, the others within cacheTtlMs. */
  async revoke(sessionId: string): Promise<void> {
    await revokeSession({ knex: this.#options.knex, id: sessionId, at: new Date() });
    // Forgotten only now: a read that began before the row was revoked must not be cached after it.
    this.#cache.delete(sessionId);
    this.#loading.delete(sessionId);
  }

  async #read(id: string): Promise<SessionCheck> {
    const row = await selectSession({ knex: this.#options.knex, id });
    if (!row) return { ok: false, reason: 'The session is not known: sign in again' };
    if (row.revoked_at) return { ok: false, reason: 'The session was signed out: sign in again' };
    const session = sessionOfRow(row);
    if (session.expiresAt * 1000 <= Date.now()) return { ok: false, reason: 'The session has expired: sign in again' };
    return this.#stale(session, Date.now()) ? this.#refresh(session) : { ok: true, session };
  }

  /**
   * Reads the user from the catalog again, so that joining or leaving a group takes effect within
   * refreshIntervalMs. A user gone from the catalog keeps a session that owns only itself.
   */
  async #refresh(session: Session): Promise<SessionCheck> {
    const { catalog, knex, ownership } = this.#options;
    const resolvedAt = new Date();
    const user = await catalog.getEntityByRef(session.userEntityRef);
    const refs: UserRefs = user
      ? await resolveOwnershipRefs(catalog, user, ownership)
      : { ownershipEntityRefs: [session.userEntityRef], membershipEntityRefs: [session.userEntityRef] };
    const row = await updateSessionOwnership({ knex, id: session.sessionId, ...refs, resolvedAt });
    if (!row) return { ok: false, reason: 'The session was signed out: sign in again' };
    return { ok: true, session: sessionOfRow(row) };
  }

  #stale(session: Session, now: number): boolean {
    return now - session.resolvedAt >= this.#options.refreshIntervalMs;
  }

  #remember(session: Session, now: number): void {
    if (this.#options.cacheTtlMs <= 0) return;
    this.#cache.delete(session.sessionId);
    if (this.#cache.size >= MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(session.sessionId, { session, until: now + this.#options.cacheTtlMs });
  }
}

function sessionOfRow(row: DbSessionRow): Session {
  return {
    sessionId: row.id,
    expiresAt: Math.floor(new Date(row.expires_at).getTime() / 1000),
    userEntityRef: row.user_entity_ref,
    ownershipEntityRefs: row.ownership_refs,
    membershipEntityRefs: row.membership_refs,
    displayName: row.display_name ?? undefined,
    email: row.email ?? undefined,
    resolvedAt: new Date(row.resolved_at).getTime(),
  };
}
