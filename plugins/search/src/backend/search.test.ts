import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import type { SearchResultSet } from '../common/types.js';
import { createSearchTestbed, type SearchTestbed } from './__fixtures__/searchTestbed.js';

describe.each(testDatabaseKinds())('search on %s', kind => {
  let bed: SearchTestbed;
  beforeAll(async () => {
    bed = await createSearchTestbed(kind);
    // TechDocs renders the docs when they are first read, and tells search.
    await bed.readDocs();
  });
  afterAll(() => bed?.destroy());

  const search = async (query: string): Promise<SearchResultSet> => {
    const res = await bed.request.get(`/api/search/query?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as SearchResultSet;
  };
  const titles = (set: SearchResultSet) => set.results.map(r => r.document.title);

  it('finds a person by the first name, before what merely mentions it', async () => {
    const set = await search('term=jane');
    expect(set.results[0]).toMatchObject({
      type: 'software-catalog',
      rank: 1,
      document: { title: 'Jane Doe', kind: 'User', location: '/catalog/default/user/jane-doe' },
      highlight: { preTag: '<mark>', postTag: '</mark>', fields: { title: '<mark>Jane</mark> Doe' } },
    });
    // The component that names Jane in its description is found too, after her.
    expect(titles(set)).toContain('payments');
  });

  it('forgives a typo in a name', async () => {
    const set = await search('term=paymnts');
    expect(set.results[0]?.document).toMatchObject({ title: 'payments', kind: 'Component' });
  });

  it('puts the entity named exactly first', async () => {
    const set = await search('term=payments-api');
    expect(set.results[0]?.document).toMatchObject({ title: 'payments-api', kind: 'API', location: '/catalog/default/api/payments-api' });
  });

  it('finds a docs section by its heading and opens the page at its anchor', async () => {
    const set = await search('term=idempotency');
    expect(set.results[0]).toMatchObject({
      type: 'techdocs',
      document: {
        title: 'Idempotency',
        location: '/docs/default/component/payments/payment-lifecycle#idempotency',
        siteName: 'Payments',
        pageTitle: 'Payment lifecycle',
        kind: 'Component',
        owner: 'user:default/jane-doe',
      },
    });
    expect(set.results[0]?.document.text).toContain('Idempotency-Key');
    // The section after it is a document of its own, and does not match.
    expect(titles(set)).not.toContain('Refunds');
  });

  it('completes the word being typed', async () => {
    expect(titles(await search('term=led'))).toEqual(['ledger']);
  });

  it('filters by kind and by type, in the shape Backstage sends', async () => {
    const apis = await search('term=payments&filters[kind]=api');
    expect(apis.results.map(r => r.document.kind)).toEqual(['API']);
    const templates = await search(`term=service&${encodeURIComponent('types[0]')}=templates`);
    expect(templates.results).toHaveLength(1);
    expect(templates.results[0]).toMatchObject({
      type: 'templates',
      document: { title: 'Node.js service', location: '/create/templates/default/node-service' },
    });
    const docs = await search('term=payment&types[]=techdocs');
    expect(docs.results.every(r => r.type === 'techdocs')).toBe(true);
  });

  it('pages with cursors and counts every match', async () => {
    const first = await search('term=payments&pageLimit=2');
    expect(first.results).toHaveLength(2);
    expect(first.numberOfResults).toBeGreaterThan(2);
    const second = await search(`term=payments&pageLimit=2&pageCursor=${first.nextPageCursor}`);
    expect(second.results[0]?.rank).toBe(3);
    expect(second.previousPageCursor).toBeDefined();
    expect(titles(second)).not.toContain(titles(first)[0]);
  });

  it('treats what is typed as words, never as syntax', async () => {
    const set = await search(`term=${encodeURIComponent("jane' or 1=1; drop table search_documents; -- :* & | !")}`);
    expect(set.results[0]?.document.title).toBe('Jane Doe');
    const bad = await bed.request.get('/api/search/query?term=x&pageLimit=1000&filters[colour]=red');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/pageLimit/);
  });

  it('follows the catalog: a refresh that adds, changes and removes entities is indexed', async () => {
    const file = path.join(bed.dir, 'catalog-info.yaml');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace('name: ledger, description: Double-entry bookkeeping of every payment', 'name: ledger, description: Reconciles settlements nightly') +
        '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: fraud-check }\nspec: { type: service, lifecycle: production, owner: platform-team }\n',
    );
    await bed.catalog.client.refreshEntity('component:default/payments');
    await bed.search.indexer.settle();
    expect(titles(await search('term=fraud'))).toEqual(['fraud-check']);
    expect(titles(await search('term=settlements'))).toEqual(['ledger']);
    expect(titles(await search('term=bookkeeping'))).toEqual([]);

    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/---\n[^-]*name: fraud-check[\s\S]*$/, ''));
    await bed.catalog.client.refreshEntity('component:default/payments');
    await bed.search.indexer.settle();
    expect(titles(await search('term=fraud'))).toEqual([]);
  });

  it("replaces a page's sections when TechDocs renders a new version of the docs", async () => {
    const file = path.join(bed.dir, 'docs/payment-lifecycle.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('## Refunds', '## Chargebacks'));
    // The reader is answered from the version it has while the new one renders in the background.
    await bed.readDocs();
    await bed.techdocs.service.settle();
    await bed.search.indexer.settle();
    const set = await search('term=chargebacks');
    expect(set.results[0]?.document).toMatchObject({ title: 'Chargebacks', location: '/docs/default/component/payments/payment-lifecycle#chargebacks' });
    // The old heading is gone; its words are still found, under the new one.
    expect(titles(await search('term=refunds&types[]=techdocs'))).toEqual(['Chargebacks']);
  });

  it('builds the whole index again when it is empty', async () => {
    await bed.db.knex('search_documents').delete();
    expect((await search('term=jane')).results).toEqual([]);
    const stats = await bed.search.indexer.rebuildIfEmpty();
    expect(stats).toMatchObject({ docsSites: 1 });
    expect(stats!.entities).toBeGreaterThanOrEqual(7);
    expect((await search('term=jane')).results[0]?.document.title).toBe('Jane Doe');
    expect((await search('term=idempotency')).results[0]?.type).toBe('techdocs');
    expect(await bed.search.indexer.rebuildIfEmpty()).toBeUndefined();
  });
});

describe.each(testDatabaseKinds())('search permissions on %s', kind => {
  let bed: SearchTestbed;
  beforeAll(async () => {
    bed = await createSearchTestbed(kind, { readRule: 'anyone' });
  });
  afterAll(() => bed?.destroy());

  it('answers only those who may read the catalog', async () => {
    const anonymous = await bed.request.get('/api/search/query?term=jane');
    expect(anonymous.status).toBe(401);
    const badToken = await bed.request.get('/api/search/query?term=jane').set({ Authorization: 'Bearer not-a-token' });
    expect(badToken.status).toBe(401);
    const reader = await bed.request.get('/api/search/query?term=jane').set(bed.auth);
    expect(reader.status).toBe(200);
    expect(reader.body.results[0].document.title).toBe('Jane Doe');
  });

  it('never shows what the catalog no longer has', async () => {
    expect((await bed.request.get('/api/search/query?term=janet').set(bed.auth)).body.results[0].document.title).toBe('Janet Ng');
    const file = path.join(bed.dir, 'org.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/---\n[^-]*name: janet-ng[\s\S]*$/, ''));
    await bed.catalog.client.refreshEntity('user:default/jane-doe');
    await bed.search.indexer.settle();
    const reader = await bed.request.get('/api/search/query?term=janet').set(bed.auth);
    expect(reader.body.results.map((r: { document: { title: string } }) => r.document.title)).not.toContain('Janet Ng');
  });
});
