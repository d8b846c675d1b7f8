import { fetchJson, ResponseError } from '@portal/app-api';
import type { AuthProviderInfo, Identity } from '../common/index.js';

export const identityQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when nobody is (or the session has expired). */
export async function fetchIdentity(): Promise<Identity | null> {
  try {
    return await fetchJson<Identity>('/api/auth/me');
  } catch (error) {
    if (error instanceof ResponseError && error.statusCode === 401) return null;
    throw error;
  }
}

export async function fetchProviders(): Promise<AuthProviderInfo[]> {
  return (await fetchJson<{ providers: AuthProviderInfo[] }>('/api/auth/providers')).providers;
}

export async function signOut(): Promise<void> {
  await fetchJson<void>('/api/auth/sign-out', { method: 'POST' });
}

/** Where to return after signing in: a path inside the portal, never another site. */
export function safeRedirect(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || value.startsWith('/sign-in')) return '/';
  return value;
}
