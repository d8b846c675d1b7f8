import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { readCatalogGeneration } from '../database/catalogGeneration.js';
import { locationEntityName, locationEntityRef } from '../database/locationEntityRef.js';
import { api, component, createTestCatalog, group, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

describe.each(testDatabaseKinds())('file locations on %s', kind => {
  let catalog: TestCatalog;
  afterEach(async () => {
    await catalog?.plugin.stop?.();
    await catalog?.db.destroy();
  });

  const searchRowsOf = (ref: string) => catalog.db.knex('catalog_search').where({ entity_ref: ref }).select('key', 'value');
  const byName = (k: string, name: string) => catalog.request.get(`/api/catalog/entities/by-name/${k}/default/${name}`);
  // File locations are refused over HTTP; the in-process client registers them for tests.
  const register = (target: string) => catalog.plugin.client.addLocation({ type: 'file', target }, { allowFile: true });

  it('ingests a multi-file location with relations, annotations and a glob target, and shows it by name and uid', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./services/**/catalog-info.yaml', './apis.yaml']),
      'services/payments/catalog-info.yaml': component('payments', { providesApis: ['payments-api'] }),
      'services/search/catalog-info.yaml': `${component('search')}---\n${component('search-worker')}`,
      'services/search/other.yaml': component('not-targeted'),
      'apis.yaml': api('payments-api'),
    });
    const { location } = await register(path.join(dir, 'catalog-info.yaml'));

    const payments = await byName('component', 'payments');
    expect(payments.status).toBe(200);
    expect(payments.body.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
        { type: 'providesApi', targetRef: 'api:default/payments-api' },
      ]),
    );
    const file = path.join(dir, 'services/payments/catalog-info.yaml');
    expect(payments.body.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `file:${file}`,
      'backstage.io/managed-by-origin-location': `file:${path.join(dir, 'catalog-info.yaml')}`,
    });
    expect(payments.body.metadata.namespace).toBe('default');
    const apiEntity = await byName('api', 'payments-api');
    expect(apiEntity.body.relations).toEqual(expect.arrayContaining([{ type: 'apiProvidedBy', targetRef: 'component:default/payments' }]));
    expect((await byName('component', 'search-worker')).status).toBe(200);
    expect((await byName('component', 'not-targeted')).status).toBe(404);
    expect((await byName('location', 'root')).status).toBe(200);

    const byUid = await catalog.request.get(`/api/catalog/entities/by-uid/${payments.body.metadata.uid}`);
    expect(byUid.body.metadata.name).toBe('payments');
    const status = await catalog.request.get(`/api/catalog/locations/${location.id}/status`);
    // Five from the files, and the Location entities generated for the location and its two targets.
    expect(status.body).toMatchObject({ entityCount: 8, errorCount: 0, errors: [] });
    const owning = await catalog.request.get('/api/catalog/locations/by-entity/component/default/payments');
    const target = path.join(dir, 'catalog-info.yaml');
    expect(owning.body).toEqual({ id: location.id, type: 'file', target, entityRef: locationEntityRef('file', target) });
    expect((await byName('location', locationEntityName('file', target))).body.spec).toEqual({ type: 'file', target });
    expect((await byName('location', locationEntityName('file', path.join(dir, 'services/**/catalog-info.yaml')))).status).toBe(200);
  });

  it('answers a registration before the whole location is read, and reads the rest in the background', async () => {
    catalog = await createTestCatalog({ kind });
    const files: Record<string, string> = { 'catalog-info.yaml': `${locationEntity('root', ['./services/*.yaml'])}---\n${component('front')}` };
    for (let i = 0; i < 200; i++) files[`services/s${i}.yaml`] = component(`s-${i}`);
    const dir = writeFiles(tempDir(), files);
    const target = path.join(dir, 'catalog-info.yaml');
    const answer = await catalog.plugin.client.addLocation({ type: 'file', target }, { allowFile: true, answerWithinMs: 0 });
    expect(answer.entities.map(e => e.metadata.name).sort()).toEqual(['front', 'root']);
    const status = async () => (await catalog.request.get(`/api/catalog/locations/${answer.location.id}/status`).expect(200)).body;
    // 201 entities, root and the Location entities generated for the location and its glob.
    await expect.poll(async () => (await status()).entityCount, { timeout: 10_000 }).toBe(204);
    expect((await byName('component', 's-199')).status).toBe(200);
  });

  it('finds entities by field values for other plugins, case-insensitively', async () => {
    catalog = await createTestCatalog({ kind, catalog: { rules: [{ allow: ['User', 'Location'] }] } });
    const user = (name: string, email: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${name}\nspec:\n  profile:\n    email: ${email}\n  memberOf: []\n`;
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./users.yaml']),
      'users.yaml': `${user('jane-doe', 'Jane.Doe@example.com')}---\n${user('john-roe', 'john@example.com')}`,
    });
    await register(path.join(dir, 'catalog-info.yaml'));
    const client = catalog.plugin.client;
    const found = await client.findEntities({ kind: 'User', 'spec.profile.email': 'jane.doe@EXAMPLE.com' });
    expect(found.map(e => e.metadata.name)).toEqual(['jane-doe']);
    expect(await client.findEntities({ kind: 'user', 'spec.profile.email': 'nobody@example.com' })).toEqual([]);
    expect(await client.findEntities({ kind: 'user' }, { limit: 1 })).toHaveLength(1);
  });

  it('re-reads only changed files: changes, additions and deletions', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./services/*.yaml']),
      'services/a.yaml': component('a'),
      'services/b.yaml': component('b'),
      'services/c.yaml': component('c'),
    });
    await register(path.join(dir, 'catalog-info.yaml'));
    const before = await catalog.db.knex('catalog_entities').select('entity_ref', 'refreshed_at', 'uid');
    const stamp = new Map(before.map(r => [r.entity_ref, String(r.refreshed_at)]));

    writeFiles(dir, { 'services/a.yaml': component('a', { owner: 'group:default/team-b' }), 'services/b.yaml': null, 'services/d.yaml': component('d') });
    await catalog.plugin.client.refreshEntity('component:default/c');

    expect((await byName('component', 'a')).body.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-b' });
    expect((await byName('component', 'b')).status).toBe(404);
    expect((await byName('component', 'd')).status).toBe(200);
    const after = await catalog.db.knex('catalog_entities').select('entity_ref', 'refreshed_at', 'uid');
    const c = after.find(r => r.entity_ref === 'component:default/c')!;
    expect(String(c.refreshed_at)).toBe(stamp.get('component:default/c')); // untouched
    expect(after.find(r => r.entity_ref === 'component:default/a')!.uid).toBe(before.find(r => r.entity_ref === 'component:default/a')!.uid);
    const relations = await catalog.db.knex('catalog_relations').where({ originating_ref: 'component:default/b' });
    expect(relations).toEqual([]);
    // The deleted entity's search rows go with it; the changed one's are rewritten.
    expect(await searchRowsOf('component:default/b')).toEqual([]);
    expect(await searchRowsOf('component:default/a')).toContainEqual({ key: 'spec.owner', value: 'group:default/team-b' });
    expect(await searchRowsOf('component:default/a')).not.toContainEqual({ key: 'spec.owner', value: 'group:default/team-a' });
  });

  it('moves entities between files written in different batches, keeping their uid; a file declaring a held entity gets a conflict', async () => {
    catalog = await createTestCatalog({ kind });
    // Enough files for several write batches, so holder and newcomer are written apart.
    const name = (i: number) => `services/s${String(i).padStart(3, '0')}.yaml`;
    const files: Record<string, string> = { 'catalog-info.yaml': locationEntity('root', ['./services/*.yaml']) };
    for (let i = 0; i < 900; i++) files[name(i)] = component(`c-${i}`);
    const extra = (i: number, ...names: string[]) => [component(`c-${i}`), ...names.map(n => component(n))].join('---\n');
    files[name(0)] = extra(0, 'moves-down');
    files[name(899)] = extra(899, 'moves-up');
    files[name(898)] = extra(898, 'held-late');
    files[name(2)] = extra(2, 'held-early');
    const dir = writeFiles(tempDir(), files);
    const { location } = await register(path.join(dir, 'catalog-info.yaml'));
    const uid = async (n: string) => (await byName('component', n)).body.metadata.uid as string;
    const before = { down: await uid('moves-down'), up: await uid('moves-up') };
    expect((await catalog.request.get(`/api/catalog/locations/${location.id}/status`)).body).toMatchObject({ entityCount: 907, errorCount: 0 });

    // Every file but s002 changes, so the refresh re-reads them in several batches.
    const changed = (text: string) => text.replaceAll('lifecycle: production', 'lifecycle: experimental');
    writeFiles(dir, Object.fromEntries(Object.entries(files).map(([p, text]) => [p, changed(text)])));
    writeFiles(dir, {
      [name(0)]: extra(0, 'moves-up'),
      [name(899)]: extra(899, 'moves-down'),
      // Newcomers for held entities: one whose holder is re-read later and still declares it, one whose holder is unchanged.
      [name(1)]: extra(1, 'held-late'),
      [name(898)]: extra(898, 'held-late'),
      [name(897)]: extra(897, 'held-early'),
      [name(2)]: files[name(2)]!,
    });
    await catalog.plugin.client.refreshEntity('component:default/c-0');

    const fileOf = async (n: string) => (await byName('component', n)).body.metadata.annotations['backstage.io/managed-by-location'];
    expect(await fileOf('moves-up')).toBe(`file:${path.join(dir, name(0))}`);
    expect(await fileOf('moves-down')).toBe(`file:${path.join(dir, name(899))}`);
    expect({ down: await uid('moves-down'), up: await uid('moves-up') }).toEqual(before);
    expect(await fileOf('held-late')).toBe(`file:${path.join(dir, name(898))}`);
    expect(await fileOf('held-early')).toBe(`file:${path.join(dir, name(2))}`);
    const status = (await catalog.request.get(`/api/catalog/locations/${location.id}/status`)).body;
    expect(status.entityCount).toBe(907);
    expect(status.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: path.join(dir, name(1)), type: 'conflict', message: expect.stringContaining(name(898)) }),
        expect.objectContaining({ file: path.join(dir, name(897)), type: 'conflict', message: expect.stringContaining(name(2)) }),
      ]),
    );
    expect(status.errorCount).toBe(2);
  });

  /** Components a and a2 owned by team-a in one file, b owned by team-b in another. */
  const twoOwnersFixture = () =>
    writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./a.yaml', './b.yaml']),
      'a.yaml': `${component('a')}---\n${component('a2')}`,
      'b.yaml': component('b', { owner: 'group:default/team-b' }),
    });

  it('answers repeated facet requests from memory and recounts after a refresh, a delete and an unregistration', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = twoOwnersFixture();
    const { location } = await register(path.join(dir, 'catalog-info.yaml'));
    const facets = async () =>
      (await catalog.request.get('/api/catalog/entity-facets?facet=relations.ownedBy&facet=spec.lifecycle&filter=kind=component').expect(200)).body.facets;
    const counts = async () => Object.fromEntries((await facets())['relations.ownedBy'].map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(await counts()).toEqual({ 'group:default/team-a': 2, 'group:default/team-b': 1 });

    // Asked again with nothing changed: no search or relation rows are read.
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    catalog.db.knex.on('query', onQuery);
    expect(await counts()).toEqual({ 'group:default/team-a': 2, 'group:default/team-b': 1 });
    catalog.db.knex.off('query', onQuery);
    expect(statements.filter(sql => /catalog_(search|relations)/.test(sql))).toEqual([]);

    writeFiles(dir, { 'b.yaml': component('b', { owner: 'group:default/team-a' }) });
    await catalog.plugin.client.refreshEntity('component:default/b');
    expect(await counts()).toEqual({ 'group:default/team-a': 3 });

    const a2 = await byName('component', 'a2');
    await catalog.request.delete(`/api/catalog/entities/by-uid/${a2.body.metadata.uid}`).set(catalog.auth).expect(204);
    expect(await counts()).toEqual({ 'group:default/team-a': 2 });

    await catalog.request.delete(`/api/catalog/locations/${location.id}`).set(catalog.auth).expect(204);
    expect(await facets()).toEqual({ 'relations.ownedBy': [], 'spec.lifecycle': [] });
  });

  it('keeps the catalog generation through refreshes that change no entity, and moves it when one does', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = twoOwnersFixture();
    await register(path.join(dir, 'catalog-info.yaml'));
    const generation = () => readCatalogGeneration(catalog.db.knex);
    const before = await generation();

    await catalog.plugin.client.refreshEntity('component:default/b');
    expect(await generation()).toBe(before);
    // The file changes, its entities do not.
    writeFiles(dir, { 'a.yaml': `# Owned by team A.\n${component('a')}---\n${component('a2')}` });
    await catalog.plugin.client.refreshEntity('component:default/a');
    expect(await generation()).toBe(before);

    writeFiles(dir, { 'b.yaml': component('b', { owner: 'group:default/team-a' }) });
    await catalog.plugin.client.refreshEntity('component:default/b');
    const afterWrite = await generation();
    expect(afterWrite).not.toBe(before);

    writeFiles(dir, { 'catalog-info.yaml': locationEntity('root', ['./a.yaml']) });
    await catalog.plugin.client.refreshEntity('component:default/a');
    expect((await byName('component', 'b')).status).toBe(404);
    expect(await generation()).not.toBe(afterWrite);
  });

  it('keeps a query total until the catalog changes, and counts again after a refresh and a delete', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = twoOwnersFixture();
    await register(path.join(dir, 'catalog-info.yaml'));
    const total = async (query: string) => (await catalog.request.get(`/api/catalog/entities/by-query?${query}&limit=1`).expect(200)).body.totalItems;
    const owned = 'filter=kind=component,relations.ownedBy=group:default/team-a';
    expect(await total(owned)).toBe(2);
    expect(await total('filter=kind=component')).toBe(3);

    // Asked again with nothing changed: the page is read, the matches are not counted again.
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    catalog.db.knex.on('query', onQuery);
    expect(await total(owned)).toBe(2);
    catalog.db.knex.off('query', onQuery);
    expect(statements.some(sql => /order by/.test(sql))).toBe(true);
    expect(statements.filter(sql => /count\(/.test(sql))).toEqual([]);

    writeFiles(dir, { 'b.yaml': component('b', { owner: 'group:default/team-a' }) });
    await catalog.plugin.client.refreshEntity('component:default/b');
    expect(await total(owned)).toBe(3);

    const a2 = await byName('component', 'a2');
    await catalog.request.delete(`/api/catalog/entities/by-uid/${a2.body.metadata.uid}`).set(catalog.auth).expect(204);
    expect(await total(owned)).toBe(2);
    expect(await total('filter=kind=component')).toBe(2);
  });

  it('counts the spellings of a value together in facets, shown as the least of them', async () => {
    catalog = await createTestCatalog({ kind });
    const typed = (name: string, type: string) => component(name).replace('  type: service', `  type: ${type}`);
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': [typed('a', 'website'), typed('b', 'Website'), typed('c', 'WEBSITE'), typed('d', 'Library'), typed('e', 'library')].join('---\n'),
    });
    await register(path.join(dir, 'catalog-info.yaml'));
    const res = await catalog.request.get('/api/catalog/entity-facets?facet=spec.type&filter=kind=component').expect(200);
    expect(res.body.facets['spec.type']).toEqual([
      { value: 'WEBSITE', count: 3 },
      { value: 'Library', count: 2 },
    ]);
  });

  it('keeps the last good entity of a file that turns invalid, with the error in status.items and on the location', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./a.yaml', './b.yaml']),
      'a.yaml': component('a'),
      'b.yaml': component('b'),
    });
    const { location } = await register(path.join(dir, 'catalog-info.yaml'));

    writeFiles(dir, {
      'a.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  bad: [unclosed\n',
      'b.yaml': component('b').replace('lifecycle: production', 'lifecycle: 42'),
    });
    await catalog.plugin.client.refreshEntity('component:default/a');

    const a = await byName('component', 'a');
    expect(a.status).toBe(200);
    expect(a.body.spec.lifecycle).toBe('production');
    expect(a.body.status.items[0]).toMatchObject({ type: 'backstage.io/catalog-processing', level: 'error', error: { name: 'InputError' } });
    expect(a.body.status.items[0].message).toMatch(/a\.yaml:\d+: YAML syntax error/);
    const b = await byName('component', 'b');
    expect(b.body.spec.lifecycle).toBe('production');
    expect(b.body.status.items[0].error.message).toContain('lifecycle');

    const status = await catalog.request.get(`/api/catalog/locations/${location.id}/status`);
    expect(status.body.errorCount).toBe(2);
    expect(status.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: path.join(dir, 'a.yaml'), line: expect.any(Number), type: 'parse' }),
        expect.objectContaining({ file: path.join(dir, 'b.yaml'), entityRef: 'component:default/b', type: 'validation' }),
      ]),
    );

    writeFiles(dir, { 'a.yaml': component('a', { owner: 'group:default/fixed' }), 'b.yaml': component('b') });
    await catalog.plugin.client.refreshEntity('component:default/a');
    const fixed = await byName('component', 'a');
    expect(fixed.body.status).toBeUndefined();
    expect(fixed.body.spec.owner).toBe('group:default/fixed');
    expect((await catalog.request.get(`/api/catalog/locations/${location.id}/status`)).body.errorCount).toBe(0);
  });

  it('gives an entity declared by two locations to the first, with a conflict error on the second naming both', async () => {
    catalog = await createTestCatalog({ kind });
    const first = writeFiles(tempDir(), { 'catalog-info.yaml': component('shared') });
    const second = writeFiles(tempDir(), { 'catalog-info.yaml': `${component('shared', { owner: 'group:default/other' })}---\n${component('own')}` });
    const one = await register(path.join(first, 'catalog-info.yaml'));
    const two = await register(path.join(second, 'catalog-info.yaml'));

    expect((await byName('component', 'shared')).body.spec.owner).toBe('group:default/team-a');
    expect((await byName('component', 'own')).status).toBe(200);
    const status = await catalog.request.get(`/api/catalog/locations/${two.location.id}/status`);
    expect(status.body.errors).toHaveLength(1);
    expect(status.body.errors[0]).toMatchObject({ type: 'conflict', entityRef: 'component:default/shared' });
    expect(status.body.errors[0].message).toContain(path.join(first, 'catalog-info.yaml'));
    expect(status.body.errors[0].message).toContain(path.join(second, 'catalog-info.yaml'));

    // Unregistering the first frees the entity for the second.
    expect((await catalog.request.delete(`/api/catalog/locations/${one.location.id}`).set(catalog.auth)).status).toBe(204);
    await catalog.plugin.client.refreshEntity('component:default/own');
    expect((await byName('component', 'shared')).body.spec.owner).toBe('group:default/other');
  });

  it('removes the entities of an unregistered location, or keeps them as orphans', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = writeFiles(tempDir(), { 'catalog-info.yaml': `${component('gone')}` });
    const { location } = await register(path.join(dir, 'catalog-info.yaml'));
    expect(await searchRowsOf('component:default/gone')).toContainEqual({ key: 'metadata.name', value: 'gone' });
    await catalog.request.delete(`/api/catalog/locations/${location.id}`).set(catalog.auth).expect(204);
    expect((await byName('component', 'gone')).status).toBe(404);
    expect(await searchRowsOf('component:default/gone')).toEqual([]);
    expect((await catalog.request.get(`/api/catalog/locations/${location.id}`)).status).toBe(404);
    await catalog.db.destroy();

    catalog = await createTestCatalog({ kind, catalog: { orphanStrategy: 'keep' } });
    const kept = await register(path.join(dir, 'catalog-info.yaml'));
    await catalog.request.delete(`/api/catalog/locations/${kept.location.id}`).set(catalog.auth).expect(204);
    const orphan = await byName('component', 'gone');
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.annotations['backstage.io/orphan']).toBe('true');
  });

  it('keeps an entity dropped from its file as an orphan without its relations when the strategy is keep', async () => {
    catalog = await createTestCatalog({ kind, catalog: { orphanStrategy: 'keep' } });
    const dir = writeFiles(tempDir(), { 'catalog-info.yaml': `${component('stays')}---\n${component('dropped')}` });
    await register(path.join(dir, 'catalog-info.yaml'));
    expect((await byName('component', 'dropped')).body.relations).not.toEqual([]);
    writeFiles(dir, { 'catalog-info.yaml': component('stays') });
    await catalog.plugin.client.refreshEntity('component:default/stays');
    const orphan = await byName('component', 'dropped');
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.annotations['backstage.io/orphan']).toBe('true');
    expect(orphan.body.relations).toEqual([]);
    // Declared again, it is adopted: no longer an orphan.
    writeFiles(dir, { 'catalog-info.yaml': `${component('stays')}---\n${component('dropped')}` });
    await catalog.plugin.client.refreshEntity('component:default/stays');
    expect((await byName('component', 'dropped')).body.metadata.annotations['backstage.io/orphan']).toBeUndefined();
  });

  it('applies kind rules: the default refuses Group and User; config allows more', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = writeFiles(tempDir(), { 'catalog-info.yaml': `${component('svc')}---\n${group('team-a')}` });
    const { location } = await register(path.join(dir, 'catalog-info.yaml'));
    expect((await byName('component', 'svc')).status).toBe(200);
    expect((await byName('group', 'team-a')).status).toBe(404);
    const status = await catalog.request.get(`/api/catalog/locations/${location.id}/status`);
    expect(status.body.errors).toEqual([expect.objectContaining({ type: 'rule', entityRef: 'group:default/team-a' })]);
    await catalog.db.destroy();

    catalog = await createTestCatalog({ kind, catalog: { rules: [{ allow: ['Component', 'Group'] }] } });
    await register(path.join(dir, 'catalog-info.yaml'));
    expect((await byName('group', 'team-a')).status).toBe(200);
  });

  it('reports missing required targets, accepts missing optional ones, and answers a dry run without storing', async () => {
    catalog = await createTestCatalog({ kind });
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': `${locationEntity('req', ['./missing.yaml'])}---\n${locationEntity('opt', ['./maybe.yaml'], 'optional')}---\n${component('x')}`,
    });
    const dry = await catalog.plugin.client.addLocation({ type: 'file', target: path.join(dir, 'catalog-info.yaml') }, { dryRun: true, allowFile: true });
    const generated = ['catalog-info.yaml', 'maybe.yaml', 'missing.yaml'].map(f => locationEntityName('file', path.join(dir, f)));
    expect(dry.entities.map(e => e.metadata.name).sort()).toEqual([...generated, 'opt', 'req', 'x'].sort());
    expect(await catalog.db.knex('catalog_entities').count()).toEqual([{ count: expect.anything() }]);
    expect(Number((await catalog.db.knex('catalog_entities').count({ n: '*' }))[0]!.n)).toBe(0);

    const { location } = await register(path.join(dir, 'catalog-info.yaml'));
    const status = await catalog.request.get(`/api/catalog/locations/${location.id}/status`);
    expect(status.body.errors).toEqual([expect.objectContaining({ type: 'read', file: path.join(dir, 'missing.yaml') })]);
  });

  it('keeps the keys of an entity in the order they were written (template form fields)', async () => {
    catalog = await createTestCatalog({ kind, catalog: { rules: [{ allow: ['Template'] }] } });
    const template = [
      'apiVersion: scaffolder.backstage.io/v1beta3',
      'kind: Template',
      'metadata:',
      '  name: ordered',
      'spec:',
      '  type: service',
      '  owner: group:default/team-a',
      '  parameters:',
      '    - title: Fill in',
      '      properties:',
      '        zone: { type: string }',
      '        name: { type: string }',
      '        amount: { type: number }',
      '  steps: []',
      '',
    ].join('\n');
    const dir = writeFiles(tempDir(), { 'catalog-info.yaml': template });
    await register(path.join(dir, 'catalog-info.yaml'));
    const read = await byName('template', 'ordered');
    expect(read.status).toBe(200);
    expect(Object.keys(read.body.spec)).toEqual(['type', 'owner', 'parameters', 'steps']);
    expect(Object.keys(read.body.spec.parameters[0].properties)).toEqual(['zone', 'name', 'amount']);
    expect(Object.keys(read.body)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']));
  });
});
