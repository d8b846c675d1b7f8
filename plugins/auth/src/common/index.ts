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
