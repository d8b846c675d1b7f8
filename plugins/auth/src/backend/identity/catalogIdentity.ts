import type { Entity } from '@portal/catalog-model';
import type { IdentityCatalog } from './IdentityCatalog.js';

/**
 * The part of the catalog's in-process client that sign-in uses. `findEntities` matches every
 * key=value of the filter (case-insensitive, Backstage's filter semantics).
 */
export interface IdentityCatalogClient {
  getEntityByRef(ref: string): Promise<Entity | undefined>;
  /** Needed for matching by email; without it only the name-based resolvers can match. */
  findEntities?(filter: Record<string, string>, options?: { limit?: number }): Promise<Entity[]>;
}

/** An IdentityCatalog over the catalog plugin's client. */
export function createCatalogIdentity(client: IdentityCatalogClient): IdentityCatalog {
  return {
    async findUserByEmail(email) {
      if (!client.findEntities) return undefined;
      const users = await client.findEntities({ kind: 'user', 'spec.profile.email': email }, { limit: 2 });
      // Two people sharing an address cannot tell us which one is signing in: match neither.
      return users.length === 1 ? users[0] : undefined;
    },
    findUserByName: name => client.getEntityByRef(`user:default/${name.toLowerCase()}`),
    getEntityByRef: ref => client.getEntityByRef(ref),
  };
}
