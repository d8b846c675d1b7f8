import type { Knex } from 'knex';
import type { Entity, EntityStatusItem } from '@portal/catalog-model';
import { inJsonList, jsonList } from './bulk.js';
import { TABLES } from './tables.js';

/** The name Backstage gives each kind of stored problem; list answers build theirs in SQL from it. */
export const ERROR_NAMES: Record<string, string> = {
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
  if ('refs' in by) query.whereRaw(...refsCondition('entity_ref', by.refs));
  else query.whereRaw('uid in (select jsonb_array_elements_text(?::jsonb)::uuid)', [jsonList(by.uids)]); // uuid, so the unique index serves it
  type Row = { entity_ref: string; uid: string; hash: string; entity: Entity; location_id: string | null; file: string; orphan: boolean };
  let rows: Row[];
  let relations: RelationRow[];
  let errors: ErrorRow[];
  if ('refs' in by) {
    // The refs are known up front, so the three reads go out side by side (one round trip's wait).
    [rows, relations, errors] = await Promise.all([query as Promise<Row[]>, selectRelations(knex, by.refs), selectErrors(knex, by.refs)]);
  } else {
    rows = (await query) as Row[];
    const refs = rows.map(r => r.entity_ref);
    [relations, errors] = rows.length === 0 ? [[], []] : await Promise.all([selectRelations(knex, refs), selectErrors(knex, refs)]);
  }
  if (rows.length === 0) return [];

  const relationsBySource = new Map<string, Array<{ type: string; targetRef: string }>>();
  for (const r of relations) {
    const list = relationsBySource.get(r.source_ref) ?? [];
    list.push({ type: r.type, targetRef: r.target_ref });
    relationsBySource.set(r.source_ref, list);
  }

  const statusByRef = new Map<string, EntityStatusItem[]>();
  for (const e of errors) {
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

type RelationRow = { source_ref: string; type: string; target_ref: string };
type ErrorRow = { entity_ref: string; type: string; message: string; file: string; line: number | null };

/** `column` is one of the refs: `= ?` for one ref (the entity page's read, planned in a tenth of the time), else inJsonList. */
function refsCondition(column: string, refs: string[]): [string, Knex.RawBinding[]] {
  return refs.length === 1 ? [`${column} = ?`, [refs[0]!]] : [inJsonList(column), [jsonList(refs)]];
}

/** Every relation whose source is one of the refs. */
async function selectRelations(knex: Knex, refs: string[]): Promise<RelationRow[]> {
  return (await knex(TABLES.relations)
    .whereRaw(...refsCondition('source_ref', refs))
    .distinct('source_ref', 'type', 'target_ref')
    .orderBy(['source_ref', 'type', 'target_ref'])) as RelationRow[];
}

/** The stored problems that concern the entities of the refs, oldest first. */
async function selectErrors(knex: Knex, refs: string[]): Promise<ErrorRow[]> {
  const [condition, bindings] = refsCondition('e.entity_ref', refs);
  const result = await knex.raw(
    `select e.entity_ref, r.type, r.message, r.file, r.line
       from ${TABLES.entities} e
       join ${TABLES.errors} r on r.location_id = e.location_id
        and (r.entity_ref = e.entity_ref or (r.entity_ref is null and r.type = 'parse' and r.file = e.file))
      where ${condition}
      order by r.id`,
    bindings,
  );
  return result.rows as ErrorRow[];
}
