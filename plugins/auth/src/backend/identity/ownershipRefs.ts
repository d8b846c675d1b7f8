import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type { OwnershipMode } from '@portal/backend-common';
import type { IdentityCatalog } from './IdentityCatalog.js';

// Deep, wide or cyclic group trees must not stall a sign-in.
const MAX_GROUPS = 500;

/** What a signed-in person acts through. */
export interface UserRefs {
  /** What the person owns through: the user, its groups, and with `descendants` the groups below them. */
  ownershipEntityRefs: string[];
  /** The user and the groups it is a direct member of: what `permission.admins` is checked against. */
  membershipEntityRefs: string[];
}

function namespaceOf(entity: Entity): string {
  return entity.metadata.namespace || 'default';
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef.toLowerCase());
}

/** Group refs named in a spec field, resolved as the catalog resolves them (relative to the entity's namespace). */
function specGroupRefs(entity: Entity, field: string): string[] {
  const value = entity.spec?.[field];
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const refs: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || item === '') continue;
    try {
      refs.push(stringifyEntityRef(parseEntityRef(item, { defaultKind: 'group', defaultNamespace: namespaceOf(entity) })));
    } catch {
      // An unparseable ref is reported by the catalog's validation; it grants nothing here.
    }
  }
  return refs;
}

/**
 * The user's direct groups, from both sides of membership: the catalog turns a Group's
 * `spec.members` into `memberOf` relations on the user, and the user's own `spec.memberOf` is read
 * too, for entities read before the catalog computed relations.
 */
function directGroups(user: Entity): string[] {
  return [...new Set([...relationTargets(user, 'memberOf'), ...specGroupRefs(user, 'memberOf')])].sort();
}

/**
 * The groups below `groups`, transitively. A parent cannot claim a child: `spec.children` (and the
 * `parentOf` relations the catalog derives from either side) only nominate candidates, and a
 * candidate counts only when its own `spec.parent` names the group. So ownership flows down an
 * edge only when the group whose entities are at stake declared it; a group naming itself some
 * team's parent gains nothing over that team's entities.
 */
async function descendantGroups(catalog: IdentityCatalog, groups: string[]): Promise<string[]> {
  // Each group is read once however many parents nominate it, and a group nominating thousands of
  // children that do not name it back costs a bounded number of reads.
  const read = new Map<string, Promise<Entity | undefined>>();
  const entity = (ref: string) => {
    if (!read.has(ref)) read.set(ref, read.size < 2 * MAX_GROUPS ? catalog.getEntityByRef(ref) : Promise.resolve(undefined));
    return read.get(ref)!;
  };
  const seen = new Set(groups);
  const found: string[] = [];
  let level = groups;
  while (level.length > 0) {
    const next: string[] = [];
    for (const ref of level) {
      const group = await entity(ref);
      if (!group) continue;
      const candidates = new Set([...relationTargets(group, 'parentOf'), ...specGroupRefs(group, 'children')]);
      for (const candidate of candidates) {
        if (seen.has(candidate) || seen.size >= MAX_GROUPS) continue;
        const child = await entity(candidate);
        if (!child || !specGroupRefs(child, 'parent').includes(ref)) continue;
        seen.add(candidate);
        found.push(candidate);
        next.push(candidate);
      }
    }
    level = next;
  }
  return found;
}

/**
 * The refs a user acts through. Ownership is the user and its direct groups, and with
 * `descendants` also the groups below those; it never reaches the groups above.
 */
export async function resolveOwnershipRefs(catalog: IdentityCatalog, user: Entity, ownership: OwnershipMode = 'direct'): Promise<UserRefs> {
  const userRef = stringifyEntityRef(user);
  const groups = directGroups(user).slice(0, MAX_GROUPS);
  const below = ownership === 'descendants' ? await descendantGroups(catalog, groups) : [];
  return {
    ownershipEntityRefs: [userRef, ...[...new Set([...groups, ...below])].sort()],
    membershipEntityRefs: [userRef, ...groups],
  };
}
