import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { commitAndPush } from '@portal/git';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { component, createTestCatalog, group, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

const user = (name: string) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: User', 'metadata:', `  name: ${name}`, 'spec:', '  memberOf: [platform]', ''].join('\n');

const IDENTITY_FIX = 'Groups and Users come only from locations configured in catalog.locations with rules that allow them';

describe.each(testDatabaseKinds())('trust by origin on %s', kind => {
  let host: TestGitHost;
  let db: TestDatabase | undefined;
  const catalogs: TestCatalog[] = [];
  let repoCount = 0;

  beforeAll(async () => {
    host = await startTestGitHost();
  });
  afterAll(async () => host?.close());
  afterEach(async () => {
    for (const c of catalogs.splice(0)) await c.plugin.stop?.();
    await db?.destroy();
    db = undefined;
  });

  async function start(catalogConfig: Record<string, unknown> = {}): Promise<TestCatalog> {
    db ??= await createTestDatabase(kind);
    const catalog = await createTestCatalog({ db, catalog: catalogConfig, gitReader: host.createReader() });
    catalogs.push(catalog);
    return catalog;
  }

  /** A new repository holding these files; returns the URL of its catalog-info.yaml. */
  async function repository(files: Record<string, string>): Promise<string> {
    const name = `trust-${++repoCount}`;
    const repo = await host.host.createRepository({ owner: 'acme', name });
    await commitAndPush({
      dir: writeFiles(tempDir(), files),
      remoteUrl: repo.cloneUrl,
      token: host.writeToken,
      message: 'add',
      author: { name: 'Dev', email: 'dev@example.com' },
    });
    return `${host.baseUrl}/git/acme/${name}/blob/main/catalog-info.yaml`;
  }

  const status = async (catalog: TestCatalog, target: string) => {
    const locations = (await catalog.request.get('/api/catalog/locations')).body as Array<{ data: { id: string; target: string } }>;
    const id = locations.find(l => l.data.target === target)?.data.id;
    return id ? (await catalog.request.get(`/api/catalog/locations/${id}/status`)).body : undefined;
  };
  const found = async (catalog: TestCatalog, k: string, name: string) =>
    (await catalog.request.get(`/api/catalog/entities/by-name/${k}/default/${name}`)).status === 200;

  it('gives a location registered through the API its Components but not its Groups and Users, saying how to fix it', async () => {
    const catalog = await start();
    const target = await repository({ 'catalog-info.yaml': [component('svc'), group('platform'), user('jane')].join('---\n') });
    // Fields only in-process callers may pass are not part of the API: a body naming them changes nothing.
    const res = await catalog.request
      .post('/api/catalog/locations')
      .set(catalog.auth)
      .send({ type: 'url', target, trusted: { allowKinds: ['Group', 'User'] }, allowKinds: ['Group', 'User'] });
    expect(res.status).toBe(201);
    expect(await found(catalog, 'component', 'svc')).toBe(true);
    expect(await found(catalog, 'group', 'platform')).toBe(false);
    expect(await found(catalog, 'user', 'jane')).toBe(false);
    const { errors } = await status(catalog, target);
    expect(errors).toEqual([
      expect.objectContaining({
        type: 'rule',
        entityRef: 'group:default/platform',
        message: `Kind Group may not be added from url:${target}: ${IDENTITY_FIX}`,
      }),
      expect.objectContaining({ type: 'rule', entityRef: 'user:default/jane', message: `Kind User may not be added from url:${target}: ${IDENTITY_FIX}` }),
    ]);
  });

  it('lets a config location with rules add Groups and Users, from its own files but not from other repositories it names', async () => {
    const elsewhere = await repository({ 'catalog-info.yaml': [component('elsewhere'), group('intruders')].join('---\n') });
    const target = await repository({
      'catalog-info.yaml': locationEntity('org', ['./org.yaml', elsewhere]),
      'org.yaml': [group('platform'), user('jane'), component('portal')].join('---\n'),
    });
    const catalog = await start({ locations: [{ type: 'url', target, rules: [{ allow: ['Group', 'User'] }] }], schedulerPollInterval: '20ms' });
    await catalog.plugin.start?.();
    await expect.poll(() => found(catalog, 'component', 'elsewhere'), { timeout: 10_000 }).toBe(true);
    expect(await found(catalog, 'group', 'platform')).toBe(true);
    expect(await found(catalog, 'user', 'jane')).toBe(true);
    expect(await found(catalog, 'component', 'portal')).toBe(true);
    expect((await status(catalog, target)).errors).toEqual([]);
    // The other repository is a location of its own, with only the global rules.
    expect(await found(catalog, 'group', 'intruders')).toBe(false);
    expect((await status(catalog, elsewhere)).errors).toEqual([
      expect.objectContaining({
        type: 'rule',
        entityRef: 'group:default/intruders',
        message: `Kind Group may not be added from url:${elsewhere}: ${IDENTITY_FIX}`,
      }),
    ]);
    // The in-process call trusts registered locations only: config decides for its own and their children.
    expect(await catalog.plugin.client.trustLocation({ type: 'url', target }, { allowKinds: ['Component'] })).toBe(false);
    expect(await catalog.plugin.client.trustLocation({ type: 'url', target: elsewhere }, { allowKinds: ['Group'] })).toBe(false);
  });

  it('applies changed kinds to files that did not change: trusting a location, and narrowing catalog.rules', async () => {
    const target = await repository({ 'catalog-info.yaml': [component('svc'), group('platform')].join('---\n') });
    const first = await start();
    await first.plugin.client.addLocation({ type: 'url', target });
    expect(await found(first, 'group', 'platform')).toBe(false);

    expect(await first.plugin.client.trustLocation({ type: 'url', target }, { allowKinds: ['Group', 'User'] })).toBe(true);
    expect(await first.plugin.client.trustLocation({ type: 'url', target }, { allowKinds: ['Group', 'User'] })).toBe(false);
    // The head commit is the one already read; the new kinds alone make the refresh read the file.
    await first.plugin.client.refreshEntity('component:default/svc');
    expect(await found(first, 'group', 'platform')).toBe(true);
    expect((await status(first, target)).errors).toEqual([]);

    // A second location, registered while wider rules allowed Groups to every location …
    const other = await repository({ 'catalog-info.yaml': [component('other'), group('intruders')].join('---\n') });
    const wide = await start({ rules: [{ allow: ['Component', 'Group', 'Location'] }] });
    await wide.plugin.client.addLocation({ type: 'url', target: other });
    expect(await found(wide, 'group', 'intruders')).toBe(true);
    // … loses them on its next refresh under the default rules, though its file is unchanged.
    const narrow = await start();
    await narrow.plugin.client.refreshEntity('component:default/other');
    expect(await found(narrow, 'group', 'intruders')).toBe(false);
    expect(await found(narrow, 'component', 'other')).toBe(true);
    expect((await status(narrow, other)).errors).toEqual([expect.objectContaining({ type: 'rule', entityRef: 'group:default/intruders' })]);
    // The trusted location keeps its Group under the same default rules.
    await narrow.plugin.client.refreshEntity('component:default/svc');
    expect(await found(narrow, 'group', 'platform')).toBe(true);
  });

  it('registers a trusted location in-process, and reads a dry run with the kinds it would have', async () => {
    const target = await repository({ 'catalog-info.yaml': [component('svc'), group('platform')].join('---\n') });
    const catalog = await start();
    const dry = await catalog.plugin.client.addLocation({ type: 'url', target }, { dryRun: true, trusted: { allowKinds: ['Group'] } });
    // With the Location entity generated for the location, as Backstage's dry run answers it.
    expect(dry.entities.map(e => e.kind).sort()).toEqual(['Component', 'Group', 'Location']);
    const untrustedDry = await catalog.plugin.client.addLocation({ type: 'url', target }, { dryRun: true });
    expect(untrustedDry.entities.map(e => e.kind)).toEqual(['Component', 'Location']);

    await catalog.plugin.client.addLocation({ type: 'url', target }, { trusted: { allowKinds: ['Group'] } });
    expect(await found(catalog, 'group', 'platform')).toBe(true);
    expect((await status(catalog, target)).errors).toEqual([]);
  });
});
