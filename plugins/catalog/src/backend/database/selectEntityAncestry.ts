import type { Knex } from 'knex';
import picomatch from 'picomatch';
import type { Entity } from '@portal/catalog-model';
import { NotFoundError } from '@portal/backend-common';
import { selectEntities } from './selectEntities.js';
import { TABLES, type TargetDecl } from './tables.js';

export interface AncestryItem {
  entity: Entity;
  parentEntityRefs: string[];
}

const MAX_DEPTH = 20;

/**
 * The chain of Location entities that led the catalog to an entity, as Backstage's ancestry
 * answers it: an entity's parents are the Location entities whose targets name its file (in its
 * own location) or name its location (in the location that registered it).
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
    .first('e.location_id', 'e.file', 'l.parent_id', 'l.target');
  if (!row?.location_id) return [];
  const sameLocation = await locationEntitiesTargeting(knex, row.location_id, t =>
    (t.kind === 'path' && t.path === row.file) || (t.kind === 'glob' && picomatch.isMatch(row.file, t.pattern)),
  );
  const own = sameLocation.filter(r => r !== ref);
  if (own.length > 0 || !row.parent_id) return own;
  return locationEntitiesTargeting(knex, row.parent_id, t => t.kind === 'external' && t.target === row.target);
}

async function locationEntitiesTargeting(knex: Knex, locationId: string, matches: (t: TargetDecl) => boolean): Promise<string[]> {
  const files = (await knex(TABLES.locationFiles).where({ location_id: locationId }).whereNotNull('targets').select('path', 'targets')) as Array<{
    path: string;
    targets: TargetDecl[];
  }>;
  const paths = files.filter(f => f.targets.some(matches)).map(f => f.path);
  if (paths.length === 0) return [];
  const rows = await knex(TABLES.entities).where({ location_id: locationId }).whereRaw("lower(kind) = 'location'").whereIn('file', paths).select('entity_ref');
  return rows.map((r: { entity_ref: string }) => r.entity_ref);
}
