import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError, NotFoundError, type OwnershipMode } from '@portal/backend-common';
import { PERSONAL_TOKEN_PREFIX, type CreatedPersonalToken, type PersonalTokenInfo, type PersonalTokenScope } from '../../common/index.js';
import { insertPersonalToken } from '../database/insertPersonalToken.js';
import { markPersonalTokenUsed } from '../database/markPersonalTokenUsed.js';
import { revokePersonalToken } from '../database/revokePersonalToken.js';
import { selectPersonalTokenByHash, selectPersonalTokens } from '../database/selectPersonalTokens.js';
import type { DbPersonalTokenRow } from '../database/tables.js';
import type { IdentityCatalog } from '../identity/IdentityCatalog.js';
import { resolveOwnershipRefs, type UserRefs } from '../identity/ownershipRefs.js';

export interface PersonalTokensOptions {
  knex: Knex;
  catalog: IdentityCatalog;
  ownership: OwnershipMode;
  /**
   * How long this replica uses a token (and the person's groups) it has read before reading them
   * again: a revocation on another replica, or leaving a group, is honoured here this much later.
   */
  cacheTtlMs: number;
}

/** A token that checked out: the person it acts as, with what they own now. */
export interface PersonalTokenUser extends UserRefs {
  tokenId: string;
  userEntityRef: string;
  scope: PersonalTokenScope;
}

export type PersonalTokenCheck = { ok: true; user: PersonalTokenUser } | { ok: false; reason: string };

/** More than anyone needs; it keeps one person's list (and the page showing it) small. */
export const MAX_TOKENS_PER_PERSON = 50;
const MAX_CACHED = 10_000;
// last_used_at is for people deciding what to revoke: to the minute is plenty, and spares a write per request.
const USE_RECORD_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function infoOf(row: DbPersonalTokenRow): PersonalTokenInfo {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at)!,
    lastUsedAt: iso(row.last_used_at),
  };
}

/**
 * Personal access tokens: a random 32-byte secret behind a recognisable prefix, shown once and
 * stored as its SHA-256. A token acts as its person, with the groups the catalog gives them now.
 */
export class PersonalTokens {
  readonly #options: PersonalTokensOptions;
  readonly #cache = new Map<string, { check: PersonalTokenCheck; expiresAt: number; until: number }>();

  constructor(options: PersonalTokensOptions) {
    this.#options = options;
  }

  async create(input: { userEntityRef: string; name: string; scope: PersonalTokenScope; expiresInDays: number }): Promise<CreatedPersonalToken> {
    const { knex } = this.#options;
    const live = (await selectPersonalTokens({ knex, userEntityRef: input.userEntityRef })).filter(row => new Date(row.expires_at).getTime() > Date.now());
    if (live.length >= MAX_TOKENS_PER_PERSON) {
      throw new ConflictError(`You have ${live.length} tokens, the most one person may have: revoke one you no longer use`);
    }
    const token = `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await insertPersonalToken({
      knex,
      token: {
        id: randomUUID(),
        user_entity_ref: input.userEntityRef,
        name: input.name,
        token_hash: hashToken(token),
        scope: input.scope,
        expires_at: new Date(Date.now() + input.expiresInDays * 86_400_000),
      },
    });
    return { ...infoOf(row), token };
  }

  async list(userEntityRef: string): Promise<PersonalTokenInfo[]> {
    return (await selectPersonalTokens({ knex: this.#options.knex, userEntityRef })).map(infoOf);
  }

  /** Revokes one of the person's tokens on every replica: this one at once, others within cacheTtlMs. */
  async revoke(userEntityRef: string, id: string): Promise<void> {
    const revoked = await revokePersonalToken({ knex: this.#options.knex, id, userEntityRef, at: new Date() });
    for (const [hash, entry] of this.#cache) {
      if (entry.check.ok && entry.check.user.tokenId === id) this.#cache.delete(hash);
    }
    if (!revoked) throw new NotFoundError(`You have no token ${id}`);
  }

  async verify(token: string): Promise<PersonalTokenCheck> {
    const hash = hashToken(token);
    const now = Date.now();
    const cached = this.#cache.get(hash);
    if (cached && cached.until > now) {
      return cached.expiresAt > now ? cached.check : { ok: false, reason: 'The personal token has expired' };
    }
    const row = await selectPersonalTokenByHash({ knex: this.#options.knex, tokenHash: hash });
    if (!row) return { ok: false, reason: 'The personal token is not valid' };
    if (row.revoked_at) return { ok: false, reason: 'The personal token was revoked' };
    const expiresAt = new Date(row.expires_at).getTime();
    if (expiresAt <= now) return { ok: false, reason: 'The personal token has expired' };
    const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
    if (now - lastUsed >= USE_RECORD_INTERVAL_MS) await markPersonalTokenUsed({ knex: this.#options.knex, id: row.id, at: new Date(now) });
    const check: PersonalTokenCheck = {
      ok: true,
      user: { tokenId: row.id, userEntityRef: row.user_entity_ref, scope: row.scope, ...(await this.#refsOf(row.user_entity_ref)) },
    };
    if (this.#options.cacheTtlMs > 0) {
      if (this.#cache.size >= MAX_CACHED) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(hash, { check, expiresAt, until: now + this.#options.cacheTtlMs });
    }
    return check;
  }

  /** The person's groups as the catalog has them now; someone gone from the catalog owns only themselves. */
  async #refsOf(userEntityRef: string): Promise<UserRefs> {
    const { catalog, ownership } = this.#options;
    const user = await catalog.getEntityByRef(userEntityRef);
    return user ? resolveOwnershipRefs(catalog, user, ownership) : { ownershipEntityRefs: [userEntityRef], membershipEntityRefs: [userEntityRef] };
  }
}
