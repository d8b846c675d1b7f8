import type { Knex } from 'knex';
import { BULK_CHUNK_SIZE, chunked, inJsonList, jsonList } from './bulk.js';
import { TABLES, type FileProblem } from './tables.js';

/**
 * Replaces the stored problems of the given files of a location ('' is the location itself) with
 * the problems this refresh found in them.
 */
export async function replaceFileErrors(trx: Knex.Transaction, options: { locationId: string; files: string[]; problems: FileProblem[] }): Promise<void> {
  for (const chunk of chunked(options.files, BULK_CHUNK_SIZE * 5)) {
    await trx.raw(`delete from ${TABLES.errors} where location_id = ? and ${inJsonList('file')}`, [options.locationId, jsonList(chunk)]);
  }
  await insertErrors(trx, options.locationId, options.problems);
}

/**
 * Adds problems to files whose problems this refresh already stored (a conflict known only once
 * the whole location was read), and marks those files for re-processing.
 */
export async function appendFileErrors(trx: Knex.Transaction, options: { locationId: string; problems: FileProblem[] }): Promise<void> {
  await insertErrors(trx, options.locationId, options.problems);
  await trx.raw(`update ${TABLES.locationFiles} set has_errors = true where location_id = ? and ${inJsonList('path')}`, [
    options.locationId,
    jsonList([...new Set(options.problems.map(p => p.file))]),
  ]);
}

async function insertErrors(trx: Knex.Transaction, locationId: string, problems: FileProblem[]): Promise<void> {
  for (const chunk of chunked(problems, BULK_CHUNK_SIZE)) {
    const rows = chunk.map(p => ({ file: p.file, line: p.line ?? null, entity_ref: p.entityRef ?? null, type: p.type, message: p.message }));
    await trx.raw(
      `insert into ${TABLES.errors} (location_id, file, line, entity_ref, type, message)
       select ?, x.file, x.line, x.entity_ref, x.type, x.message
         from jsonb_to_recordset(?::jsonb) as x(file text, line integer, entity_ref text, type text, message text)`,
      [locationId, JSON.stringify(rows)],
    );
  }
}
