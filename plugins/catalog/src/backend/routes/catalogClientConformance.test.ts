import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_FILTER_EXISTS, type CatalogClient, type QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { generatedLocationRef, siblingUrl } from '../__fixtures__/catalogOverHttp.js';
import { BULK_COUNT, refOf, startConformanceCatalog, type BackstageEntity, type ConformanceCatalog } from '../__fixtures__/conformanceCatalog.js';
import { PEOPLE_REFS, scratchComponent, SHIPPING_REFS } from '../__fixtures__/shippingOrganisation.js';

// Backstage's published catalog client is the arbiter: each call is made as a Backstage plugin or
// script makes it, over HTTP, and the answer expected is the one Backstage's catalog backend gives.

const refsOf = (items: Array<BackstageEntity | undefined>) => items.map(e => (e ? refOf(e) : undefined));
const sorted = (values: Array<string | undefined>) => [...values].sort();

const SHIPPING_ENTITY_REFS = [
  SHIPPING_REFS.domain,
  SHIPPING_REFS.system,
  SHIPPING_REFS.database,
  SHIPPING_REFS.tracker,
  SHIPPING_REFS.gateway,
  SHIPPING_REFS.printer,
  SHIPPING_REFS.web,
  SHIPPING_REFS.trackingApi,
  SHIPPING_REFS.eventsApi,
];
const SHIPPING_COMPONENTS = ['carrier-gateway', 'label-printer', 'shipment-tracker', 'shipping-web'];
const inDefault = { 'metadata.namespace': 'default' };

