import path from 'node:path';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type { RepositoryCatalog } from '@portal/git';

/** The part of the catalog's in-process client the git host's decisions need. */
export interface EntityFinder {
  findEntities(filter: Record<string, string>, options?: { limit?: number }): Promise<Entity[]>;
  getEntityByRef(ref: string): Promise<Entity | undefined>;
}

const MANAGED_BY = 'metadata.annotations.backstage.io/managed-by-location';
const SOURCE = 'metadata.annotations.backstage.io/source-location';

function ownerRefs(entities: Entity[]): string[] {
  const refs = new Set<string>();
  for (const entity of entities) {
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string' || !owner) continue;
    try {
      refs.add(stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' })));
    } catch {
      // A malformed owner grants nobody anything.
    }
  }
  return [...refs].sort();
}

const encodePath = (p: string) => p.split('/').filter(Boolean).map(encodeURIComponent).join('/');

/**
 * Answers the git host's questions from the catalog, by the location annotations the catalog
 * writes on every entity it reads from the portal's own host: a file's entities carry its
 * `…/blob/<branch>/<path>` as managed-by-location, and their folder's `…/tree/<branch>/<dir>/` as
 * source-location. A file that holds no entities (a docs page, a README) belongs to the entities
 * of the nearest folder above it that has some, so a component's team edits its docs.
 */
export function createRepositoryCatalog(catalog: EntityFinder, baseUrl: string): RepositoryCatalog {
  return {
    async ownersOf({ owner, repo, branch, path: filePath }) {
      const base = `${baseUrl}/git/${owner}/${repo}`;
      const ref = encodeURIComponent(branch);
      const clean = (filePath ?? '').split('/').filter(Boolean).join('/');
      if (clean) {
        const inFile = ownerRefs(await catalog.findEntities({ [MANAGED_BY]: `url:${base}/blob/${ref}/${encodePath(clean)}` }, { limit: 500 }));
        if (inFile.length > 0) return inFile;
      }
      // From the file's folder up to the root, the first folder whose entities have owners.
      for (let dir = clean ? path.posix.dirname(clean) : '.'; ; dir = path.posix.dirname(dir)) {
        const folder = dir === '.' ? '' : `${encodePath(dir)}/`;
        const found = ownerRefs(await catalog.findEntities({ [SOURCE]: `url:${base}/tree/${ref}/${folder}` }, { limit: 500 }));
        if (found.length > 0 || dir === '.') return found;
      }
    },
    async authorOf(userEntityRef) {
      const user = await catalog.getEntityByRef(userEntityRef);
      const profile = (user?.spec?.profile ?? {}) as { displayName?: unknown; email?: unknown };
      const name = typeof profile.displayName === 'string' && profile.displayName ? profile.displayName : user?.metadata.name;
      if (!name) return undefined;
      return { name, email: typeof profile.email === 'string' && profile.email ? profile.email : `${user!.metadata.name}@portal.invalid` };
    },
  };
}
