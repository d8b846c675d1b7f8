import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '@portal/backend-common';
import { REREAD_FILE_HASH } from './deleteEntityForReread.js';
import { TABLES, type DbLocationRow, type LocationType } from './tables.js';

/**
 * Points a location registered through the API at another target, due for a full refresh now
 * with every stored file to be processed again: the new target's files replace the old ones',
 * and entities the new files no longer declare leave as a removed file's would.
 */
export async function updateLocationTarget(
  knex: Knex,
  input: { id: string; type: LocationType; target: string; repoUrl: string | null },
): Promise<DbLocationRow> {
  return knex.transaction(async trx => {
    const row = await trx(TABLES.locations).where({ id: input.id }).forUpdate().first<DbLocationRow | undefined>();
    if (!row) throw new NotFoundError(`No location with id ${input.id}`);
    if (row.origin !== 'api') {
      throw new ConflictError(`Location ${input.id} comes from ${row.origin === 'config' ? 'catalog.locations' : 'a Location entity'}; change it there`);
    }
    const taken = await trx(TABLES.locations).where({ type: input.type, target: input.target }).whereNot({ id: input.id }).first('id');
    if (taken) throw new ConflictError(`Location ${input.type}:${input.target} is already registered`);
    await trx(TABLES.locationFiles).where({ location_id: input.id }).update({ hash: REREAD_FILE_HASH });
    const [updated] = await trx(TABLES.locations)
      .where({ id: input.id })
      .update({ type: input.type, target: input.target, repo_url: input.repoUrl, last_commit: null, force_full: true, next_refresh_at: trx.fn.now() })
      .returning('*');
    return updated as DbLocationRow;
  });
}
