import type { Knex } from 'knex';
import type { Entity } from '@portal/catalog-model';
import { projectFields } from '../projectFields.js';
import { inJsonList, jsonList } from './bulk.js';
import { ERROR_NAMES } from './selectEntities.js';
import { metadataEnd } from './spliceMetadata.js';
import { TABLES } from './tables.js';

/** Which entities: named by canonical ref, or the next ones in ref order (a whole-catalog read). */
export type EntityJsonSelection = { refs: string[] } | { afterRef: string | undefined; limit: number };

/**
 * Entities as JSON text, for list answers: the same document selectEntities assembles (the stored
 * entity in its author's key order, `metadata.uid` and `etag`, the orphan annotation, `relations`
 * and `status.items`), or only its dotted `fields`, as projectFields keeps them.
 *
 * The stored entities are read as text, and their relations and problems come aggregated by the
 * database, each as one JSON array per entity; only what the fields need is read: relations and
 * problems only when asked for, and fields the entity table holds as columns (kind, name,
 * namespace, uid, etag) are projected by the database itself, so such a list never parses an
 * entity at all.
 *
 * Answers `[ref, json]` pairs in the order of the refs (in ref order for `afterRef`), leaving
 * out refs that name nothing.
 */
export async function selectEntityJson(knex: Knex, selection: EntityJsonSelection, fields?: string[]): Promise<Array<[string, string]>> {
  const wanted = fields && fields.length > 0 ? fields : undefined;
  const columns = wanted && columnProjection(wanted);
  if (columns) {
    // Fields the table holds as columns: one statement, and no entity is read at all.
    const [where, bindings] = selectionSql(selection);
    const result = await knex.raw(`select e.entity_ref as ref, ${columns}::text as json from ${TABLES.entities} e ${where}`, bindings);
    const rows = (result.rows as Array<{ ref: string; json: string }>).map(r => [r.ref, r.json] as [string, string]);
    return 'refs' in selection ? inOrder(selection.refs, new Map(rows)) : rows;
  }

  let refs: string[];
  if ('refs' in selection) refs = selection.refs;
  else {
    // The next refs come from the primary key alone; the reads below then go out side by side.
    const [where, bindings] = selectionSql(selection);
    refs = ((await knex.raw(`select e.entity_ref from ${TABLES.entities} e ${where}`, bindings)).rows as Array<{ entity_ref: string }>).map(r => r.entity_ref);
  }
  if (refs.length === 0) return [];
  const withRelations = !wanted || wanted.some(f => f.split('.')[0] === 'relations');
  const withStatus = !wanted || wanted.some(f => f.split('.')[0] === 'status');
  type Row = { ref: string; entity: string; uid: string; hash: string; orphan: boolean };
  const [{ rows }, relations, problems] = await Promise.all([
    knex.raw(
      `select e.entity_ref as ref, e.entity::text as entity, e.uid::text as uid, e.hash, e.orphan from ${TABLES.entities} e ${selectionSql({ refs })[0]}`,
      [jsonList(refs)],
    ) as Promise<{ rows: Row[] }>,
    withRelations ? aggregateByRef(knex, RELATIONS, refs) : new Map<string, string>(),
    withStatus ? aggregateByRef(knex, STATUS_ITEMS, refs) : new Map<string, string>(),
  ]);
  const texts = new Map<string, string>();
  for (const row of rows) {
    const related = withRelations ? (relations.get(row.ref) ?? '[]') : undefined;
    const items = problems.get(row.ref);
    const spliced = wanted ? undefined : spliceServedParts(row, related!, items);
    if (spliced !== undefined) {
      texts.set(row.ref, spliced);
      continue;
    }
    // Set in place on the freshly parsed entity: a stored key keeps its place, new ones go last.
    const entity = JSON.parse(row.entity) as Entity;
    if (row.orphan) entity.metadata.annotations = { ...entity.metadata.annotations, 'backstage.io/orphan': 'true' };
    entity.metadata.uid = row.uid;
    entity.metadata.etag = row.hash;
    if (related !== undefined) entity.relations = JSON.parse(related);
    if (items) entity.status = { items: JSON.parse(items) };
    texts.set(row.ref, JSON.stringify(wanted ? projectFields(entity, wanted) : entity));
  }
  return inOrder(refs, texts);
}

/**
 * The served entity as text, without parsing the stored one: uid and etag go in last in its
 * metadata, relations and problems last in the entity, as the parsed path puts them. Undefined
 * when the stored text might hold keys the served parts replace (then the entity is parsed), or
 * for an orphan, whose annotations change.
 */
