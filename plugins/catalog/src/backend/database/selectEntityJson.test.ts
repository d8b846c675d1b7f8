import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { api, component, createTestCatalog, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';
import { projectFields } from '../projectFields.js';
import { selectEntities } from './selectEntities.js';
import { selectEntityJson } from './selectEntityJson.js';

// List answers are written from selectEntityJson's text; by-name and by-uid from selectEntities'
// objects. Both must serve the same document, key order included, with any `fields`.
describe.each(testDatabaseKinds())('entities as JSON text on %s', kind => {
  let catalog: TestCatalog;
  let refs: string[];
  beforeAll(async () => {
    catalog = await createTestCatalog({ kind, catalog: { orphanStrategy: 'keep' } });
    const register = (target: string) => catalog.plugin.client.addLocation({ type: 'file', target }, { allowFile: true });
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./a.yaml', './b.yaml', './apis.yaml']),
      'a.yaml': component('a', { providesApis: ['payments-api'], system: 'shop' }).replace(
        'spec:',
        "  tags: [x, 'y']\n  links: [{ url: 'https://a.example', title: A }]\nspec:",
      ),
      'b.yaml': `${component('b')}---\n${component('dropped')}`,
      'apis.yaml': api('payments-api'),
    });
    await register(path.join(dir, 'catalog-info.yaml'));
    // b keeps its last good version with a problem in status; dropped stays as an orphan.
    writeFiles(dir, { 'b.yaml': component('b').replace('lifecycle: production', 'lifecycle: 42') });
    await catalog.plugin.client.refreshEntity('component:default/b');
    refs = (await catalog.db.knex('catalog_entities').orderBy('entity_ref').pluck('entity_ref')) as string[];
  });
  afterAll(async () => {
    await catalog?.plugin.stop?.();
    await catalog?.db.destroy();
  });

  it('serves the document selectEntities serves, keys in the same order, for every entity', async () => {
    const objects = await selectEntities(catalog.db.knex, { refs });
    const texts = new Map(await selectEntityJson(catalog.db.knex, { refs }));
    const dropped = objects.find(e => e.metadata.name === 'dropped')!;
    expect(dropped.metadata.annotations?.['backstage.io/orphan']).toBe('true');
    expect(objects.find(e => e.metadata.name === 'b')!.status?.items).toHaveLength(1);
    expect(objects.find(e => e.metadata.name === 'a')!.relations!.length).toBeGreaterThan(1);
    for (const entity of objects) {
      const ref = `${entity.kind}:${entity.metadata.namespace}/${entity.metadata.name}`.toLowerCase();
      const text = texts.get(ref)!;
      expect(JSON.parse(text)).toEqual(entity);
      expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(entity));
    }
  });

  it('projects fields as projectFields does, from columns or from the entity', async () => {
    const objects = await selectEntities(catalog.db.knex, { refs });
    const fieldLists = [
      ['kind', 'metadata.name'],
      ['metadata.name', 'kind', 'metadata.namespace', 'metadata.uid', 'metadata.etag'],
      ['metadata.namespace'],
      ['spec.owner', 'metadata.tags', 'metadata.links.0', 'spec.lifecycle.deep'],
      ['relations', 'status', 'metadata.annotations'],
      ['metadata', 'metadata.name'],
      ['nothing.here'],
    ];
    for (const fields of fieldLists) {
      const texts = new Map(await selectEntityJson(catalog.db.knex, { refs }, fields));
      for (const entity of objects) {
        const ref = `${entity.kind}:${entity.metadata.namespace}/${entity.metadata.name}`.toLowerCase();
        expect(JSON.stringify(JSON.parse(texts.get(ref)!)), `${fields.join(',')} of ${ref}`).toBe(JSON.stringify(projectFields(entity, fields)));
      }
    }
  });

  it('reads the whole catalog in ref order, a batch at a time', async () => {
    const seen: string[] = [];
    for (let after: string | undefined; ;) {
      const batch = await selectEntityJson(catalog.db.knex, { afterRef: after, limit: 2 }, ['kind', 'metadata.name']);
      seen.push(...batch.map(([ref]) => ref));
      if (batch.length < 2) break;
      after = batch[batch.length - 1]![0];
    }
    expect(seen).toEqual(refs);
    expect(await selectEntityJson(catalog.db.knex, { refs: ['component:default/none'] })).toEqual([]);
  });
});
