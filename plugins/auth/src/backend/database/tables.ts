export const SECRETS_TABLE = 'auth_secrets';
export const SESSIONS_TABLE = 'auth_sessions';

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