describe.each(testDatabaseKinds())('Backstage catalog client against the catalog on %s', kind => {
  let t: ConformanceCatalog;
  let client: CatalogClient;

  beforeAll(async () => {
    t = await startConformanceCatalog(kind);
    client = t.client;
  }, 180_000);
  afterAll(async () => t?.close());

  describe('getEntities', () => {
    it('returns the entities a filter with several values of one key matches', async () => {
      const { items } = await client.getEntities({ filter: { kind: ['Domain', 'System', 'Resource', 'Component', 'API'], ...inDefault } });
      expect(sorted(refsOf(items))).toEqual(sorted(SHIPPING_ENTITY_REFS));
    });

    it('ORs filter sets and matches CATALOG_FILTER_EXISTS as "has the field"', async () => {
      const { items } = await client.getEntities({ filter: [{ kind: 'group' }, { kind: 'user', 'spec.profile.email': CATALOG_FILTER_EXISTS }] });
      expect(sorted(refsOf(items))).toEqual(sorted(Object.values(PEOPLE_REFS)));
    });

    it('returns only the fields asked for', async () => {
      const { items } = await client.getEntities({ filter: { kind: 'api' }, fields: ['kind', 'metadata.name'] });
      expect(items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))).toEqual([
        { kind: 'API', metadata: { name: 'shipment-events' } },
        { kind: 'API', metadata: { name: 'tracking-api' } },
      ]);
    });

    it('pages with limit and offset', async () => {
      const { items } = await client.getEntities({ filter: { kind: 'component', ...inDefault }, limit: 2, offset: 1 });
      expect(items).toHaveLength(2);
      for (const e of items) expect(SHIPPING_COMPONENTS).toContain(e.metadata.name);
    });

    it('sorts by order (the client sends order=desc:metadata.name)', async () => {
      const { items } = await client.getEntities({ filter: { kind: 'component', ...inDefault }, order: { field: 'metadata.name', order: 'desc' } });
      expect(items.map(e => e.metadata.name)).toEqual([...SHIPPING_COMPONENTS].reverse());
    });

    it('refuses an order parameter that is not <asc|desc>:<field> with 400', async () => {
      const res = await t.http.fetch('/entities?order=up:metadata.name');
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { name: 'InputError' } });
    });
  });

  describe('getEntitiesByRefs', () => {
    it('answers in the order asked, with undefined for refs it does not know', async () => {
      const { items } = await client.getEntitiesByRefs({ entityRefs: [SHIPPING_REFS.trackingApi, 'component:default/no-such-service', SHIPPING_REFS.tracker] });
      expect(refsOf(items)).toEqual([SHIPPING_REFS.trackingApi, undefined, SHIPPING_REFS.tracker]);
    });

    it('returns only the fields asked for', async () => {
      const { items } = await client.getEntitiesByRefs({ entityRefs: [SHIPPING_REFS.web, PEOPLE_REFS.mae], fields: ['metadata.name'] });
      expect(items).toEqual([{ metadata: { name: 'shipping-web' } }, { metadata: { name: 'mae.jemison' } }]);
    });

    it('applies a filter: entities it excludes come back as undefined', async () => {
      const { items } = await client.getEntitiesByRefs({ entityRefs: [SHIPPING_REFS.tracker, SHIPPING_REFS.trackingApi], filter: { kind: 'API' } });
      expect(refsOf(items)).toEqual([undefined, SHIPPING_REFS.trackingApi]);
    });

    it('does not find refs written in other letter cases', async () => {
      const { items } = await client.getEntitiesByRefs({ entityRefs: ['Component:default/Shipment-Tracker', SHIPPING_REFS.tracker] });
      expect(refsOf(items)).toEqual([undefined, SHIPPING_REFS.tracker]);
    });

    it('applies a query predicate (sent in the body)', async () => {
      const { items } = await client.getEntitiesByRefs({
        entityRefs: [SHIPPING_REFS.tracker, SHIPPING_REFS.trackingApi, SHIPPING_REFS.eventsApi],
        query: { kind: 'API' },
      });
      expect(refsOf(items)).toEqual([undefined, SHIPPING_REFS.trackingApi, SHIPPING_REFS.eventsApi]);
    });
  });

  describe('queryEntities', () => {
    it('answers pages of up to 200 when no limit is given, also for cursor requests', async () => {
      const first = await client.queryEntities({ filter: { 'metadata.namespace': 'bulk' } });
      expect(first.items).toHaveLength(200);
      expect(first.totalItems).toBe(BULK_COUNT);
      expect(first.pageInfo.nextCursor).toEqual(expect.any(String));
      const rest = await client.queryEntities({ cursor: first.pageInfo.nextCursor! });
      expect(rest.items).toHaveLength(BULK_COUNT - 200);
      expect(rest.pageInfo.nextCursor).toBeUndefined();
      expect(new Set([...first.items, ...rest.items].map(refOf)).size).toBe(BULK_COUNT);
    });

    it('answers a filtered page with totalItems and only the fields asked for', async () => {
      const page = await client.queryEntities({ filter: { kind: 'component', ...inDefault }, fields: ['metadata.name'], limit: 10 });
      expect(sorted(page.items.map(e => e.metadata.name))).toEqual(SHIPPING_COMPONENTS);
      expect(page.items[0]).toEqual({ metadata: { name: expect.any(String) } });
      expect(page.totalItems).toBe(4);
      expect(page.pageInfo.nextCursor).toBeUndefined();
    });

    it('finds entities by a full-text term in the fields named', async () => {
      const page = await client.queryEntities({ filter: inDefault, fullTextFilter: { term: 'tracker', fields: ['metadata.name'] } });
      expect(refsOf(page.items)).toEqual([SHIPPING_REFS.tracker]);
      expect(page.totalItems).toBe(1);
    });

    it('sorts by several orderFields', async () => {
      const page = await client.queryEntities({
        filter: { kind: 'component', ...inDefault },
        orderFields: [
          { field: 'spec.lifecycle', order: 'asc' },
          { field: 'metadata.name', order: 'desc' },
        ],
      });
      expect(page.items.map(e => e.metadata.name)).toEqual(['label-printer', 'shipping-web', 'shipment-tracker', 'carrier-gateway']);
    });

    it('walks forward with nextCursor and back with prevCursor', async () => {
      const names: string[][] = [];
      let page = await client.queryEntities({
        filter: { kind: ['component', 'api'], ...inDefault },
        orderFields: { field: 'metadata.name', order: 'asc' },
        limit: 2,
      });
      const first = page;
      names.push(page.items.map(e => e.metadata.name));
      while (page.pageInfo.nextCursor) {
        expect(page.totalItems).toBe(6);
        page = await client.queryEntities({ cursor: page.pageInfo.nextCursor, limit: 2 });
        names.push(page.items.map(e => e.metadata.name));
      }
      expect(names).toEqual([
        ['carrier-gateway', 'label-printer'],
        ['shipment-events', 'shipment-tracker'],
        ['shipping-web', 'tracking-api'],
      ]);
      expect(page.totalItems).toBe(6);
      const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2 });
      const back = await client.queryEntities({ cursor: second.pageInfo.prevCursor!, limit: 2 });
      expect(back.items.map(e => e.metadata.name)).toEqual(['carrier-gateway', 'label-printer']);
    });

    it('answers a query predicate (POST /entities/by-query), first page and cursor', async () => {
      const query: QueryEntitiesInitialRequest['query'] = {
        $all: [{ kind: 'component' }, { 'metadata.namespace': 'default' }, { 'spec.lifecycle': 'production' }],
      };
      const first = await client.queryEntities({ query, orderFields: { field: 'metadata.name', order: 'asc' }, limit: 2 });
      expect(first.items.map(e => e.metadata.name)).toEqual(['carrier-gateway', 'shipment-tracker']);
      expect(first.totalItems).toBe(3);
      const next = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2 });
      expect(next.items.map(e => e.metadata.name)).toEqual(['shipping-web']);
    });
  });

  describe('streamEntities', () => {
    it('streams every matching entity a page at a time', async () => {
      const pages: BackstageEntity[][] = [];
      for await (const page of client.streamEntities({ filter: { 'metadata.namespace': 'bulk' }, pageSize: 100 })) pages.push(page);
      expect(pages.map(p => p.length)).toEqual([100, 100, BULK_COUNT - 200]);
      expect(new Set(pages.flat().map(refOf)).size).toBe(BULK_COUNT);
    });
  });

  describe('getEntityAncestors', () => {
    it('answers the entity first, and every parent it names is in the answer', async () => {
      const { rootEntityRef, items } = await client.getEntityAncestors({ entityRef: SHIPPING_REFS.tracker });
      expect(rootEntityRef).toBe(SHIPPING_REFS.tracker);
      expect(refOf(items[0]!.entity)).toBe(SHIPPING_REFS.tracker);
      const answered = new Set(items.map(i => refOf(i.entity)));
      for (const item of items) for (const parent of item.parentEntityRefs) expect(answered).toContain(parent);
    });

    it("leads from an entity through its file's generated Location to the registered location's", async () => {
      const target = t.shipping.catalogUrl;
      const chain = async (entityRef: string) =>
        (await client.getEntityAncestors({ entityRef })).items.map(i => ({ ref: refOf(i.entity), parents: i.parentEntityRefs }));
      expect(await chain(SHIPPING_REFS.tracker)).toEqual([
        { ref: SHIPPING_REFS.tracker, parents: [generatedLocationRef(siblingUrl(target, './components.yaml'))] },
        { ref: generatedLocationRef(siblingUrl(target, './components.yaml')), parents: [SHIPPING_REFS.location] },
        { ref: SHIPPING_REFS.location, parents: [generatedLocationRef(target)] },
        { ref: generatedLocationRef(target), parents: [] },
      ]);
      expect(await chain(SHIPPING_REFS.domain)).toEqual([
        { ref: SHIPPING_REFS.domain, parents: [generatedLocationRef(target)] },
        { ref: generatedLocationRef(target), parents: [] },
      ]);
    });
  });

  describe('getEntityByRef and getEntityByName', () => {
    it('finds an entity by string or compound ref, with its uid and relations; undefined when unknown', async () => {
      const byString = await client.getEntityByRef(SHIPPING_REFS.tracker);
      expect(byString).toMatchObject({ kind: 'Component', metadata: { name: 'shipment-tracker', namespace: 'default', uid: expect.any(String) } });
      expect(byString!.relations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'ownedBy', targetRef: PEOPLE_REFS.team }),
          expect.objectContaining({ type: 'providesApi', targetRef: SHIPPING_REFS.trackingApi }),
          expect.objectContaining({ type: 'partOf', targetRef: SHIPPING_REFS.system }),
        ]),
      );
      const byCompound = await client.getEntityByRef({ kind: 'Component', namespace: 'default', name: 'shipment-tracker' });
      expect(byCompound?.metadata.uid).toBe(byString!.metadata.uid);
      expect(await client.getEntityByRef('component:default/no-such-service')).toBeUndefined();
    });

    it('finds an entity by compound name with the deprecated getEntityByName', async () => {
      const entity = await client.getEntityByName({ kind: 'Group', namespace: 'default', name: 'fulfilment' });
      expect(entity).toMatchObject({ kind: 'Group', spec: { type: 'team', parent: 'logistics' } });
      expect(await client.getEntityByName({ kind: 'Group', namespace: 'default', name: 'no-such-team' })).toBeUndefined();
    });

    it('answers spec lists of refs sorted', async () => {
      const spec = async (ref: string) => (await client.getEntityByRef(ref))!.spec!;
      expect(await spec(SHIPPING_REFS.tracker)).toMatchObject({
        providesApis: ['shipment-events', 'tracking-api'],
        dependsOn: ['component:carrier-gateway', 'resource:shipments-db'],
      });
      expect(await spec(SHIPPING_REFS.printer)).toMatchObject({ consumesApis: ['shipment-events', 'tracking-api'] });
      expect(await spec(SHIPPING_REFS.database)).toMatchObject({ dependencyOf: ['component:carrier-gateway', 'component:shipment-tracker'] });
      expect(await spec(PEOPLE_REFS.team)).toMatchObject({ members: ['alan.turing', 'mae.jemison'], children: [] });
      expect(await spec(PEOPLE_REFS.department)).toMatchObject({ children: ['fulfilment'] });
      expect(await spec(PEOPLE_REFS.mae)).toMatchObject({ memberOf: ['fulfilment', 'logistics'] });
    });
  });

  describe('getEntityFacets', () => {
    it('counts the values of each facet among the entities a filter matches', async () => {
      const { facets } = await client.getEntityFacets({ facets: ['spec.type', 'spec.lifecycle'], filter: { kind: 'component', ...inDefault } });
      const byValue = Object.fromEntries(Object.entries(facets).map(([k, v]) => [k, [...v].sort((a, b) => a.value.localeCompare(b.value))]));
      expect(byValue).toEqual({
        'spec.type': [
          { value: 'service', count: 3 },
          { value: 'website', count: 1 },
        ],
        'spec.lifecycle': [
          { value: 'experimental', count: 1 },
          { value: 'production', count: 3 },
        ],
      });
    });

    it('counts under a query predicate (POST /entity-facets)', async () => {
      const answer = await client.getEntityFacets({
        facets: ['spec.type', 'spec.lifecycle'],
        query: { $all: [{ kind: 'component' }, { 'metadata.namespace': 'default' }] },
      });
      // The client answers undefined when the server answers 404.
      expect(answer).toBeDefined();
      const byValue = Object.fromEntries(Object.entries(answer.facets).map(([k, v]) => [k, [...v].sort((a, b) => a.value.localeCompare(b.value))]));
      expect(byValue).toEqual({
        'spec.type': [
          { value: 'service', count: 3 },
          { value: 'website', count: 1 },
        ],
        'spec.lifecycle': [
          { value: 'experimental', count: 1 },
          { value: 'production', count: 3 },
        ],
      });
    });
  });

  describe('locations', () => {
    it('getLocations lists registered locations with their id, type and target', async () => {
      const { items } = await client.getLocations();
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: t.registeredShipping.location.id, type: 'url', target: t.shipping.catalogUrl }),
          expect.objectContaining({ type: 'url', target: t.people.catalogUrl }),
          expect.objectContaining({ type: 'url', target: t.bulk.catalogUrl }),
        ]),
      );
    });

    it('getLocationById finds a location; undefined for an unknown id', async () => {
      const { id } = t.registeredShipping.location;
      expect(await client.getLocationById(id)).toMatchObject({ id, type: 'url', target: t.shipping.catalogUrl });
      expect(await client.getLocationById(randomUUID())).toBeUndefined();
    });

    it('getLocationByRef finds a location by url:<target>; undefined when none has it', async () => {
      expect(await client.getLocationByRef(`url:${t.shipping.catalogUrl}`)).toMatchObject({
        id: t.registeredShipping.location.id,
        target: t.shipping.catalogUrl,
      });
      expect(await client.getLocationByRef(`url:${t.shipping.catalogUrl}.missing`)).toBeUndefined();
    });

    it('getLocationByEntity answers the registered location an entity came from; undefined when unknown', async () => {
      const expected = { id: t.registeredShipping.location.id, type: 'url', target: t.shipping.catalogUrl };
      expect(await client.getLocationByEntity(SHIPPING_REFS.domain)).toMatchObject(expected);
      // Read through the Location entity's target, still the registered location's.
      expect(await client.getLocationByEntity(SHIPPING_REFS.tracker)).toMatchObject(expected);
      expect(await client.getLocationByEntity('component:default/no-such-service')).toBeUndefined();
    });

    it('gives each registered location a generated Location entity, generated-<sha1 of "url:<target>">', async () => {
      const target = t.shipping.catalogUrl;
      expect(await client.getEntityByRef(generatedLocationRef(target))).toMatchObject({ kind: 'Location', spec: { type: 'url', target } });
      // The Location entity in the file leads to one generated Location entity per target.
      for (const file of ['./system.yaml', './components.yaml', './apis.yaml']) {
        expect(await client.getEntityByRef(generatedLocationRef(siblingUrl(target, file)))).toMatchObject({
          kind: 'Location',
          spec: { type: 'url', target: siblingUrl(target, file) },
        });
      }
    });

    it('names the generated Location entity in every location answer (entityRef)', async () => {
      const target = t.shipping.catalogUrl;
      const expected = expect.objectContaining({ target, entityRef: generatedLocationRef(target) });
      expect(t.registeredShipping.location).toEqual(expected);
      expect((await client.getLocations()).items.find(l => l.target === target)).toEqual(expected);
      expect(await client.getLocationById(t.registeredShipping.location.id)).toEqual(expected);
      expect(await client.getLocationByRef(`url:${target}`)).toEqual(expected);
      expect(await client.getLocationByEntity(SHIPPING_REFS.tracker)).toEqual(expected);
    });

    it('queryLocations pages and filters locations (POST /locations/by-query)', async () => {
      const all = await client.queryLocations({ limit: 2 });
      expect(all.items).toHaveLength(2);
      expect(all.totalItems).toBeGreaterThanOrEqual(3);
      expect(all.pageInfo.nextCursor).toEqual(expect.any(String));
      const one = await client.queryLocations({ query: { target: t.shipping.catalogUrl } });
      expect(one.items).toEqual([expect.objectContaining({ id: t.registeredShipping.location.id, type: 'url', target: t.shipping.catalogUrl })]);
      expect(one.totalItems).toBe(1);
    });

    it('streamLocations streams every registered location', async () => {
      const targets: string[] = [];
      for await (const page of client.streamLocations({ limit: 1 })) targets.push(...page.map(l => l.target));
      expect(targets).toEqual(expect.arrayContaining([t.shipping.catalogUrl, t.people.catalogUrl, t.bulk.catalogUrl]));
    });
  });

  describe('addLocation', () => {
    it('registers a url location, answering the location (201)', async () => {
      const { location, entities } = t.registeredShipping;
      expect(location).toMatchObject({ id: expect.any(String), type: 'url', target: t.shipping.catalogUrl });
      expect(Array.isArray(entities)).toBe(true);
      expect(await client.getEntityByRef(SHIPPING_REFS.tracker)).toBeDefined();
    });

    it('refuses a target registered already with 409 ConflictError', async () => {
      await expect(client.addLocation({ type: 'url', target: t.shipping.catalogUrl })).rejects.toMatchObject({
        statusCode: 409,
        body: { error: { name: 'ConflictError' } },
      });
    });

    it('answers a dry run (201) with the entities registering would add, storing nothing', async () => {
      const repo = await t.repository('dry-run', { 'catalog-info.yaml': scratchComponent('customs-forms', 'dry-run') });
      const answer = await client.addLocation({ type: 'url', target: repo.catalogUrl, dryRun: true });
      expect(answer.location).toMatchObject({ type: 'url', target: repo.catalogUrl });
      expect(answer.exists).toBe(false);
      expect(answer.entities.map(refOf)).toContain('component:dry-run/customs-forms');
      expect(await client.getLocationByRef(`url:${repo.catalogUrl}`)).toBeUndefined();
      expect(await client.getEntityByRef('component:dry-run/customs-forms')).toBeUndefined();
    });

    it('answers a dry run of a registered target with exists: true', async () => {
      const answer = await client.addLocation({ type: 'url', target: t.shipping.catalogUrl, dryRun: true });
      expect(answer.exists).toBe(true);
    });

    it('refuses a dry run of a repository that does not exist with 400 InputError', async () => {
      const target = `${t.host.baseUrl}/git/acme/no-such-repository/blob/main/catalog-info.yaml`;
      await expect(client.addLocation({ type: 'url', target, dryRun: true })).rejects.toMatchObject({
        statusCode: 400,
        body: { error: { name: 'InputError' } },
      });
    });
  });

  describe('removeLocationById', () => {
    it('removes a location, and its entities leave the catalog', async () => {
      const repo = await t.repository('returns', { 'catalog-info.yaml': scratchComponent('returns-portal', 'returns') });
      const { location } = await client.addLocation({ type: 'url', target: repo.catalogUrl });
      expect(await client.getEntityByRef('component:returns/returns-portal')).toBeDefined();
      await client.removeLocationById(location.id);
      expect(await client.getLocationById(location.id)).toBeUndefined();
      await expect.poll(() => client.getEntityByRef('component:returns/returns-portal'), { timeout: 10_000 }).toBeUndefined();
    });

    it('refuses an unknown id with 404 NotFoundError', async () => {
      await expect(client.removeLocationById(randomUUID())).rejects.toMatchObject({ statusCode: 404, body: { error: { name: 'NotFoundError' } } });
    });
  });

  describe('removeEntityByUid', () => {
    it('removes an entity by its uid, leaving its neighbours', async () => {
      const repo = await t.repository('pickup', {
        'catalog-info.yaml': [scratchComponent('pickup-slots', 'pickup'), scratchComponent('pickup-points', 'pickup')].join('---\n'),
      });
      await client.addLocation({ type: 'url', target: repo.catalogUrl });
      const entity = await client.getEntityByRef('component:pickup/pickup-slots');
      await client.removeEntityByUid(entity!.metadata.uid!);
      expect(await client.getEntityByRef('component:pickup/pickup-slots')).toBeUndefined();
      expect(await client.getEntityByRef('component:pickup/pickup-points')).toBeDefined();
    });

    it('brings a deleted entity back on the next refresh of its location, since its file still declares it', async () => {
      const repo = await t.repository('lockers', {
        'catalog-info.yaml': [scratchComponent('locker-map', 'lockers'), scratchComponent('locker-codes', 'lockers')].join('---\n'),
      });
      await client.addLocation({ type: 'url', target: repo.catalogUrl });
      const entity = await client.getEntityByRef('component:lockers/locker-map');
      await client.removeEntityByUid(entity!.metadata.uid!);
      await client.refreshEntity('component:lockers/locker-codes');
      await expect.poll(() => client.getEntityByRef('component:lockers/locker-map'), { timeout: 5_000 }).toBeDefined();
    });
  });

  describe('refreshEntity', () => {
    it("reads the entity's location again, picking up a new commit", async () => {
      const repo = await t.repository('rates', { 'catalog-info.yaml': scratchComponent('rate-card', 'rates') });
      await client.addLocation({ type: 'url', target: repo.catalogUrl });
      await repo.push({ 'catalog-info.yaml': [scratchComponent('rate-card', 'rates'), scratchComponent('rate-quotes', 'rates')].join('---\n') });
      await client.refreshEntity('component:rates/rate-card');
      await expect.poll(() => client.getEntityByRef('component:rates/rate-quotes'), { timeout: 10_000 }).toBeDefined();
    });

    it('resolves for a uid no entity has (204)', async () => {
      await expect(client.removeEntityByUid(randomUUID())).resolves.toBeUndefined();
    });
  });

  describe('validateEntity', () => {
    const location = 'url:https://git.acme.example/acme/shipping/blob/main/catalog-info.yaml';
    const component = (name: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
      spec: { type: 'service', lifecycle: 'production', owner: 'fulfilment' },
    });

    it('answers valid for a well-formed entity', async () => {
      expect(await client.validateEntity(component('parcel-scanner'), location)).toEqual({ valid: true });
    });

    it('answers invalid, with errors, for an entity that breaks the schema', async () => {
      const answer = await client.validateEntity(component('Not a valid name!'), location);
      expect(answer.valid).toBe(false);
      expect(answer.valid ? [] : answer.errors).not.toHaveLength(0);
    });
  });

  describe('orphanStrategy keep', () => {
    it('keeps an entity dropped from its file, annotated backstage.io/orphan: "true"', async () => {
      const keeping = await t.serveAnother({ orphanStrategy: 'keep' });
      const repo = await t.repository('depots', {
        'catalog-info.yaml': [scratchComponent('depot-north', 'depots'), scratchComponent('depot-south', 'depots')].join('---\n'),
      });
      await keeping.client.addLocation({ type: 'url', target: repo.catalogUrl });
      await repo.push({ 'catalog-info.yaml': scratchComponent('depot-north', 'depots') });
      await keeping.client.refreshEntity('component:depots/depot-north');
      await expect
        .poll(async () => (await keeping.client.getEntityByRef('component:depots/depot-south'))?.metadata.annotations?.['backstage.io/orphan'], {
          timeout: 5_000,
        })
        .toBe('true');
    });

    it('answers invalid for a location that is not a location ref', async () => {
      const entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'parcel-scanner' },
        spec: { type: 'service', lifecycle: 'production', owner: 'fulfilment' },
      };
      const answer = await client.validateEntity(entity, 'catalog-info.yaml');
      expect(answer.valid).toBe(false);
    });
  });

  describe('updateLocation', () => {
    it('points a registered location at another target (PUT /locations/:id)', async () => {
      const before = await t.repository('customs', { 'catalog-info.yaml': scratchComponent('customs-forms', 'customs') });
      const after = await t.repository('customs-v2', { 'catalog-info.yaml': scratchComponent('customs-declarations', 'customs') });
      const { location } = await client.addLocation({ type: 'url', target: before.catalogUrl });
      const updated = await client.updateLocation(location.id, { type: 'url', target: after.catalogUrl });
      expect(updated).toMatchObject({ id: location.id, type: 'url', target: after.catalogUrl });
      expect(await client.getLocationById(location.id)).toMatchObject({ target: after.catalogUrl });
    });
  });

  describe('analyzeLocation', () => {
    it('suggests a Component named after a repository without an analyzer of its host', async () => {
      const repoName = t.shipping.repoUrl.split('/').pop();
      const answer = await client.analyzeLocation({ location: { type: 'url', target: t.shipping.repoUrl } });
      expect(answer).toEqual({
        existingEntityFiles: [],
        generateEntities: [
          {
            entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: repoName }, spec: { type: 'other', lifecycle: 'unknown' } },
            fields: [],
          },
        ],
      });
    });
  });
});
