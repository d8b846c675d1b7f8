import { fetchJson } from '@portal/app-api';
import type { CreatedPersonalToken, PersonalTokenInfo, PersonalTokenScope } from '../common/index.js';

export const tokensQueryKey = ['auth', 'tokens'] as const;

export async function fetchTokens(): Promise<PersonalTokenInfo[]> {
  return (await fetchJson<{ items: PersonalTokenInfo[] }>('/api/auth/tokens')).items;
}

export function createToken(input: { name: string; scope: PersonalTokenScope; expiresInDays: number }): Promise<CreatedPersonalToken> {
  return fetchJson<CreatedPersonalToken>('/api/auth/tokens', { method: 'POST', body: input });
}

export async function revokeToken(id: string): Promise<void> {
  await fetchJson<void>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
