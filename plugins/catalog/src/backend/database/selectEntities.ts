import type { Knex } from 'knex';
import type { Entity, EntityStatusItem } from '@portal/catalog-model';
import { jsonList } from './bulk.js';
import { TABLES } from './tables.js';

const ERROR_NAMES: Record<string, string> = {
  parse: 'InputError',
  validation: 'InputError',
  read: 'NotFoundError',
  rule: 'NotAllowedError',
  conflict: 'ConflictError',
  location: 'Error',
};

/**
 * Entities as Backstage returns them: the stored entity with uid and etag, its relations (every
 * relation whose source it is) and, in `status.items`, the problems that keep its last good
 * version in place.
 */
export async function selectEntities(knex: Knex, by: { refs: string[] } | { uids: string[] }): Promise<Entity[]> {
  const query = knex(TABLES.entities).select('entity_ref', 'uid', 'hash', 'entity', 'location_id', 'file', 'orphan');
  if ('refs' in by) query.whereRaw('entity_ref in (select jsonb_array_elements_text(?::jsonb))', [jsonList(by.refs)]);
  else query.whereRaw('uid in (select jsonb_array_elements_text(?::jsonb)::uuid)', [jsonList(by.uids)]); // uuid, so the unique index serves it
  const rows = (await query) as Array<{ entity_ref: string; uid: string; hash: string; entity: Entity; location_id: string | null; file: string; orphan: boolean }>;
  if (rows.length === 0) return [];
  const refs = jsonList(rows.map(r => r.entity_ref));

  const relations = await knex(TABLES.relations)
    // `= any(array(...))` lets the planner use the source_ref index; `in (select …)` over 100 rows it guesses drove it to a sequential scan.
    .whereRaw('source_ref = any(array(select jsonb_array_elements_text(?::jsonb)))', [refs])
    .distinct('source_ref', 'type', 'target_ref')
    .orderBy(['source_ref', 'type', 'target_ref']);
  const relationsBySource = new Map<string, Array<{ type: string; targetRef: string }>>();
  for (const r of relations as Array<{ source_ref: string; type: string; target_ref: string }>) {
    const list = relationsBySource.get(r.source_ref) ?? [];
    list.push({ type: r.type, targetRef: r.target_ref });
    relationsBySource.set(r.source_ref, list);
  }

  const errors = await knex.raw(
    `select e.entity_ref, r.type, r.message, r.file, r.line
       from ${TABLES.entities} e
       join ${TABLES.errors} r on r.location_id = e.location_id
        and (r.entity_ref = e.entity_ref or (r.entity_ref is null and r.type = 'parse' and r.file = e.file))
      where e.entity_ref in (select jsonb_array_elements_text(?::jsonb))
      order by r.id`,
    [refs],
  );
  const statusByRef = new Map<string, EntityStatusItem[]>();
  for (const e of errors.rows as Array<{ entity_ref: string; type: string; message: string; file: string; line: number | null }>) {
    const name = ERROR_NAMES[e.type] ?? 'Error';
    const where = e.line ? `${e.file}:${e.line}` : e.file;
    const message = `${where}: ${e.message}`;
    const items = statusByRef.get(e.entity_ref) ?? [];
    items.push({ type: 'backstage.io/catalog-processing', level: 'error', message: `${name}: ${message}`, error: { name, message } });
    statusByRef.set(e.entity_ref, items);
  }

  return rows.map(row => {
    const entity: Entity = {
      ...row.entity,
      metadata: {
        ...row.entity.metadata,
        ...(row.orphan && { annotations: { ...row.entity.metadata.annotations, 'backstage.io/orphan': 'true' } }),
        uid: row.uid,
        etag: row.hash,
      },
      relations: relationsBySource.get(row.entity_ref) ?? [],
    };
    const items = statusByRef.get(row.entity_ref);
    if (items) entity.status = { items };
    return entity;
  });
}
