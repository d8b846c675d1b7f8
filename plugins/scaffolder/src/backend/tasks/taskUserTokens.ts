import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError, tokenOfAuthorization, type CredentialsResolver } from '@portal/backend-common';

const PREFIX = 'portal-task.';
const TOKEN_LIFETIME_MS = 10 * 60_000;

export interface TaskUserTokens {
  /** A short-lived token that the portal's API reads as the given person, with their ownership. */
  issue(user: { userEntityRef: string; ownershipEntityRefs: string[] }): string;
  /** Add to the portal's HttpAuth: turns such a token back into the person's credentials. */
  resolver: CredentialsResolver;
}

/**
 * Tokens with which a running task calls the portal's own API as the person who started it
 * (http:backstage:request), so the call has that person's permissions and no more. Signed with a
 * key derived from the service token, which every replica shares, so any replica accepts them.
 */
export function createTaskUserTokens(secret: string): TaskUserTokens {
  const key = createHmac('sha256', 'scaffolder task user token').update(secret).digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    issue: user => {
      const payload = Buffer.from(JSON.stringify({ sub: user.userEntityRef, own: user.ownershipEntityRefs, exp: Date.now() + TOKEN_LIFETIME_MS })).toString(
        'base64url',
      );
      return `${PREFIX}${payload}.${sign(payload)}`;
    },
    resolver: req => {
      const token = req.headers.authorization ? tokenOfAuthorization(req.headers.authorization) : undefined;
      if (!token?.startsWith(PREFIX)) return undefined;
      const [payload = '', signature = ''] = token.slice(PREFIX.length).split('.');
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AuthenticationError('The task token is not valid');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; own: string[]; exp: number };
      if (claims.exp < Date.now()) throw new AuthenticationError('The task token has expired');
      // Read and write as the person would with a session; never more.
      return { type: 'user', userEntityRef: claims.sub, ownershipEntityRefs: claims.own };
    },
  };
}
