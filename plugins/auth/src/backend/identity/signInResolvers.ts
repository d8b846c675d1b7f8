import { stringifyEntityRef, type Entity } from '@portal/catalog-model';
import { NotAllowedError, type OwnershipMode } from '@portal/backend-common';
import type { SignInConfig, SignInResolverName } from '../config.js';
import type { IdentityCatalog } from './IdentityCatalog.js';
import { resolveOwnershipRefs, type UserRefs } from './ownershipRefs.js';

/** What a provider tells us about the person signing in. */
export interface ProviderProfile {
  provider: string;
  email?: string;
  username?: string;
  displayName?: string;
}

export interface SignInResult extends UserRefs {
  userEntityRef: string;
  displayName?: string;
  email?: string;
}

type Resolver = (profile: ProviderProfile, catalog: IdentityCatalog) => Promise<Entity | undefined>;

const resolvers: Record<SignInResolverName, Resolver> = {
  emailMatchingUserEntityProfileEmail: async (profile, catalog) => (profile.email ? catalog.findUserByEmail(profile.email) : undefined),
  emailLocalPartMatchingUserEntityName: async (profile, catalog) => {
    const localPart = profile.email?.split('@')[0];
    return localPart ? catalog.findUserByName(localPart) : undefined;
  },
  usernameMatchingUserEntityName: async (profile, catalog) => (profile.username ? catalog.findUserByName(profile.username) : undefined),
};

export const defaultSignIn: NonNullable<SignInConfig> = {
  resolvers: [
    { resolver: 'emailMatchingUserEntityProfileEmail' },
    { resolver: 'emailLocalPartMatchingUserEntityName' },
    { resolver: 'usernameMatchingUserEntityName' },
  ],
  dangerouslyAllowSignInWithoutUserInCatalog: false,
};

/** Matches a provider's profile to a User entity, or refuses the sign-in with a message a person can act on. */
export async function resolveSignIn(
  profile: ProviderProfile,
  catalog: IdentityCatalog,
  config: SignInConfig,
  ownership: OwnershipMode = 'direct',
): Promise<SignInResult> {
  const signIn = config ?? defaultSignIn;
  for (const { resolver } of signIn.resolvers) {
    const user = await resolvers[resolver](profile, catalog);
    if (user) {
      const displayName = (user.spec?.profile as { displayName?: string } | undefined)?.displayName ?? profile.displayName;
      return {
        userEntityRef: stringifyEntityRef(user),
        ...(await resolveOwnershipRefs(catalog, user, ownership)),
        displayName,
        email: profile.email,
      };
    }
  }
  const who = profile.email ?? profile.username ?? 'this account';
  const name = profile.username ?? profile.email?.split('@')[0];
  if (signIn.dangerouslyAllowSignInWithoutUserInCatalog && name && /^[a-z0-9][a-z0-9._-]*$/i.test(name)) {
    const userEntityRef = `user:default/${name.toLowerCase()}`;
    return {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef],
      membershipEntityRefs: [userEntityRef],
      displayName: profile.displayName,
      email: profile.email,
    };
  }
  throw new NotAllowedError(
    `Sign-in refused: no User in the catalog matches ${who} (tried ${signIn.resolvers.map(r => r.resolver).join(', ')}). ` +
      'Ask an admin to add you to the catalog.',
  );
}
