import { stringifyEntityRef, type Entity } from '@portal/catalog-model';

/** What sign-in needs from the catalog: finding User entities and reading groups. */
export interface IdentityCatalog {
  /** The User entity whose `spec.profile.email` is this address (case-insensitive). */
  findUserByEmail(email: string): Promise<Entity | undefined>;
  /** The User entity with this `metadata.name` in the default namespace. */
  findUserByName(name: string): Promise<Entity | undefined>;
  getEntityByRef(ref: string): Promise<Entity | undefined>;
}

/** An IdentityCatalog over a fixed list of entities, for tests and for config-defined users. */
export function createStaticIdentityCatalog(entities: Entity[]): IdentityCatalog {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const users = entities.filter(e => e.kind.toLowerCase() === 'user');
  return {
    findUserByEmail: async email =>
      users.find(u => String((u.spec?.profile as { email?: unknown } | undefined)?.email ?? '').toLowerCase() === email.toLowerCase()),
    findUserByName: async name => users.find(u => (u.metadata.namespace ?? 'default') === 'default' && u.metadata.name.toLowerCase() === name.toLowerCase()),
    getEntityByRef: async ref => byRef.get(ref.toLowerCase()),
  };
}
