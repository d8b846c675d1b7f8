import type { Knex } from 'knex';
import { TABLES } from './tables.js';

/**
 * Ends a refresh that changed nothing (the head commit is the one last ingested): records when it
 * ran and frees the claim. The only write an unchanged location costs.
 */
export async function releaseLocation(knex: Knex, options: { id: string; engineId: string; durationMs: number }): Promise<void> {
  await knex(TABLES.locations)
    .where({ id: options.id, locked_by: options.engineId })
    .update({ locked_until: null, locked_by: null, last_refresh_at: knex.fn.now(), last_duration_ms: Math.round(options.durationMs) });
}

/** Ends a refresh that could not read the location at all, storing why on the location. */
export async function recordLocationFailure(knex: Knex, options: { id: string; engineId: string; durationMs: number; message: string }): Promise<void> {
  await knex.transaction(async trx => {
    const exists = await trx(TABLES.locations).where({ id: options.id }).first('id');
    if (!exists) return; // unregistered while it was being read
    await trx(TABLES.errors).where({ location_id: options.id, file: '', type: 'location' }).delete();
    await trx(TABLES.errors).insert({ location_id: options.id, file: '', line: null, entity_ref: null, type: 'location', message: options.message });
    await trx(TABLES.locations)
      .where({ id: options.id, locked_by: options.engineId })
      .update({ locked_until: null, locked_by: null, last_refresh_at: trx.fn.now(), last_duration_ms: Math.round(options.durationMs) });
  });
}
