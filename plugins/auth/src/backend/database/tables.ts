export const SECRETS_TABLE = 'auth_secrets';
export const SESSIONS_TABLE = 'auth_sessions';
export const PERSONAL_TOKENS_TABLE = 'auth_personal_tokens';

/** A signed-in session; the cookie carries only its id. */
export interface DbSessionRow {
  id: string;
  user_entity_ref: string;
  ownership_refs: string[];
  /** The user and its direct groups, for the admin decision. */
  membership_refs: string[];
  display_name: string | null;
  email: string | null;
  created_at: Date | string;
  expires_at: Date | string;
  /** When the ownership refs were last read from the catalog. */
  resolved_at: Date | string;
  /** Set by sign-out; a revoked session is refused by every replica. */
  revoked_at: Date | string | null;
}

/** A personal access token; the token itself is never stored, only its SHA-256. */
export interface DbPersonalTokenRow {
  id: string;
  user_entity_ref: string;
  name: string;
  /** Hex SHA-256 of the whole token, prefix included. */
  token_hash: string;
  scope: 'read' | 'write';
  created_at: Date | string;
  expires_at: Date | string;
  /** Updated at most once a minute per token. */
  last_used_at: Date | string | null;
  /** Set when its owner revokes it; a revoked token is refused by every replica. */
  revoked_at: Date | string | null;
}
