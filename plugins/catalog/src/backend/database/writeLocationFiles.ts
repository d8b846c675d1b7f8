import type { Knex } from 'knex';
import { BULK_CHUNK_SIZE, chunked, inJsonList, jsonList } from './bulk.js';
import { TABLES, type DbLocationFileRow } from './tables.js';

/** Records the files a refresh processed (hash, targets) and forgets the ones it removed. */
export async function writeLocationFiles(
  trx: Knex.Transaction,
  options: { locationId: string; files: Array<Omit<DbLocationFileRow, 'location_id'>>; removed: string[] },
): Promise<void> {
  for (const chunk of chunked(options.removed, BULK_CHUNK_SIZE * 5)) {
    await trx.raw(`delete from ${TABLES.locationFiles} where location_id = ? and ${inJsonList('path')}`, [options.locationId, jsonList(chunk)]);
  }
  for (const chunk of chunked(options.files, BULK_CHUNK_SIZE * 5)) {
    await trx.raw(
      `insert into ${TABLES.locationFiles} (location_id, path, hash, has_errors, targets)
       select ?, x.path, x.hash, x.has_errors, x.targets
         from jsonb_to_recordset(?::jsonb) as x(path text, hash text, has_errors boolean, targets jsonb)
       on conflict (location_id, path) do update set
         hash = excluded.hash, has_errors = excluded.has_errors, targets = excluded.targets`,
      [options.locationId, JSON.stringify(chunk)],
    );
  }
}

/** The location's files (or those of `paths`) as last processed, for the next refresh to compare against. */
export async function readLocationFiles(
  knex: Knex,
  locationId: string,
  paths?: string[],
): Promise<Map<string, Omit<DbLocationFileRow, 'location_id' | 'path'>>> {
  const query = knex(TABLES.locationFiles).where({ location_id: locationId });
  if (paths) query.whereRaw(inJsonList('path'), [jsonList(paths)]);
  const rows = await query.select<DbLocationFileRow[]>('path', 'hash', 'has_errors', 'targets');
  return new Map(rows.map(r => [r.path, { hash: r.hash, has_errors: r.has_errors, targets: r.targets }]));
}
