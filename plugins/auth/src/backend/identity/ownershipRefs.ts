import { parseEntityRef, stringifyEntityRef, type Entity } from '@portal/catalog-model';
import type { IdentityCatalog } from './IdentityCatalog.js';

// Deep or cyclic group trees must not stall a sign-in.
const MAX_GROUPS = 500;

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef.toLowerCase());
}

/** Group refs named in the spec, for entities read before the catalog computed relations. */
function specRefs(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map(v => stringifyEntityRef(parseEntityRef(v, { defaultKind: 'group', defaultNamespace: 'default' })));
}

/**
 * The refs a user acts as an owner through: the user itself, the groups it is a member of, and
 * each of those groups' parents, transitively.
 */
export async function resolveOwnershipRefs(catalog: IdentityCatalog, user: Entity): Promise<string[]> {
  const userRef = stringifyEntityRef(user);
  const groups = new Set<string>();
  const queue = [...relationTargets(user, 'memberOf'), ...specRefs(user.spec?.memberOf)];
  while (queue.length > 0 && groups.size < MAX_GROUPS) {
    const ref = queue.shift()!;
    if (groups.has(ref)) continue;
    groups.add(ref);
    const group = await catalog.getEntityByRef(ref);
    if (!group) continue;
    queue.push(...relationTargets(group, 'childOf'), ...specRefs(group.spec?.parent));
  }
  return [userRef, ...[...groups].sort()];
}