function spliceServedParts(
  row: { entity: string; uid: string; hash: string; orphan: boolean },
  relations: string,
  items: string | undefined,
): string | undefined {
  const text = row.entity;
  if (row.orphan || text.includes('"uid"') || text.includes('"etag"') || text.includes('"relations"') || text.includes('"status"')) return undefined;
  const end = metadataEnd(text);
  const close = text.lastIndexOf('}');
  if (!end || close <= end.close) return undefined;
  const served = `"uid":${JSON.stringify(row.uid)},"etag":${JSON.stringify(row.hash)}`;
  const status = items ? `,"status":{"items":${items}}` : '';
  return `${text.slice(0, end.close)}${end.empty ? '' : ','}${served}${text.slice(end.close, close)},"relations":${relations}${status}${text.slice(close)}`;
}

/** The where clause (with order and limit for a batch in ref order) of a selection, and its bindings. */
function selectionSql(selection: EntityJsonSelection): [string, Knex.RawBinding[]] {
  if ('refs' in selection) return [`where ${inJsonList('e.entity_ref')}`, [jsonList(selection.refs)]];
  const after = selection.afterRef === undefined ? '' : 'where e.entity_ref > ?';
  return [`${after} order by e.entity_ref limit ${Math.floor(selection.limit)}`, selection.afterRef === undefined ? [] : [selection.afterRef]];
}

/** The texts in the order of the refs, leaving out refs that name nothing. */
function inOrder(refs: string[], texts: Map<string, string>): Array<[string, string]> {
  return refs.flatMap(ref => {
    const text = texts.get(ref);
    return text === undefined ? [] : [[ref, text] as [string, string]];
  });
}

// The name Backstage gives each kind of stored problem, from the table selectEntities uses (fixed words, not input).
const ERROR_NAME = `case r.type ${Object.entries(ERROR_NAMES)
  .map(([type, name]) => `when '${type}' then '${name}'`)
  .join(' ')} else 'Error' end`;

// Each entity's relations (those whose source it is) as one JSON array, for the entities of a list.
const RELATIONS = `select d.source_ref as ref, json_agg(json_build_object('type', d.type, 'targetRef', d.target_ref) order by d.type, d.target_ref)::text as json
    from (select distinct rel.source_ref, rel.type, rel.target_ref from ${TABLES.relations} rel where ${inJsonList('rel.source_ref')}) d
   group by d.source_ref`;

// Each entity's stored problems as status items, oldest first, worded as selectEntities words them:
// those naming the entity, and parse errors of its file. Read from the problems' side, since a
// catalog has few of them and a list many entities.
const STATUS_ITEMS = `select p.ref, json_agg(json_build_object(
      'type', 'backstage.io/catalog-processing', 'level', 'error',
      'message', p.name || ': ' || p.place || ': ' || p.message,
      'error', json_build_object('name', p.name, 'message', p.place || ': ' || p.message)) order by p.id)::text as json
    from (select q.ref, r.id, r.message, ${ERROR_NAME} as name, case when r.line is not null then r.file || ':' || r.line else r.file end as place
            from ${TABLES.errors} r
            join lateral (
                   select e.entity_ref as ref from ${TABLES.entities} e
                    where r.entity_ref is not null and e.entity_ref = r.entity_ref and e.location_id = r.location_id
                   union all
                   select e.entity_ref from ${TABLES.entities} e
                    where r.entity_ref is null and r.type = 'parse' and e.location_id = r.location_id and e.file = r.file) q on true
           where r.entity_ref is null or ${inJsonList('r.entity_ref')}) p
   where ${inJsonList('p.ref')}
   group by p.ref`;

/** One of the aggregates above for the refs, as a map from ref to its JSON text. */
async function aggregateByRef(knex: Knex, sql: string, refs: string[]): Promise<Map<string, string>> {
  const list = jsonList(refs);
  // Every placeholder of these statements is the list of refs.
  const result = await knex.raw(
    sql,
    Array.from(sql.matchAll(/\?/g), () => list),
  );
  return new Map((result.rows as Array<{ ref: string; json: string }>).map(r => [r.ref, r.json]));
}

// Served fields the entity table keeps as columns; every stored entity has each of them.
const COLUMN_FIELDS: Record<string, string> = {
  kind: 'e.kind',
  'metadata.name': 'e.name',
  'metadata.namespace': 'e.namespace',
  'metadata.uid': 'e.uid::text',
  'metadata.etag': 'e.hash',
};

/** The fields as a json_build_object over columns, when each is one; undefined otherwise. */
function columnProjection(fields: string[]): string | undefined {
  if (!fields.every(f => f in COLUMN_FIELDS)) return undefined;
  const top: string[] = [];
  const metadata: string[] = [];
  for (const field of new Set(fields)) {
    const pair = `'${field.replace(/^metadata\./, '')}', ${COLUMN_FIELDS[field]}`;
    if (field.startsWith('metadata.')) {
      // The metadata object sits where its first field is named, as projectFields places it.
      if (metadata.length === 0) top.push('metadata');
      metadata.push(pair);
    } else top.push(pair);
  }
  return `json_build_object(${top.map(p => (p === 'metadata' ? `'metadata', json_build_object(${metadata.join(', ')})` : p)).join(', ')})`;
}
