import type { Knex } from 'knex';
import type { LocationError, LocationStatus } from '../../common/locationTypes.js';
import { locationEntityRef } from './locationEntityRef.js';
import { selectLocation } from './selectLocations.js';
import { TABLES, type DbErrorRow } from './tables.js';

const MAX_ERRORS = 1000;

export async function selectLocationStatus(knex: Knex, id: string): Promise<LocationStatus> {
  const location = await selectLocation(knex, id);
  const [{ count }] = await knex(TABLES.errors).where({ location_id: id }).count<Array<{ count: string | number }>>({ count: '*' });
  const [{ files }] = await knex(TABLES.locationFiles).where({ location_id: id }).count<Array<{ files: string | number }>>({ files: '*' });
  const errors = await knex(TABLES.errors).where({ location_id: id }).orderBy(['file', 'line', 'id']).limit(MAX_ERRORS).select<DbErrorRow[]>('*');
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: location.id,
    type: location.type,
    target: location.target,
    entityRef: locationEntityRef(location.type, location.target),
    lastCommit: location.last_commit,
    lastRefreshAt: iso(location.last_refresh_at),
    lastDurationMs: location.last_duration_ms,
    nextRefreshAt: new Date(location.next_refresh_at).toISOString(),
    refreshing: location.locked_until !== null && new Date(location.locked_until).getTime() > Date.now(),
    entityCount: location.entity_count,
    fileCount: Number(files),
    errorCount: Number(count),
    errors: errors.map(e => ({ file: e.file, line: e.line, entityRef: e.entity_ref, type: e.type as LocationError['type'], message: e.message })),
  };
}
