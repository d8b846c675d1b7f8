import type { Knex } from 'knex';
import picomatch from 'picomatch';
import type { Entity } from '@portal/catalog-model';
import { NotFoundError } from '@portal/backend-common';
import { GENERATED_LOCATION_PREFIX, locationEntityRef } from './locationEntityRef.js';
import { selectEntities } from './selectEntities.js';
import { TABLES, type TargetDecl } from './tables.js';

export interface AncestryItem {
  entity: Entity;
  parentEntityRefs: string[];
}

const MAX_DEPTH = 20;

/**
 * The chain of Location entities that led the catalog to an entity, as Backstage's ancestry
 * answers it: an entity's parent is the Location entity generated for the target that named its
 * file, whose parents are the Location entities declaring that target; an entity of a location's
 * own file has the location's generated Location entity as its parent, whose parents are the
 * Location entities of the location that registered it, if any.
 */
export async function selectEntityAncestry(knex: Knex, ref: string): Promise<{ rootEntityRef: string; items: AncestryItem[] }> {
  const items: AncestryItem[] = [];
  const seen = new Set<string>();
  let frontier = [ref];
  for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
    const entities = await selectEntities(knex, { refs: frontier });
    if (depth === 0 && entities.length === 0) throw new NotFoundError(`No entity named ${ref}`);
    const next: string[] = [];
    for (const entity of entities) {
      const entityRef = refOf(entity);
      if (seen.has(entityRef)) continue;
      seen.add(entityRef);
      const parents = await parentsOf(knex, entityRef);
      items.push({ entity, parentEntityRefs: parents });
      next.push(...parents.filter(p => !seen.has(p)));
    }
    frontier = next;
  }
  return { rootEntityRef: ref, items };
}

function refOf(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
}

async function parentsOf(knex: Knex, ref: string): Promise<string[]> {
  const row = await knex(`${TABLES.entities} as e`)
    .leftJoin(`${TABLES.locations} as l`, 'l.id', 'e.location_id')
    .where('e.entity_ref', ref)
    .first('e.location_id', 'e.file', 'e.kind', 'e.name', 'l.parent_id', 'l.type', 'l.target');
  if (!row?.location_id) return [];
  const locationRef = locationEntityRef(row.type, row.target);
  if (ref === locationRef) {
    // The registered location's own Location entity: a root, or led to by a Location entity of
    // the location that registered it.
    if (!row.parent_id) return [];
    return locationEntitiesTargeting(knex, row.parent_id, t => t.kind === 'external' && t.target === row.target);
  }
  if (String(row.kind).toLowerCase() === 'location' && String(row.name).startsWith(GENERATED_LOCATION_PREFIX)) {
    // Generated for a target: its parents are the Location entities of the file declaring it.
    const declaring = await knex(TABLES.entities)
      .where({ location_id: row.location_id, file: row.file })
      .whereRaw("lower(kind) = 'location'")
      .whereNot('name', 'like', `${GENERATED_LOCATION_PREFIX}%`)
      .select('entity_ref');
    return declaring.map((r: { entity_ref: string }) => r.entity_ref);
  }
  const targeting = await targetsNaming(knex, row.location_id, row.file);
  const generated = [...new Set(targeting.flatMap(t => (t.decl.kind !== 'external' && t.decl.entityRef ? [t.decl.entityRef] : [])))];
  if (generated.length > 0)
    return existing(
      knex,
      generated.filter(r => r !== ref),
    );
  if (targeting.length > 0) {
    // Targets stored before they named their generated entity: the Location entities declaring them.
    const own = await locationEntitiesIn(knex, row.location_id, [...new Set(targeting.map(t => t.path))]);
    return own.filter(r => r !== ref);
  }
  // An entity of the location's own file.
  const root = await existing(knex, [locationRef]);
  if (root.length > 0 || !row.parent_id) return root;
  return locationEntitiesTargeting(knex, row.parent_id, t => t.kind === 'external' && t.target === row.target);
}

/** The targets in a location's files that name a file, with the path of the file declaring each. */
async function targetsNaming(knex: Knex, locationId: string, file: string): Promise<Array<{ path: string; decl: TargetDecl }>> {
  return (await storedTargets(knex, locationId)).flatMap(f =>
    f.targets
      .filter(t => (t.kind === 'path' && t.path === file) || (t.kind === 'glob' && picomatch.isMatch(file, t.pattern)))
      .map(decl => ({ path: f.path, decl })),
  );
}

async function storedTargets(knex: Knex, locationId: string): Promise<Array<{ path: string; targets: TargetDecl[] }>> {
  return (await knex(TABLES.locationFiles).where({ location_id: locationId }).whereNotNull('targets').select('path', 'targets')) as Array<{
    path: string;
    targets: TargetDecl[];
  }>;
}

async function existing(knex: Knex, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const rows = await knex(TABLES.entities).whereIn('entity_ref', refs).select('entity_ref');
  const found = new Set(rows.map((r: { entity_ref: string }) => r.entity_ref));
  return refs.filter(r => found.has(r));
}

async function locationEntitiesIn(knex: Knex, locationId: string, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const rows = await knex(TABLES.entities)
    .where({ location_id: locationId })
    .whereRaw("lower(kind) = 'location'")
    .whereNot('name', 'like', `${GENERATED_LOCATION_PREFIX}%`)
    .whereIn('file', paths)
    .select('entity_ref');
  return rows.map((r: { entity_ref: string }) => r.entity_ref);
}

async function locationEntitiesTargeting(knex: Knex, locationId: string, matches: (t: TargetDecl) => boolean): Promise<string[]> {
  const paths = (await storedTargets(knex, locationId)).filter(f => f.targets.some(matches)).map(f => f.path);
  return locationEntitiesIn(knex, locationId, paths);
}
