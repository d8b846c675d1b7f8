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
 * Sets the lease on the locations the inner select picks. That select locks its rows
 * `FOR UPDATE SKIP LOCKED`: replicas claiming at the same moment skip each other's rows rather
 * than wait on them or claim them twice, and the lease written here keeps them claimed after the
 * statement commits, while the refresh runs without holding a transaction.
 */
async function claim(knex: Knex, options: ClaimOptions, pick: { sql: string; bindings: Knex.RawBinding[] }): Promise<DbLocationRow[]> {
  const result = await knex.raw(
    `update ${TABLES.locations}
        set locked_until = now() + (? * interval '1 millisecond'),
            locked_by = ?,
            next_refresh_at = now() + (? * interval '1 millisecond')
      where id in (
        select id from ${TABLES.locations}
         where (locked_until is null or locked_until < now()) and ${pick.sql}
         for update skip locked)
      returning *`,
    [options.leaseMs, options.engineId, options.intervalMs, ...pick.bindings],
  );
  return result.rows as DbLocationRow[];
}

/** Claims up to `limit` locations whose refresh is due, the longest overdue first. */
export async function claimDueLocations(knex: Knex, options: ClaimOptions & { limit: number }): Promise<DbLocationRow[]> {
  return claim(knex, options, { sql: 'next_refresh_at <= now() order by next_refresh_at limit ?', bindings: [options.limit] });
}

/**
 * Claims one location now, whether due or not, unless another refresh holds it (then returns
 * undefined and the caller waits).
 */
export async function claimLocation(knex: Knex, options: ClaimOptions & { id: string }): Promise<DbLocationRow | undefined> {
  return (await claim(knex, options, { sql: 'id = ?', bindings: [options.id] }))[0];
}
