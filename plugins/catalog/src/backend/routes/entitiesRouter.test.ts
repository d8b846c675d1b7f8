import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { locationEntityName, locationEntityRef } from '../database/locationEntityRef.js';
import { createTestCatalog, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

const LIFECYCLES = ['production', 'experimental', 'deprecated'];
const OWNERS = ['team-a', 'team-b'];

/** 30 components: c00..c29, owner alternating, lifecycle cycling, every fifth tagged "java". */
function componentsYaml(): string {
  return Array.from({ length: 30 }, (_, i) => {
    const name = `c${String(i).padStart(2, '0')}`;
    return [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      `  title: Service ${name.toUpperCase()}`,
      `  description: ${i === 7 ? 'Handles payments for the storefront' : `Component number ${i}`}`,
      `  tags: [${i % 5 === 0 ? 'java, ' : ''}web]`,
      '  annotations:',
      `    backstage.io/techdocs-ref: ${i < 3 ? 'dir:.' : 'url:https://example.com/docs'}`,
      'spec:',
      `  type: ${i % 2 === 0 ? 'service' : 'website'}`,
      `  lifecycle: ${LIFECYCLES[i % 3]}`,
      `  owner: group:default/${OWNERS[i % 2]}`,
      // ghost is never stored: its side of the relation has no entity behind it.
      ...(i === 1 ? ['  dependsOn: [component:default/c00, component:default/ghost]'] : []),
    ].join('\n');
  }).join('\n---\n');
}

const groups = ['team-a', 'team-b']
  .map(name => ['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata:', `  name: ${name}`, 'spec:', '  type: team', '  children: []'].join('\n'))
  .join('\n---\n');

describe.each(testDatabaseKinds())('the catalog query API on %s', kind => {
  let catalog: TestCatalog;
  let dir: string;
  const get = (url: string) => catalog.request.get(`/api/catalog${url}`);

  beforeAll(async () => {
    catalog = await createTestCatalog({ kind, catalog: { rules: [{ allow: ['Component', 'Group', 'Location'] }] } });
    dir = writeFiles(tempDir(), {
      'catalog-info.yaml': locationEntity('root', ['./components.yaml', './groups.yaml']),
      'components.yaml': componentsYaml(),
      'groups.yaml': groups,
    });
    await catalog.plugin.client.addLocation({ type: 'file', target: path.join(dir, 'catalog-info.yaml') }, { allowFile: true });
  });
  afterAll(async () => catalog?.db.destroy());

  const names = (items: Array<{ metadata: { name: string } }>) => items.map(e => e.metadata.name);

  it('filters by any path, case-insensitively, with AND inside a filter and OR across filters', async () => {
    const all = await get('/entities/by-query?filter=kind=component&limit=100').expect(200);
    expect(all.body.totalItems).toBe(30);
    const and = await get('/entities/by-query?filter=kind=Component,spec.lifecycle=PRODUCTION,spec.owner=group:default/team-a&limit=100');
    expect(names(and.body.items)).toEqual(['c00', 'c06', 'c12', 'c18', 'c24']);
    const or = await get('/entities/by-query?filter=metadata.name=c01&filter=metadata.name=c02,spec.type=service&filter=kind=group&limit=100');
    expect(names(or.body.items).sort()).toEqual(['c01', 'c02', 'team-a', 'team-b']);
    const sameKey = await get('/entities/by-query?filter=metadata.name=c03,metadata.name=c04');
    expect(names(sameKey.body.items)).toEqual(['c03', 'c04']);
    const eitherTag = await get('/entities/by-query?filter=metadata.tags=java,metadata.tags=web,kind=component&limit=5');
    expect(eitherTag.body.totalItems).toBe(30);
    const orCount = await get('/entities/by-query?filter=metadata.name=c01&filter=kind=group&limit=1');
    expect(orCount.body.totalItems).toBe(3);
    const tags = await get('/entities/by-query?filter=metadata.tags=java&limit=100');
    expect(names(tags.body.items)).toEqual(['c00', 'c05', 'c10', 'c15', 'c20', 'c25']);
    const annotation = await get('/entities/by-query?filter=metadata.annotations.backstage.io/techdocs-ref=dir:.');
    expect(names(annotation.body.items)).toEqual(['c00', 'c01', 'c02']);
    const exists = await get('/entities/by-query?filter=spec.dependson&limit=100');
    expect(names(exists.body.items)).toEqual(['c01']);
    const relation = await get('/entities/by-query?filter=relations.ownedby=group:default/team-b,spec.lifecycle=experimental&limit=100');
    expect(names(relation.body.items)).toEqual(['c01', 'c07', 'c13', 'c19', 'c25']);
    const dependency = await get('/entities/by-query?filter=relations.dependencyof=component:default/c01');
    expect(names(dependency.body.items)).toEqual(['c00']);
    const uid = all.body.items[4].metadata.uid;
    expect(names((await get(`/entities/by-query?filter=metadata.uid=${uid}`)).body.items)).toEqual(['c04']);
  });

  it('projects fields, pages with limit and offset, and orders by any field', async () => {
    const projected = await get('/entities/by-query?filter=kind=component&fields=metadata.name,spec.owner&fields=kind&limit=2');
    expect(projected.body.items).toEqual([
      { kind: 'Component', metadata: { name: 'c00' }, spec: { owner: 'group:default/team-a' } },
      { kind: 'Component', metadata: { name: 'c01' }, spec: { owner: 'group:default/team-b' } },
    ]);
    const offset = await get('/entities/by-query?filter=kind=component&limit=3&offset=10&fields=metadata.name');
    expect(names(offset.body.items)).toEqual(['c10', 'c11', 'c12']);
    expect(offset.body.pageInfo.prevCursor).toEqual(expect.any(String));
    const desc = await get('/entities/by-query?filter=kind=component&orderField=metadata.name,desc&limit=3&fields=metadata.name');
    expect(names(desc.body.items)).toEqual(['c29', 'c28', 'c27']);
    const twoKeys = await get(
      '/entities/by-query?filter=kind=component&orderField=spec.lifecycle,asc&orderField=metadata.name,desc&limit=3&fields=metadata.name',
    );
    expect(names(twoKeys.body.items)).toEqual(['c29', 'c26', 'c23']);
    // Groups have no lifecycle: entities without the field come last.
    const missing = await get('/entities/by-query?orderField=spec.lifecycle,asc&limit=100&fields=metadata.name,kind');
    // The Location entities: root, and those generated for the location and for root's two targets.
    expect(missing.body.items.slice(-6).map((e: { kind: string }) => e.kind)).toEqual(['Group', 'Group', 'Location', 'Location', 'Location', 'Location']);
  });

  it('walks a whole result forwards and backwards with cursors, counting once', async () => {
    for (const order of ['', '&orderField=spec.lifecycle,desc&orderField=metadata.title,asc']) {
      const seen: string[] = [];
      let page = await get(`/entities/by-query?filter=kind=component&limit=7&fields=metadata.name${order}`).expect(200);
      expect(page.body.pageInfo.prevCursor).toBeUndefined();
      const pages = [names(page.body.items)];
      seen.push(...pages[0]!);
      while (page.body.pageInfo.nextCursor) {
        page = await get(`/entities/by-query?cursor=${page.body.pageInfo.nextCursor}&limit=7&fields=metadata.name`).expect(200);
        expect(page.body.totalItems).toBe(30);
        pages.push(names(page.body.items));
        seen.push(...names(page.body.items));
      }
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
      expect(pages.map(p => p.length)).toEqual([7, 7, 7, 7, 2]);
      // And back again, page by page.
      for (let i = pages.length - 2; i >= 0; i--) {
        page = await get(`/entities/by-query?cursor=${page.body.pageInfo.prevCursor}&limit=7&fields=metadata.name`).expect(200);
        expect(names(page.body.items)).toEqual(pages[i]);
      }
      expect(page.body.pageInfo.prevCursor).toBeUndefined();
      expect(page.body.pageInfo.nextCursor).toEqual(expect.any(String));
    }
  });

  it('searches full text, across the document or in named fields', async () => {
    const words = await get('/entities/by-query?fullTextFilterTerm=PAYM storefront&fields=metadata.name');
    expect(names(words.body.items)).toEqual(['c07']);
    expect(words.body.totalItems).toBe(1);
    expect((await get('/entities/by-query?fullTextFilterTerm=servi&limit=1')).body.totalItems).toBe(30);
    expect((await get('/entities/by-query?fullTextFilterTerm=web compon&filter=spec.type=website&filter=kind=group&limit=1')).body.totalItems).toBe(15);
    const prefix = await get('/entities/by-query?fullTextFilterTerm=DEPREC&filter=spec.owner=group:default/team-b&fields=metadata.name&limit=100');
    expect(names(prefix.body.items)).toEqual(['c05', 'c11', 'c17', 'c23', 'c29']);
    expect(prefix.body.totalItems).toBe(5);
    const inField = await get('/entities/by-query?fullTextFilterTerm=ice c2&fullTextFilterFields=metadata.title&fields=metadata.name&limit=100');
    expect(names(inField.body.items)).toEqual(['c20', 'c21', 'c22', 'c23', 'c24', 'c25', 'c26', 'c27', 'c28', 'c29']);
    const cursorKeepsTerm = await get(`/entities/by-query?cursor=${inField.body.pageInfo.nextCursor ?? ''}`);
    expect(cursorKeepsTerm.status).toBe(400);
    const paged = await get('/entities/by-query?fullTextFilterTerm=web&fullTextFilterFields=metadata.tags&limit=25&fields=metadata.name');
    const next = await get(`/entities/by-query?cursor=${paged.body.pageInfo.nextCursor}&fields=metadata.name`);
    expect(names(next.body.items)).toEqual(['c25', 'c26', 'c27', 'c28', 'c29']);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/entities/by-query?limit=-1', /limit/],
      ['/entities/by-query?limit=abc', /limit/],
      ['/entities/by-query?offset=1.5', /offset/],
      ['/entities/by-query?orderField=metadata.name,sideways', /orderField/],
      ['/entities/by-query?filter==x', /filter/],
      ['/entities/by-query?filter=kind=', /filter/],
      ['/entities/by-query?cursor=bm9wZQ', /cursor/],
      ['/entities/by-query?cursor=x&offset=2', /offset/],
      ['/entity-facets', /facet/],
      ['/entities/by-uid/nope', /uid/],
    ];
    for (const [url, pattern] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message, url).toMatch(pattern);
    }
    const page = await get('/entities/by-query?filter=kind=component&limit=2');
    const other = await get(`/entities/by-query?cursor=${page.body.pageInfo.nextCursor}&filter=kind=group`);
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/cursor/);
    const tampered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(page.body.pageInfo.nextCursor, 'base64url').toString()), q: { orderFields: [] } }),
    ).toString('base64url');
    expect((await get(`/entities/by-query?cursor=${tampered}`)).status).toBe(400);
    const refs = await catalog.request.post('/api/catalog/entities/by-refs').send({ entityRefs: 'x' });
    expect(refs.status).toBe(400);
    expect(refs.body.error.message).toMatch(/entityRefs/);
  });

  it('reads entities by name, uid and refs, with fields', async () => {
    const byName = await get('/entities/by-name/Component/default/C01').expect(200);
    expect(byName.body.metadata).toMatchObject({ name: 'c01', uid: expect.any(String), etag: expect.any(String) });
    expect(byName.body.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-b' });
    expect(byName.body.relations).toContainEqual({ type: 'dependsOn', targetRef: 'component:default/c00' });
    expect((await get('/entities/by-name/component/default/c01?fields=metadata.name')).body).toEqual({ metadata: { name: 'c01' } });
    expect((await get('/entities/by-name/component/default/nope')).status).toBe(404);
    const byUid = await get(`/entities/by-uid/${byName.body.metadata.uid}?fields=metadata.title`).expect(200);
    expect(byUid.body).toEqual({ metadata: { title: 'Service C01' } });
    expect((await get('/entities/by-uid/00000000-0000-0000-0000-000000000000')).status).toBe(404);

    const refs = await catalog.request
      .post('/api/catalog/entities/by-refs')
      .send({ entityRefs: ['group:default/team-b', 'component:default/missing', 'component:default/c02', 'not a ref'], fields: ['metadata.name'] })
      .expect(200);
    expect(refs.body.items).toEqual([{ metadata: { name: 'team-b' } }, null, { metadata: { name: 'c02' } }, null]);
    // Refs match as stored, as in Backstage: other spellings name nothing.
    const spelt = await catalog.request
      .post('/api/catalog/entities/by-refs')
      .send({ entityRefs: ['group:team-b', 'Component:default/C02'] })
      .expect(200);
    expect(spelt.body.items).toEqual([null, null]);
  });

  it('answers filter predicates posted to by-query, entity-facets and by-refs', async () => {
    const post = (url: string, body: object) => catalog.request.post(`/api/catalog${url}`).send(body);
    const productionC1 = {
      $all: [{ kind: 'Component' }, { $not: { 'spec.lifecycle': { $in: ['experimental', 'deprecated'] } } }, { 'metadata.name': { $hasPrefix: 'C1' } }],
    };
    const first = await post('/entities/by-query', {
      query: productionC1,
      orderBy: [{ field: 'metadata.name', order: 'desc' }],
      limit: 2,
      fields: ['metadata.name'],
    }).expect(200);
    expect(names(first.body.items)).toEqual(['c18', 'c15']);
    expect(first.body.totalItems).toBe(3);
    const next = await post('/entities/by-query', { cursor: first.body.pageInfo.nextCursor, limit: 2 }).expect(200);
    expect(names(next.body.items)).toEqual(['c12']);
    const count = async (query: object) => (await post('/entities/by-query', { query, limit: 1 }).expect(200)).body.totalItems;
    expect(await count({ kind: 'component', 'spec.dependsOn': { $exists: false } })).toBe(29);
    // not (service and web): every component is tagged web, so the websites.
    expect(await count({ $all: [{ kind: 'component' }, { $not: { $all: [{ 'spec.type': 'service' }, { 'metadata.tags': 'web' }] } }] })).toBe(15);
    expect(await count({ $any: [{ 'metadata.name': 'c01' }, { kind: 'group' }] })).toBe(3);
    expect(await count({ kind: 'component', 'metadata.name': { $in: [] } })).toBe(0);
    const refused = await post('/entities/by-query', { query: { 'metadata.tags': { $contains: 'web' } } }).expect(400);
    expect(refused.body.error).toMatchObject({ name: 'InputError', message: expect.stringMatching(/\$contains/) });

    const facets = await post('/entity-facets', { facets: ['spec.lifecycle'], query: { kind: 'component', 'spec.type': 'service' } }).expect(200);
    expect(facets.body).toEqual((await get('/entity-facets?facet=spec.lifecycle&filter=kind=component,spec.type=service').expect(200)).body);

    const refs = ['group:default/team-b', 'component:default/c01'];
    expect(names((await post('/entities/by-refs?filter=kind=group', { entityRefs: refs }).expect(200)).body.items.filter(Boolean))).toEqual(['team-b']);
    expect((await post('/entities/by-refs', { entityRefs: refs, query: { kind: 'component' } }).expect(200)).body.items[0]).toBeNull();
  });

  it('counts facets under a filter, by value and by relation', async () => {
    const res = await get('/entity-facets?facet=spec.lifecycle&facet=metadata.tags&facet=relations.ownedBy&filter=kind=component,spec.type=service').expect(
      200,
    );
    expect(res.body.facets['spec.lifecycle']).toEqual([
      { value: 'deprecated', count: 5 },
      { value: 'experimental', count: 5 },
      { value: 'production', count: 5 },
    ]);
    expect(res.body.facets['metadata.tags']).toEqual([
      { value: 'web', count: 15 },
      { value: 'java', count: 3 },
    ]);
    expect(res.body.facets['relations.ownedBy']).toEqual([{ value: 'group:default/team-a', count: 15 }]);
    const kinds = await get('/entity-facets?facet=kind').expect(200);
    expect(kinds.body.facets.kind).toEqual([
      { value: 'Component', count: 30 },
      { value: 'Location', count: 4 },
      { value: 'Group', count: 2 },
    ]);
  });

  it('counts kinds without a filter as the search rows count them', async () => {
    const fast = await get('/entity-facets?facet=kind&facet=spec.type').expect(200);
    // Every entity here is in the default namespace: this filter matches them all, through the search rows.
    const general = await get('/entity-facets?facet=kind&facet=spec.type&filter=metadata.namespace=default').expect(200);
    expect(fast.body).toEqual(general.body);
    expect(fast.body.facets.kind).toEqual([
      { value: 'Component', count: 30 },
      { value: 'Location', count: 4 },
      { value: 'Group', count: 2 },
    ]);
  });

  it('counts facets of one kind from that kind alone, by value and by relation', async () => {
    const res = await get(
      '/entity-facets?facet=spec.type&facet=relations.ownedBy&facet=relations.dependencyOf&facet=relations.ownerOf&filter=kind=Component',
    ).expect(200);
    expect(res.body.facets['spec.type']).toEqual([
      { value: 'service', count: 15 },
      { value: 'website', count: 15 },
    ]);
    expect(res.body.facets['relations.ownedBy']).toEqual([
      { value: 'group:default/team-a', count: 15 },
      { value: 'group:default/team-b', count: 15 },
    ]);
    // c01 produced both sides of its dependsOn: c00's side counts, ghost's (no entity) does not.
    expect(res.body.facets['relations.dependencyOf']).toEqual([{ value: 'component:default/c01', count: 1 }]);
    expect(res.body.facets['relations.ownerOf']).toEqual([]);
    const groups = await get('/entity-facets?facet=relations.ownerOf&facet=spec.type&filter=kind=group,metadata.name=team-b').expect(200);
    expect(groups.body.facets['relations.ownerOf']).toHaveLength(15);
    expect(groups.body.facets['spec.type']).toEqual([{ value: 'team', count: 1 }]);
    // A key named twice in one filter is one condition with either value.
    const two = await get('/entity-facets?facet=metadata.namespace&filter=kind=group,kind=component').expect(200);
    expect(two.body.facets['metadata.namespace']).toEqual([{ value: 'default', count: 32 }]);
    const groupsOrLocation = await get('/entity-facets?facet=metadata.namespace&filter=kind=group&filter=kind=location').expect(200);
    expect(groupsOrLocation.body.facets['metadata.namespace']).toEqual([{ value: 'default', count: 6 }]);
    const text = await get('/entities/by-query?filter=kind=component,spec.lifecycle=production&fullTextFilterTerm=serv&limit=1').expect(200);
    expect(text.body.totalItems).toBe(10);
    const several = await get('/entities/by-query?filter=kind=component,kind=group&limit=1').expect(200);
    expect(several.body.totalItems).toBe(32);
    const either = await get('/entities/by-query?filter=kind=component&filter=kind=group,spec.type=team&fullTextFilterTerm=team&limit=40').expect(200);
    expect(either.body.totalItems).toBe(32);
  });

  it('answers the ancestry of an entity', async () => {
    const res = await get('/entities/by-name/component/default/c03/ancestry').expect(200);
    expect(res.body.rootEntityRef).toBe('component:default/c03');
    expect(
      res.body.items.map((i: { entity: { metadata: { name: string } }; parentEntityRefs: string[] }) => [i.entity.metadata.name, i.parentEntityRefs]),
    ).toEqual([
      ['c03', [locationEntityRef('file', path.join(dir, 'components.yaml'))]],
      [locationEntityName('file', path.join(dir, 'components.yaml')), ['location:default/root']],
      ['root', [locationEntityRef('file', path.join(dir, 'catalog-info.yaml'))]],
      [locationEntityName('file', path.join(dir, 'catalog-info.yaml')), []],
    ]);
    expect((await get('/entities/by-name/component/default/nope/ancestry')).status).toBe(404);
  });

  it('validates entities without storing them', async () => {
    const ok = await catalog.request.post('/api/catalog/validate-entity').send({
      location: 'url:https://example.com/x.yaml',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'fine' },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      },
    });
    expect(ok.status).toBe(200);
    const bad = await catalog.request
      .post('/api/catalog/validate-entity')
      .send({ entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'Not Valid!' }, spec: {} } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect(bad.body.errors[0]).toEqual({ name: 'InputError', message: expect.stringMatching(/metadata\.name|spec/) });
    expect((await get('/entities/by-name/component/default/fine')).status).toBe(404);
  });

  it('serves the deprecated GET /entities, streamed whole or paged with after', async () => {
    const all = await get('/entities?filter=kind=component&fields=metadata.name').expect(200);
    expect(all.body).toHaveLength(30);
    expect(all.body[0]).toEqual({ metadata: { name: 'c00' } });
    const everything = await get('/entities?offset=31').expect(200);
    expect(everything.body).toHaveLength(5);
    const first = await get('/entities?filter=kind=component&limit=20&fields=metadata.name').expect(200);
    expect(first.body).toHaveLength(20);
    const link = /<([^>]+)>; rel="next"/.exec(first.headers.link ?? '')![1]!;
    const rest = await catalog.request.get(link).expect(200);
    expect(names(rest.body)).toEqual(['c20', 'c21', 'c22', 'c23', 'c24', 'c25', 'c26', 'c27', 'c28', 'c29']);
    expect(rest.headers.link).toBeUndefined();
  });

  it('deletes by uid only for callers with credentials', async () => {
    const entity = (await get('/entities/by-name/component/default/c29').expect(200)).body;
    await catalog.request.delete(`/api/catalog/entities/by-uid/${entity.metadata.uid}`).expect(401);
    await catalog.request.delete(`/api/catalog/entities/by-uid/${entity.metadata.uid}`).set(catalog.auth).expect(204);
    expect((await get('/entities/by-name/component/default/c29')).status).toBe(404);
    expect((await get('/entities/by-query?filter=metadata.name=c29')).body.totalItems).toBe(0);
    // Deleting again is not an error, as in Backstage.
    await catalog.request.delete(`/api/catalog/entities/by-uid/${entity.metadata.uid}`).set(catalog.auth).expect(204);
  });
});
