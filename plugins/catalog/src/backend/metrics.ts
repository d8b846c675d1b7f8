import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countRows } from './database/countRows.js';
import { TABLES } from './database/tables.js';

export type RefreshOutcome = 'unchanged' | 'changed' | 'failed' | 'skipped';

export interface CatalogMetrics {
  registry: Registry;
  refreshDuration: Histogram<'outcome'>;
  entitiesWritten: Counter;
  entitiesDeleted: Counter;
}

/**
 * The catalog's Prometheus metrics, in the given registry (or a new one). Counts of entities and
 * errors are read from the database at scrape time, so every replica reports the shared truth.
 */
export function createCatalogMetrics(knex: Knex, registry: Registry = new Registry()): CatalogMetrics {
  const refreshDuration = new Histogram({
    name: 'catalog_location_refresh_duration_seconds',
    help: 'Time to refresh one location, by outcome (unchanged head, changed, failed)',
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const entitiesWritten = new Counter({ name: 'catalog_entities_written_total', help: 'Entities inserted or updated by refreshes', registers: [registry] });
  const entitiesDeleted = new Counter({ name: 'catalog_entities_deleted_total', help: 'Entities deleted by refreshes', registers: [registry] });
  new Gauge({
    name: 'catalog_entities',
    help: 'Entities in the catalog',
    registers: [registry],
    async collect() {
      this.set(await countRows(knex, TABLES.entities));
    },
  });
  new Gauge({
    name: 'catalog_locations',
    help: 'Registered locations',
    registers: [registry],
    async collect() {
      this.set(await countRows(knex, TABLES.locations));
    },
  });
  new Gauge({
    name: 'catalog_errors',
    help: 'Stored processing errors over all locations and files',
    registers: [registry],
    async collect() {
      this.set(await countRows(knex, TABLES.errors));
    },
  });
  return { registry, refreshDuration, entitiesWritten, entitiesDeleted };
}
