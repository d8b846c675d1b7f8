import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, runMigrations } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { component, createTestCatalog, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';
import type { CatalogService } from '../CatalogService.js';
import { CATALOG_MIGRATIONS_TABLE, catalogMigrations } from '../migrations/index.js';
import { TableStatistics } from './TableStatistics.js';

describe.each(testDatabaseKinds())('table statistics on %s', kind => {
  let db: TestDatabase | undefined;
  let catalog: TestCatalog | undefined;
  afterEach(async () => {
    await catalog?.plugin.stop?.();
    await (catalog?.db ?? db)?.destroy();
    [db, catalog] = [undefined, undefined];
  });

  const analyzeStatements = (knex: TestDatabase['knex']) => {
    const seen: string[] = [];
    knex.on('query', (query: { sql: string }) => {
      if (/^analyze /i.test(query.sql)) seen.push(query.sql);
    });
    return seen;
  };

  it('analyses once after writes pass the threshold and go quiet, never below it', async () => {
    db = await createTestDatabase(kind);
    await runMigrations(db.knex, { tableName: CATALOG_MIGRATIONS_TABLE, migrations: catalogMigrations });
    const analyzed = analyzeStatements(db.knex);
    const statistics = new TableStatistics(db.knex, createLogger({ level: 'silent' }), { threshold: 100, quietMs: 50, maxWaitMs: 10_000 });

    statistics.recordWrites(60);
    await statistics.settled();
    expect(analyzed).toEqual([]);

    // Three refreshes in a row: one ANALYZE, after the last of them.
    statistics.recordWrites(50);
    statistics.recordWrites(500);
    statistics.recordWrites(500);
    expect(analyzed).toEqual([]);
    await statistics.settled();
    expect(analyzed).toEqual(['analyze catalog_entities, catalog_search, catalog_relations']);

    // The count starts again after a run.
    statistics.recordWrites(99);
    await statistics.settled();
    expect(analyzed).toHaveLength(1);
    await statistics.stop();
    statistics.recordWrites(1_000);
    await statistics.settled();
    expect(analyzed).toHaveLength(1);
  });

  it('runs after a large refresh has committed, not inside it, and not after a small one', async () => {
    catalog = await createTestCatalog({ kind, catalog: { analyzeAfterWrites: 3 } });
    const analyzed = analyzeStatements(catalog.db.knex);
    const statistics = (catalog.plugin.client as CatalogService).statistics;
    const dir = writeFiles(tempDir(), { 'catalog-info.yaml': [component('a'), component('b'), component('c')].join('---\n') });
    await catalog.plugin.client.addLocation({ type: 'file', target: path.join(dir, 'catalog-info.yaml') }, { allowFile: true });
    expect(analyzed).toEqual([]);
    await statistics.settled();
    expect(analyzed).toHaveLength(1);

    writeFiles(dir, { 'catalog-info.yaml': [component('a', { owner: 'group:default/team-b' }), component('b'), component('c')].join('---\n') });
    await catalog.plugin.client.refreshEntity('component:default/a');
    await statistics.settled();
    expect(analyzed).toHaveLength(1);
  });
});
