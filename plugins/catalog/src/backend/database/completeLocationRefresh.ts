import type { Knex } from 'knex';
import { TABLES } from './tables.js';

/**
 * Ends a refresh that read the location: stores the commit and kinds it was read with and its
 * entity count, clears `force_full`, and frees the claim.
 */
export async function completeLocationRefresh(
  trx: Knex.Transaction,
  options: { id: string; commit: string | null; kindRules: string; durationMs: number; entityCount: number },
): Promise<void> {
  await trx(TABLES.locations).where({ id: options.id }).update({
    last_commit: options.commit,
    kind_rules: options.kindRules,
    last_refresh_at: trx.fn.now(),
    last_duration_ms: options.durationMs,
    entity_count: options.entityCount,
    force_full: false,
    locked_until: null,
    locked_by: null,
  });
}
