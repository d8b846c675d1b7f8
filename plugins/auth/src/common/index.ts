export const AUTH_PLUGIN_ID = 'auth';

/** The httpOnly cookie holding the signed session. */
export const SESSION_COOKIE = 'portal-session';
/** Readable by scripts; its value goes back in the CSRF_HEADER of every write. */
export const CSRF_COOKIE = 'portal-csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface AuthProviderInfo {
  id: string;
  title: string;
  /** How the sign-in page starts it: a form POST for guest, a navigation for the others. */
  method: 'GET' | 'POST';
  startUrl: string;
}

/** What GET /api/auth/me answers for a signed-in user. */
export interface Identity {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  displayName?: string;
  email?: string;
  /** Unix seconds. */
  expiresAt: number;
  isAdmin: boolean;
}

/** Reads the CSRF token the backend set at sign-in; runs in the browser. */
export function readCsrfToken(cookieHeader: string): string | undefined {
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Every personal access token starts with this, so scanners and people can tell one on sight. */
export const PERSONAL_TOKEN_PREFIX = 'portal_pat_';

/** `read`: read and clone as the person; `write`: also change things and push. */
export type PersonalTokenScope = 'read' | 'write';

/** A personal access token as GET /api/auth/tokens lists it: never the token itself. */
export interface PersonalTokenInfo {
  id: string;
  name: string;
  scope: PersonalTokenScope;
  /** ISO timestamps. */
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/** What POST /api/auth/tokens answers, the one time the token is shown. */
export interface CreatedPersonalToken extends PersonalTokenInfo {
  token: string;
}

/** The expiries the settings page offers; the API takes any whole number of days up to the last. */
export const PERSONAL_TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
