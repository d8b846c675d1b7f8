import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import { commitAndPush } from '@portal/git';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { component, createTestCatalog, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';
import type { RefreshOutcome } from '../metrics.js';

const SERVICES = ['a', 'b', 'c', 'd'];

/**
 * Whether chmod keeps this process out of a folder. It does not for root (the usual user in
 * containers), which reads anything; the unreadable-folder case then uses another fault.
 */
function chmodRestricts(): boolean {
  const dir = tempDir('chmod-probe-');
  fs.chmodSync(dir, 0o000);
  try {
    fs.readdirSync(dir);
    return false;
  } catch {
    return true;
  } finally {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true });
  }
}

/**
 * A damaged git cache must fail a refresh, never read as "these files are gone": every entity
 * stays, the location's status carries the error, and a later refresh (with the cache rebuilt)
 * applies the push as usual.
 */
describe.each(testDatabaseKinds())('a git cache that cannot be read, on %s', kind => {
  let host: TestGitHost;
  let db: TestDatabase | undefined;
  const catalogs: TestCatalog[] = [];
  const outcomes: RefreshOutcome[] = [];
  let repoCount = 0;

  beforeAll(async () => {
    host = await startTestGitHost();
  });
  afterAll(async () => host?.close());
  beforeEach(async () => {
    db = await createTestDatabase(kind);
  });
  afterEach(async () => {
    for (const c of catalogs.splice(0)) await c.plugin.stop?.();
    await db?.destroy();
    db = undefined;
    outcomes.length = 0;
  });

  /** A catalog reading through its own cache folder; `afterFetch` runs once, right after the next fetch. */
  async function start(cacheDir: string) {
    const reader = host.createReader({ cacheDir });
    const hooks: { afterFetch?: () => Promise<void> } = {};
    // A fetch checks the cache and rebuilds it when it finds it damaged, so a fault meant for the
    // reads lands just after it: between the fetch and the reads of one refresh.
    const fetch = reader.fetch.bind(reader);
    reader.fetch = async (repoUrl, ref) => {
      const commit = await fetch(repoUrl, ref);
      const fault = hooks.afterFetch;
      hooks.afterFetch = undefined;
      await fault?.();
      return commit;
    };
    const catalog = await createTestCatalog({ db: db!, gitReader: reader, onRefresh: e => e.outcome && outcomes.push(e.outcome) });
    catalogs.push(catalog);
    return { catalog, hooks };
  }

  /** A repository with a Location and four components, registered and read once. */
  async function setup() {
    const cacheDir = tempDir('catalog-git-cache-');
    const { catalog, hooks } = await start(cacheDir);
    const name = `fragile-${++repoCount}`;
    const repo = await host.host.createRepository({ owner: 'acme', name });
    const dir = tempDir();
    const push = (files: Record<string, string | null>) =>
      commitAndPush({
        dir: writeFiles(dir, files),
        remoteUrl: repo.cloneUrl,
        token: host.writeToken,
        message: 'change',
        author: { name: 'Dev', email: 'dev@example.com' },
      });
    await push({
      'catalog-info.yaml': locationEntity('root', ['./services/*/catalog-info.yaml']),
      ...Object.fromEntries(SERVICES.map(s => [`services/${s}/catalog-info.yaml`, component(s)])),
    });
    const target = `${host.baseUrl}/git/acme/${name}/blob/main/catalog-info.yaml`;
    const { body } = await catalog.request.post('/api/catalog/locations').set(catalog.auth).send({ type: 'url', target }).expect(201);
    const id: string = body.location.id;
    const gitdir = () => path.join(cacheDir, fs.readdirSync(cacheDir)[0]!);
    return { catalog, hooks, cacheDir, gitdir, repo, push, id };
  }

  const entitiesOf = async (catalog: TestCatalog, id: string) =>
    (await catalog.db.knex('catalog_entities').where({ location_id: id }).orderBy('entity_ref').select('entity_ref', 'hash')) as Array<{
      entity_ref: string;
      hash: string;
    }>;
  const statusOf = async (catalog: TestCatalog, id: string) => (await catalog.request.get(`/api/catalog/locations/${id}/status`).expect(200)).body;
  const ownerOf = async (catalog: TestCatalog, name: string) =>
    (await catalog.request.get(`/api/catalog/entities/by-name/component/default/${name}`)).body.spec.owner;

  /** Refreshes with the cache damaged, checks nothing changed but the status, then refreshes again. */
  async function expectFailureKeepsEverything(options: { catalog: TestCatalog; id: string; repoUrl: string; repair?: () => Promise<void> }) {
    const { catalog, id, repoUrl } = options;
    const before = await entitiesOf(catalog, id);
    const commitBefore = (await statusOf(catalog, id)).lastCommit;
    // The Location entities generated for the location and its glob aside.
    expect(before.map(e => e.entity_ref).filter(ref => !ref.startsWith('location:default/generated-'))).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
      'component:default/d',
      'location:default/root',
    ]);

    outcomes.length = 0;
    await catalog.plugin.client.refreshLocationsForRepo(repoUrl);
    expect(outcomes).toEqual(['failed']);
    expect(await entitiesOf(catalog, id)).toEqual(before);
    const failed = await statusOf(catalog, id);
    expect(failed.lastCommit).toBe(commitBefore);
    expect(failed.entityCount).toBe(7);
    expect(failed.errors).toEqual([expect.objectContaining({ file: '', type: 'location', message: expect.stringMatching(/git cache/) })]);

    await options.repair?.();
    outcomes.length = 0;
    await catalog.plugin.client.refreshLocationsForRepo(repoUrl);
    expect(outcomes).toEqual(['changed']);
    const recovered = await statusOf(catalog, id);
    expect(recovered).toMatchObject({ entityCount: 7, errorCount: 0 });
    expect(recovered.lastCommit).not.toBe(commitBefore);
  }

  it('fails the refresh when the pack files are gone, and reads again once the fetch rebuilds the cache', async () => {
    const { catalog, hooks, gitdir, repo, push, id } = await setup();
    await push({ 'services/a/catalog-info.yaml': component('a', { owner: 'group:default/team-z' }) });
    hooks.afterFetch = async () => {
      const packs = path.join(gitdir(), 'objects', 'pack');
      for (const file of fs.readdirSync(packs)) fs.rmSync(path.join(packs, file));
    };
    await expectFailureKeepsEverything({ catalog, id, repoUrl: repo.cloneUrl });
    expect(await ownerOf(catalog, 'a')).toBe('group:default/team-z');
  });

  it('fails the refresh when an older pack is truncated, read after a restart, and rebuilds the cache', async () => {
    const first = await setup();
    const { repo, push, id } = first;
    // Two packs: the first fetch's (every file) and the push's (what it changed).
    await push({ 'services/a/catalog-info.yaml': component('a', { owner: 'group:default/team-y' }) });
    await first.catalog.plugin.client.refreshLocationsForRepo(repo.cloneUrl);
    expect(await ownerOf(first.catalog, 'a')).toBe('group:default/team-y');

    // A restart: a backend that has read nothing of the cache yet, so the damage on disk is what
    // it reads. (A running one keeps the packs it has checked, which stay right.)
    await first.catalog.plugin.stop?.();
    const restartedCache = tempDir('catalog-git-cache-');
    fs.cpSync(first.cacheDir, restartedCache, { recursive: true });
    const { catalog } = await start(restartedCache);
    // The older pack holds the files the push left alone; the fetch only checks the newer one,
    // which holds the commit the cache's branch names.
    const packsOf = (cacheDir: string) => path.join(cacheDir, fs.readdirSync(cacheDir)[0]!, 'objects', 'pack');
    const byAge = fs
      .readdirSync(packsOf(first.cacheDir))
      .filter(f => f.endsWith('.pack'))
      .sort((x, y) => fs.statSync(path.join(packsOf(first.cacheDir), x)).mtimeMs - fs.statSync(path.join(packsOf(first.cacheDir), y)).mtimeMs);
    expect(byAge).toHaveLength(2);
    const older = path.join(packsOf(restartedCache), byAge[0]!);
    fs.truncateSync(older, fs.statSync(older).size - 64);

    await push({ 'services/b/catalog-info.yaml': component('b', { owner: 'group:default/team-z' }) });
    // A refresh that reads every file, as one after a resolved conflict or a change of catalog.rules does.
    await catalog.db.knex('catalog_locations').where({ id }).update({ force_full: true });
    await expectFailureKeepsEverything({ catalog, id, repoUrl: repo.cloneUrl });
    expect(await ownerOf(catalog, 'b')).toBe('group:default/team-z');
  });

  it('fails the refresh when the pack folder cannot be read, and reads again once it is repaired', async () => {
    const { catalog, hooks, gitdir, repo, push, id } = await setup();
    await push({ 'services/c/catalog-info.yaml': component('c', { owner: 'group:default/team-z' }) });
    const packs = () => path.join(gitdir(), 'objects', 'pack');
    let repair: (() => Promise<void>) | undefined;
    if (chmodRestricts()) {
      hooks.afterFetch = async () => fs.chmodSync(packs(), 0o000);
      repair = async () => fs.chmodSync(packs(), 0o755);
    } else {
      // Running as root, where chmod 000 keeps nobody out: a file where the folder was cannot be
      // listed either (ENOTDIR), and the rebuild replaces it without help.
      hooks.afterFetch = async () => {
        fs.rmSync(packs(), { recursive: true });
        fs.writeFileSync(packs(), 'not a folder');
      };
    }
    await expectFailureKeepsEverything({ catalog, id, repoUrl: repo.cloneUrl, repair });
    expect(await ownerOf(catalog, 'c')).toBe('group:default/team-z');
  });
});
