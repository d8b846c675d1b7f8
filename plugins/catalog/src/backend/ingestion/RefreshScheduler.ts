import { ServiceUnavailableError } from '@portal/backend-common';
import { claimDueLocations, claimLocation } from '../database/claimDueLocations.js';
import { selectLocation } from '../database/selectLocations.js';
import type { DbLocationRow } from '../database/tables.js';
import type { RefreshOutcome } from '../metrics.js';
import { refreshLocation, type RefreshDeps } from './refreshLocation.js';

/** Told when this replica starts and ends a location's refresh (metrics, tests, logs). */
export type RefreshObserver = (event: { locationId: string; engineId: string; phase: 'start' | 'end'; outcome?: RefreshOutcome }) => void;

const WAIT_STEP_MS = 25;
const WAIT_LIMIT_MS = 120_000;

/**
 * Refreshes locations: due ones on a timer, claimed in batches so replicas share them, and single
 * ones on demand (a push, an API call), waiting for another replica's refresh of the same
 * location to end first so the caller's change is seen.
 */
export class RefreshScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking = false;
  private tickAgain = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: RefreshDeps,
    private readonly observer?: RefreshObserver,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Refreshes one location now and resolves when its result is stored. */
  async refreshNow(id: string): Promise<RefreshOutcome> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const row = await claimLocation(this.deps.knex, { id, ...this.claimOptions() });
      if (row) return this.run(row);
      await selectLocation(this.deps.knex, id); // NotFoundError when it was unregistered
      if (Date.now() > deadline) throw new ServiceUnavailableError(`Location ${id} stayed busy; try again later`);
      await new Promise(resolve => setTimeout(resolve, WAIT_STEP_MS));
    }
  }

  private claimOptions() {
    const { config, engineId } = this.deps;
    return { engineId, leaseMs: config.refreshLease, intervalMs: config.refreshInterval };
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    let delay = this.deps.config.schedulerPollInterval;
    try {
      const free = this.deps.config.refreshConcurrency - this.inFlight.size;
      if (free > 0) {
        const rows = await claimDueLocations(this.deps.knex, { ...this.claimOptions(), limit: free });
        for (const row of rows) void this.run(row);
      }
    } catch (error) {
      this.deps.logger.error({ err: error }, 'Claiming due catalog locations failed');
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain) {
      this.tickAgain = false;
      delay = 0;
    }
    this.schedule(delay);
  }

  private run(row: DbLocationRow): Promise<RefreshOutcome> {
    const { engineId } = this.deps;
    this.observer?.({ locationId: row.id, engineId, phase: 'start' });
    const promise = refreshLocation(this.deps, row).then(outcome => {
      this.observer?.({ locationId: row.id, engineId, phase: 'end', outcome });
      return outcome;
    });
    this.inFlight.add(promise);
    void promise.finally(() => {
      this.inFlight.delete(promise);
      if (this.running) this.schedule(0);
    });
    return promise;
  }
}
