import type { Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { runMigrations } from '@portal/backend-common';
import { createTestDatabase, describeSchema, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { CATALOG_MIGRATIONS_TABLE, catalogMigrations } from './index.js';

/** Runs the catalog's steps up to and including `last`, or all of them. */
async function migrate(knex: Knex, last?: string): Promise<void> {
  const migrations = last === undefined ? catalogMigrations : catalogMigrations.filter(m => m.name <= last);
  await runMigrations(knex, { tableName: CATALOG_MIGRATIONS_TABLE, migrations });
}

async function schemaOf(knex: Knex) {
  return describeSchema(knex, { ignoreTables: [CATALOG_MIGRATIONS_TABLE, `${CATALOG_MIGRATIONS_TABLE}_lock`] });
}

const location = {
  id: 'loc-1',
  type: 'url',
  target: 'https://git.example.com/org/payments.git',
  origin: 'config',
  repo_url: 'https://git.example.com/org/payments.git',
};

const paymentsApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    title: 'Payments API',
    tags: ['PCI', 'java'],
    annotations: { 'backstage.io/managed-by-location': 'url:https://git.example.com/org/payments.git' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
};

describe.each(testDatabaseKinds())('catalog migrations on %s', kind => {
  const databases: TestDatabase[] = [];
  const database = async () => {
    const db = await createTestDatabase(kind);
    databases.push(db);
    return db.knex;
  };
  afterEach(async () => {
    for (const db of databases.splice(0)) await db.destroy();
  });

  // The fixture is the schema these steps produce. A new step updates it (`vitest run -u`); a
  // change to what an existing step produces fails here, as databases that ran it would miss it.
  it('produce the recorded schema', async () => {
    const knex = await database();
    await migrate(knex);
    await expect(`${JSON.stringify(await schemaOf(knex), null, 2)}\n`).toMatchFileSnapshot('./__fixtures__/schema.json');
  });

  it('keep the step names stored in existing databases', () => {
    expect(catalogMigrations.map(m => m.name)).toEqual([
      '0001_catalog',
      '0002_catalog_search',
      '0003_catalog_search_statistics',
      '0004_catalog_search_words',
      '0005_catalog_entity_json',
      '0006_catalog_search_covering_index',
      '0007_catalog_search_kind_indexes',
      '0008_catalog_lighter_writes',
      '0009_catalog_generation',
      '0010_catalog_search_partial_kind_index',
      '0011_catalog_search_narrower_kind_index',
      '0012_catalog_location_kind_rules',
      '0013_catalog_location_registered_by',
      '0014_catalog_relations_covering_index',
    ]);
  });

  it('upgrade a database of the last release and keep its data', async () => {
    const fresh = await database();
    await migrate(fresh);
    const knex = await database();
    // The last release ran the steps through 0011.
    await migrate(knex, '0011_catalog_search_narrower_kind_index');
    const before = new Date(Date.now() - 3_600_000);
    await knex('catalog_locations').insert({ ...location, next_refresh_at: before, last_commit: 'abc123', entity_count: 1 });
    await knex('catalog_location_files').insert({ location_id: 'loc-1', path: 'catalog-info.yaml', hash: 'h1', targets: null });
    await knex('catalog_entities').insert({
      entity_ref: 'component:default/payments-api',
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
      entity: JSON.stringify(paymentsApi),
      location_id: 'loc-1',
      file: 'catalog-info.yaml',
      commit: 'abc123',
      hash: 'e1',
    });
    const searchRows = [
      { entity_ref: 'component:default/payments-api', key: 'kind', value: 'component', original_value: 'Component' },
      { entity_ref: 'component:default/payments-api', key: 'metadata.name', value: 'payments-api', original_value: null },
      { entity_ref: 'component:default/payments-api', key: '$words', value: 'payments', original_value: null },
    ];
    await knex('catalog_search').insert(searchRows);
    await knex('catalog_relations').insert({
      originating_ref: 'component:default/payments-api',
      source_ref: 'component:default/payments-api',
      type: 'ownedBy',
      target_ref: 'group:default/team-a',
    });
    await knex('catalog_errors').insert({ location_id: 'loc-1', file: 'broken.yaml', line: 3, type: 'parse', message: 'bad indentation' });
    await knex.raw(`select nextval('catalog_generation')`);

    await migrate(knex);

    expect(await schemaOf(knex)).toEqual(await schemaOf(fresh));
    const storedLocation = await knex('catalog_locations').where({ id: 'loc-1' }).first();
    expect(storedLocation).toMatchObject({ ...location, last_commit: 'abc123', entity_count: 1, kind_rules: null, registered_by: null });
    // Due at once, so the kind rules in force apply to what it already holds.
    expect(new Date(storedLocation.next_refresh_at as string).getTime()).toBeGreaterThan(before.getTime());
    expect(await knex('catalog_location_files').select('path', 'hash')).toEqual([{ path: 'catalog-info.yaml', hash: 'h1' }]);
    const entity = await knex('catalog_entities').where({ entity_ref: 'component:default/payments-api' }).first();
    expect(entity).toMatchObject({ hash: 'e1', file: 'catalog-info.yaml', location_id: 'loc-1' });
    expect(typeof entity.entity === 'string' ? JSON.parse(entity.entity as string) : entity.entity).toEqual(paymentsApi);
    expect(await knex('catalog_search').select('entity_ref', 'key', 'value', 'original_value').orderBy('key')).toEqual(
      [...searchRows].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    expect(await knex('catalog_relations').select('type', 'target_ref')).toEqual([{ type: 'ownedBy', target_ref: 'group:default/team-a' }]);
    expect(await knex('catalog_errors').select('file', 'line', 'message')).toEqual([{ file: 'broken.yaml', line: 3, message: 'bad indentation' }]);
    expect((await knex(CATALOG_MIGRATIONS_TABLE).select('name')).map(r => r.name as string)).toEqual(catalogMigrations.map(m => m.name));
  });

  it('upgrade a database of the first step, building the search rows it never had', async () => {
    const fresh = await database();
    await migrate(fresh);
    const knex = await database();
    await migrate(knex, '0001_catalog');
    await knex('catalog_locations').insert(location);
    await knex('catalog_location_files').insert({ location_id: 'loc-1', path: 'catalog-info.yaml', hash: 'h1' });
    await knex('catalog_entities').insert({
      entity_ref: 'component:default/payments-api',
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
      entity: JSON.stringify(paymentsApi),
      location_id: 'loc-1',
      file: 'catalog-info.yaml',
      hash: 'e1',
      search_text: 'Component default payments-api Payments API',
    });

    await migrate(knex);

    expect(await schemaOf(knex)).toEqual(await schemaOf(fresh));
    const rows = (await knex('catalog_search').where({ entity_ref: 'component:default/payments-api' }).select('key', 'value', 'original_value')) as Array<{
      key: string;
      value: string | null;
      original_value: string | null;
    }>;
    expect(rows).toEqual(
      expect.arrayContaining([
        { key: 'kind', value: 'component', original_value: 'Component' },
        { key: 'metadata.name', value: 'payments-api', original_value: null },
        { key: 'metadata.namespace', value: 'default', original_value: null },
        { key: 'metadata.tags', value: 'pci', original_value: 'PCI' },
        { key: 'spec.owner', value: 'group:default/team-a', original_value: null },
        { key: '$words', value: 'payments-api', original_value: null },
        { key: '$words', value: 'payments', original_value: null },
        { key: '$words', value: 'team', original_value: null },
      ]),
    );
    // Written once although two steps build them.
    expect(rows.filter(r => r.key === 'kind')).toHaveLength(1);
    // Entities stored as jsonb are re-read on the next refresh, to restore their keys' order.
    expect(await knex('catalog_entities').select('hash')).toEqual([{ hash: 'jsonb:e1' }]);
    expect(await knex('catalog_location_files').select('hash')).toEqual([{ hash: '' }]);
    expect(await knex('catalog_locations').select('force_full')).toEqual([{ force_full: true }]);
  });
});
