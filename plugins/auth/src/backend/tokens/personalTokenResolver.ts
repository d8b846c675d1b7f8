import { AuthenticationError, tokenOfAuthorization, type CredentialsResolver } from '@portal/backend-common';
import { PERSONAL_TOKEN_PREFIX } from '../../common/index.js';
import type { PersonalTokens } from './PersonalTokens.js';

/**
 * Authenticates `Authorization: Bearer portal_pat_…` (and HTTP Basic with the token as password,
 * as git sends it) as the token's person. Other tokens are left to the static token resolver,
 * which refuses those it does not know.
 */
export function personalTokenResolver(tokens: PersonalTokens): CredentialsResolver {
  return async req => {
    const header = req.headers.authorization;
    const token = header ? tokenOfAuthorization(header) : undefined;
    if (!token?.startsWith(PERSONAL_TOKEN_PREFIX)) return undefined;
    const check = await tokens.verify(token);
    if (!check.ok) throw new AuthenticationError(check.reason);
    const { user } = check;
    return {
      type: 'user',
      userEntityRef: user.userEntityRef,
      ownershipEntityRefs: user.ownershipEntityRefs,
      membershipEntityRefs: user.membershipEntityRefs,
      access: user.scope,
    };
  };
}
