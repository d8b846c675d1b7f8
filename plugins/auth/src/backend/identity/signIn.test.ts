import { describe, expect, it } from 'vitest';
import type { Entity } from '@portal/catalog-model';
import { exampleOrg } from '../__fixtures__/testServer.js';
import { createCatalogIdentity } from './catalogIdentity.js';
import { createStaticIdentityCatalog } from './IdentityCatalog.js';
import { resolveOwnershipRefs } from './ownershipRefs.js';
import { resolveSignIn } from './signInResolvers.js';

const group = (name: string, parent?: string, withRelations = true): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', ...(parent ? { parent } : {}) },
  ...(withRelations && parent ? { relations: [{ type: 'childOf', targetRef: `group:default/${parent}` }] } : {}),
});

describe('resolveOwnershipRefs', () => {
  it('follows memberOf and parents transitively, through a cycle without looping', async () => {
    const user: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'kim' }, spec: { memberOf: ['a', 'group:default/x'] } };
    const catalog = createStaticIdentityCatalog([user, group('a', 'b'), group('b', 'c', false), group('c', 'a'), group('x')]);
    expect(await resolveOwnershipRefs(catalog, user)).toEqual([
      'user:default/kim',
      'group:default/a',
      'group:default/b',
      'group:default/c',
      'group:default/x',
    ]);
  });

  it('keeps groups the catalog does not know, as they may still own entities', async () => {
    const user: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'kim' }, spec: { memberOf: ['ghosts'] } };
    expect(await resolveOwnershipRefs(createStaticIdentityCatalog([user]), user)).toEqual(['user:default/kim', 'group:default/ghosts']);
  });
});

describe('resolveSignIn', () => {
  const catalog = createStaticIdentityCatalog(exampleOrg());

  it('tries the configured resolvers in order', async () => {
    const byUsername = { resolvers: [{ resolver: 'usernameMatchingUserEntityName' as const }], dangerouslyAllowSignInWithoutUserInCatalog: false };
    const result = await resolveSignIn({ provider: 'github', username: 'Sam', email: 'jane.doe@example.com' }, catalog, byUsername);
    expect(result.userEntityRef).toBe('user:default/sam');
    await expect(resolveSignIn({ provider: 'github', email: 'sam@example.com' }, catalog, byUsername)).rejects.toThrow(
      'Sign-in refused: no User in the catalog matches sam@example.com (tried usernameMatchingUserEntityName)',
    );
  });

  it('signs in people without a User only when configured to', async () => {
    const lenient = { resolvers: [{ resolver: 'emailMatchingUserEntityProfileEmail' as const }], dangerouslyAllowSignInWithoutUserInCatalog: true };
    const result = await resolveSignIn({ provider: 'oidc', email: 'Newcomer@corp.example' }, catalog, lenient);
    expect(result).toMatchObject({ userEntityRef: 'user:default/newcomer', ownershipEntityRefs: ['user:default/newcomer'] });
  });
});

describe('createCatalogIdentity', () => {
  const entities = exampleOrg();
  const client = {
    getEntityByRef: async (ref: string) => createStaticIdentityCatalog(entities).getEntityByRef(ref),
    findEntities: async (filter: Record<string, string>) =>
      entities.filter(e => e.kind.toLowerCase() === filter.kind && String((e.spec?.profile as { email?: string } | undefined)?.email).toLowerCase() === filter['spec.profile.email']!.toLowerCase()),
  };

  it('finds users by email and by name through the client', async () => {
    const identity = createCatalogIdentity(client);
    expect((await identity.findUserByEmail('JANE.DOE@example.com'))?.metadata.name).toBe('jane');
    expect((await identity.findUserByName('Sam'))?.metadata.name).toBe('sam');
  });

  it('matches nobody by an email two users share, and nobody by email without findEntities', async () => {
    const twins = [...entities, { ...entities[0]!, metadata: { name: 'jane2', namespace: 'default' } }];
    const shared = createCatalogIdentity({ ...client, findEntities: async () => twins.filter(e => (e.spec?.profile as { email?: string } | undefined)?.email === 'jane.doe@example.com') });
    expect(await shared.findUserByEmail('jane.doe@example.com')).toBeUndefined();
    expect(await createCatalogIdentity({ getEntityByRef: client.getEntityByRef }).findUserByEmail('jane.doe@example.com')).toBeUndefined();
  });
});
