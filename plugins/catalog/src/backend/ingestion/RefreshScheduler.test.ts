import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { createTestDatabase } from '@portal/backend-common/testing';
import { component, createTestCatalog, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

describe.each(testDatabaseKinds())('two engines sharing one database on %s', kind => {
  let db: TestDatabase;
  let second: Knex | undefined;
  const catalogs: TestCatalog[] = [];
  afterEach(async () => {
    for (const c of catalogs.splice(0)) await c.plugin.stop?.();
    if (second && second !== db.knex) await second.destroy();
    await db?.destroy();
  });

  it('refresh 50 locations, each claimed by one engine at a time', async () => {
    db = await createTestDatabase(kind);
    // On Postgres the second engine gets its own connection pool, as a second replica would.
    second = kind === 'postgres' ? knexFactory(db.knex.client.config as Knex.Config) : db.knex;
    const dir = tempDir();
    const locations = Array.from({ length: 50 }, (_, i) => {
      writeFiles(dir, { [`loc-${i}/catalog-info.yaml`]: component(`svc-${i}`) });
      return { type: 'file', target: path.join(dir, `loc-${i}/catalog-info.yaml`) };
    });
    const active = new Map<string, number>();
    const overlaps: string[] = [];
    const refreshes = new Map<string, number>();
    const byEngine = new Map<string, number>();
    const config = { locations, refreshInterval: '300ms', schedulerPollInterval: '20ms', refreshConcurrency: 4 };
    for (const knex of [db.knex, second]) {
      catalogs.push(
        await createTestCatalog({
          db: { ...db, knex },
          catalog: config,
          onRefresh: e => {
            const n = (active.get(e.locationId) ?? 0) + (e.phase === 'start' ? 1 : -1);
            if (n > 1) overlaps.push(e.locationId);
            active.set(e.locationId, n);
            if (e.phase === 'end') {
              refreshes.set(e.locationId, (refreshes.get(e.locationId) ?? 0) + 1);
              byEngine.set(e.engineId, (byEngine.get(e.engineId) ?? 0) + 1);
            }
          },
        }),
      );
    }
    await Promise.all(catalogs.map(c => c.plugin.start?.()));
    await expect.poll(async () => [...refreshes.values()].filter(n => n >= 2).length, { timeout: 20_000, interval: 100 }).toBe(50);
    await Promise.all(catalogs.map(c => c.plugin.stop?.()));

    expect(overlaps).toEqual([]);
    expect(byEngine.size).toBe(2);
    const [{ n }] = await db.knex('catalog_entities').count({ n: '*' });
    // Each location's entity and the Location entity generated for it.
    expect(Number(n)).toBe(100);
    const errors = await db.knex('catalog_errors').select();
    expect(errors).toEqual([]);
  });
});
