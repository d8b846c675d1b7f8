import type { Knex } from 'knex';
import { chunked } from './bulk.js';
import { TABLES } from './tables.js';

const UPSERT_CHUNK = 500;

/** An entity as read from a file of a location, ready to store. */
export interface EntityToUpsert {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  /** The entity with namespace and location annotations filled in. */
  entity: object;
  hash: string;
  file: string;
}

/**
 * Inserts or updates a location's entities in bulk, one statement per chunk. A row owned by
 * another location is left alone (the WHERE of the conflict clause), and its ref is missing from
 * the returned set, so the caller records a conflict instead of stealing the entity. Orphans
 * (location_id null) are adopted by the first location that declares them again.
 */
export async function upsertEntities(
  trx: Knex.Transaction,
  options: { locationId: string; commit: string | null; entities: EntityToUpsert[] },
): Promise<Set<string>> {
  const written = new Set<string>();
  for (const chunk of chunked(options.entities, UPSERT_CHUNK)) {
    const rows = chunk.map(e => ({
      entity_ref: e.ref,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      entity: e.entity,
      file: e.file,
      hash: e.hash,
    }));
    const result = await trx.raw(
      `insert into ${TABLES.entities} as e
         (entity_ref, kind, namespace, name, entity, location_id, file, commit, hash, orphan, refreshed_at)
       select x.entity_ref, x.kind, x.namespace, x.name, x.entity, ?, x.file, ?, x.hash, false, now()
         from json_to_recordset(?::json) as x(entity_ref text, kind text, namespace text, name text, entity json,
                                               file text, hash text)
       on conflict (entity_ref) do update set
         kind = excluded.kind, namespace = excluded.namespace, name = excluded.name, entity = excluded.entity,
         location_id = excluded.location_id, file = excluded.file, commit = excluded.commit, hash = excluded.hash, orphan = false, refreshed_at = now()
       where e.location_id = excluded.location_id or e.location_id is null
       returning entity_ref`,
      [options.locationId, options.commit, JSON.stringify(rows)],
    );
    for (const row of result.rows as Array<{ entity_ref: string }>) written.add(row.entity_ref);
  }
  return written;
}
