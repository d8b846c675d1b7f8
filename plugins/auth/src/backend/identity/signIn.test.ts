import { describe, expect, it } from 'vitest';
import type { Entity } from '@portal/catalog-model';
import { exampleOrg, withRelations } from '../__fixtures__/testServer.js';
import { createCatalogIdentity } from './catalogIdentity.js';
import { createStaticIdentityCatalog } from './IdentityCatalog.js';
import { resolveOwnershipRefs } from './ownershipRefs.js';
import { resolveSignIn } from './signInResolvers.js';

const user = (name: string, memberOf: string[]): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name }, spec: { memberOf } });
const group = (name: string, spec: { parent?: string; children?: string[] } = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', ...spec },
});
const refsOf = async (entities: Entity[], name: string, ownership: 'direct' | 'descendants' = 'direct') => {
  const catalog = createStaticIdentityCatalog(withRelations(entities));
  return resolveOwnershipRefs(catalog, (await catalog.findUserByName(name))!, ownership);
};

describe('resolveOwnershipRefs', () => {
  const tree = [
    user('kim', ['a', 'group:default/x']),
    group('a', { parent: 'b' }),
    group('b', { parent: 'c' }),
    group('c'),
    group('x'),
    group('a1', { parent: 'a' }),
    group('a2', { parent: 'a1' }),
  ];

  it('owns through the user and its direct groups only, never through their parents or children', async () => {
    const refs = await refsOf(tree, 'kim');
    expect(refs.ownershipEntityRefs).toEqual(['user:default/kim', 'group:default/a', 'group:default/x']);
    expect(refs.membershipEntityRefs).toEqual(['user:default/kim', 'group:default/a', 'group:default/x']);
  });

  it("reads membership from both sides: the user's spec.memberOf and a group's spec.members", async () => {
    const entities = [user('kim', []), { ...group('y'), spec: { type: 'team', members: ['kim'] } }];
    expect((await refsOf(entities, 'kim')).ownershipEntityRefs).toEqual(['user:default/kim', 'group:default/y']);
    // Before the catalog computed relations, the user's own spec still counts.
    const bare = user('kim', ['ghosts']);
    expect((await resolveOwnershipRefs(createStaticIdentityCatalog([bare]), bare)).ownershipEntityRefs).toEqual(['user:default/kim', 'group:default/ghosts']);
  });

  it('with descendants, owns through the groups below, transitively, but admin refs stay direct', async () => {
    const refs = await refsOf(tree, 'kim', 'descendants');
    expect(refs.ownershipEntityRefs).toEqual(['user:default/kim', 'group:default/a', 'group:default/a1', 'group:default/a2', 'group:default/x']);
    expect(refs.membershipEntityRefs).toEqual(['user:default/kim', 'group:default/a', 'group:default/x']);
  });

  it("with descendants, follows an edge only when the child's spec.parent names the group", async () => {
    // claims lists team as a child (spec.children, hence a parentOf relation), but team's parent is a.
    const entities = [user('kim', ['claims']), group('claims', { children: ['team'] }), group('a'), group('team', { parent: 'a' })];
    expect((await refsOf(entities, 'kim', 'descendants')).ownershipEntityRefs).toEqual(['user:default/kim', 'group:default/claims']);
    // A child found only through spec.children (no relations yet) counts once it names the parent back.
    const bare = [user('kim', ['p']), group('p', { children: ['q'] }), group('q', { parent: 'group:default/p' })];
    const catalog = createStaticIdentityCatalog(bare);
    expect((await resolveOwnershipRefs(catalog, bare[0]!, 'descendants')).ownershipEntityRefs).toEqual([
      'user:default/kim',
      'group:default/p',
      'group:default/q',
    ]);
  });

  it('with descendants, stops at cycles and at 500 groups', async () => {
    const cycle = [user('kim', ['a']), group('a', { parent: 'b', children: ['b'] }), group('b', { parent: 'a', children: ['a'] })];
    expect((await refsOf(cycle, 'kim', 'descendants')).ownershipEntityRefs).toEqual(['user:default/kim', 'group:default/a', 'group:default/b']);
    const chain = [user('kim', ['g0']), ...Array.from({ length: 700 }, (_, i) => group(`g${i}`, i > 0 ? { parent: `g${i - 1}` } : {}))];
    const refs = await refsOf(chain, 'kim', 'descendants');
    expect(refs.ownershipEntityRefs).toHaveLength(1 + 500);
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
    expect(result).toMatchObject({
      userEntityRef: 'user:default/newcomer',
      ownershipEntityRefs: ['user:default/newcomer'],
      membershipEntityRefs: ['user:default/newcomer'],
    });
  });
});

describe('createCatalogIdentity', () => {
  const entities = exampleOrg();
  const client = {
    getEntityByRef: async (ref: string) => createStaticIdentityCatalog(entities).getEntityByRef(ref),
    findEntities: async (filter: Record<string, string>) =>
      entities.filter(
        e =>
          e.kind.toLowerCase() === filter.kind &&
          String((e.spec?.profile as { email?: string } | undefined)?.email).toLowerCase() === filter['spec.profile.email']!.toLowerCase(),
      ),
  };

  it('finds users by email and by name through the client', async () => {
    const identity = createCatalogIdentity(client);
    expect((await identity.findUserByEmail('JANE.DOE@example.com'))?.metadata.name).toBe('jane');
    expect((await identity.findUserByName('Sam'))?.metadata.name).toBe('sam');
  });

  it('matches nobody by an email two users share, and nobody by email without findEntities', async () => {
    const twins = [...entities, { ...entities[0]!, metadata: { name: 'jane2', namespace: 'default' } }];
    const shared = createCatalogIdentity({
      ...client,
      findEntities: async () => twins.filter(e => (e.spec?.profile as { email?: string } | undefined)?.email === 'jane.doe@example.com'),
    });
    expect(await shared.findUserByEmail('jane.doe@example.com')).toBeUndefined();
    expect(await createCatalogIdentity({ getEntityByRef: client.getEntityByRef }).findUserByEmail('jane.doe@example.com')).toBeUndefined();
  });
});
