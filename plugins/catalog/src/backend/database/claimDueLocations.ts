import type { Knex } from 'knex';
import { TABLES, type DbLocationRow } from './tables.js';

export interface ClaimOptions {
  /** Who claims, recorded for the status endpoint and for debugging stuck leases. */
  engineId: string;
  /** How long the claim holds if the claimer dies before releasing it. */
  leaseMs: number;
  /** When the location is due again after this refresh. */
  intervalMs: number;
}

/**
 * Claims up to `limit` locations whose refresh is due. The inner select locks the rows it picks
 * `FOR UPDATE SKIP LOCKED`: replicas claiming at the same moment skip each other's rows rather
 * than wait on them or claim them twice, and the lease written here keeps them claimed after the
 * statement commits, while the refresh runs without holding a transaction.
 */
export async function claimDueLocations(knex: Knex, options: ClaimOptions & { limit: number }): Promise<DbLocationRow[]> {
  const result = await knex.raw(
    `update ${TABLES.locations}
        set locked_until = now() + (? * interval '1 millisecond'),
            locked_by = ?,
            next_refresh_at = now() + (? * interval '1 millisecond')
      where id in (
        select id from ${TABLES.locations}
         where next_refresh_at <= now() and (locked_until is null or locked_until < now())
         order by next_refresh_at
         limit ?
         for update skip locked)
      returning *`,
    [options.leaseMs, options.engineId, options.intervalMs, options.limit],
  );
  return result.rows as DbLocationRow[];
}

/**
 * Claims one location now, whether due or not, unless another refresh holds it (then returns
 * undefined and the caller waits). Skips a row being claimed this instant for the same reason as
 * claimDueLocations.
 */
export async function claimLocation(knex: Knex, options: ClaimOptions & { id: string }): Promise<DbLocationRow | undefined> {
  const result = await knex.raw(
    `update ${TABLES.locations}
        set locked_until = now() + (? * interval '1 millisecond'),
            locked_by = ?,
            next_refresh_at = now() + (? * interval '1 millisecond')
      where id in (
        select id from ${TABLES.locations}
         where id = ? and (locked_until is null or locked_until < now())
         for update skip locked)
      returning *`,
    [options.leaseMs, options.engineId, options.intervalMs, options.id],
  );
  return (result.rows as DbLocationRow[])[0];
}
