import { useQuery } from '@tanstack/react-query';
import type { Identity } from '../common/index.js';
import { fetchIdentity, identityQueryKey } from './api.js';

/**
 * The signed-in user: `identity` is null when nobody is signed in. Pages use
 * `identity.ownershipEntityRefs` for "owned by me" filters.
 */
export function useIdentity(): { identity: Identity | null | undefined; isLoading: boolean; error: unknown } {
  const query = useQuery({ queryKey: identityQueryKey, queryFn: fetchIdentity, staleTime: 60_000 });
  return { identity: query.data, isLoading: query.isLoading, error: query.error };
}

/** The group refs among the ownership refs: the user's groups and their parents. */
export function groupsOf(identity: Identity): string[] {
  return identity.ownershipEntityRefs.filter(ref => ref.startsWith('group:'));
}
