import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { commitAndPush } from '@portal/git';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { api, component, createTestCatalog, locationEntity, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';
import type { RefreshOutcome } from '../metrics.js';

describe.each(testDatabaseKinds())('git locations on %s', kind => {
  let host: TestGitHost;
  let catalog: TestCatalog | undefined;
  let onPush: ((repoUrl: string) => Promise<void>) | undefined;
  const outcomes: RefreshOutcome[] = [];
  let repoCount = 0;

  beforeAll(async () => {
    // The host fires every push at the catalog, as the backend wires it.
    host = await startTestGitHost({ onPush: event => onPush?.(event.repoUrl) });
  });
  afterAll(async () => host?.close());
  afterEach(async () => {
    onPush = undefined;
    outcomes.length = 0;
    await catalog?.plugin.stop?.();
    await catalog?.db.destroy();
    catalog = undefined;
  });

  async function setup(catalogConfig: Record<string, unknown> = {}) {
    catalog = await createTestCatalog({
      kind,
      catalog: catalogConfig,
      gitReader: host.createReader(),
      onRefresh: e => e.outcome && outcomes.push(e.outcome),
    });
    const repo = await host.host.createRepository({ owner: 'acme', name: `repo-${++repoCount}` });
    const dir = tempDir();
    const push = async (files: Record<string, string | null>) => {
      writeFiles(dir, files);
      return commitAndPush({ dir, remoteUrl: repo.cloneUrl, token: host.writeToken, message: 'change', author: { name: 'Dev', email: 'dev@example.com' } });
    };
    const target = `${host.baseUrl}/git/acme/repo-${repoCount}/blob/main/catalog-info.yaml`;
    return { catalog, repo, push, target };
  }

  const byName = (k: string, name: string) => catalog!.request.get(`/api/catalog/entities/by-name/${k}/default/${name}`);

  it('ingests a multi-file repository, then applies a push that changes, adds and deletes files', async () => {
    const { push, target, repo } = await setup();
    await push({
      'catalog-info.yaml': locationEntity('root', ['./services/**/catalog-info.yaml', './apis/payments.yaml']),
      'services/payments/catalog-info.yaml': component('payments', { providesApis: ['payments-api'] }),
      'services/search/catalog-info.yaml': component('search'),
      'services/old/catalog-info.yaml': component('old'),
      'apis/payments.yaml': api('payments-api'),
    });
    const added = await catalog!.request.post('/api/catalog/locations').set(catalog!.auth).send({ type: 'url', target });
    expect(added.status).toBe(201);
    expect(added.body.entities.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(['root']);

    const payments = await byName('component', 'payments');
    expect(payments.status).toBe(200);
    const view = `${repo.cloneUrl.replace(/\.git$/, '')}/blob/main/services/payments/catalog-info.yaml`;
    expect(payments.body.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${view}`,
      'backstage.io/managed-by-origin-location': `url:${target}`,
      'backstage.io/view-url': view,
      'backstage.io/edit-url': view.replace('/blob/', '/edit/'),
      'backstage.io/source-location': `url:${repo.cloneUrl.replace(/\.git$/, '')}/tree/main/services/payments/`,
    });
    expect(payments.body.relations).toContainEqual({ type: 'providesApi', targetRef: 'api:default/payments-api' });

    const client = catalog!.plugin.client;
    onPush = url => client.refreshLocationsForRepo(url);
    const stamps = new Map((await catalog!.db.knex('catalog_entities').select('entity_ref', 'refreshed_at')).map(r => [r.entity_ref, String(r.refreshed_at)]));
    const pushed = push({
      'services/payments/catalog-info.yaml': component('payments', { owner: 'group:default/team-z' }),
      'services/old/catalog-info.yaml': null,
      'services/new/catalog-info.yaml': component('new'),
    });
    await pushed;
    // The push hook answers once the refresh is stored, so the push is readable now.
    await expect.poll(async () => (await byName('component', 'new')).status, { timeout: 5000 }).toBe(200);
    expect((await byName('component', 'old')).status).toBe(404);
    const updated = await byName('component', 'payments');
    expect(updated.body.spec.owner).toBe('group:default/team-z');
    expect(updated.body.relations).not.toContainEqual({ type: 'providesApi', targetRef: 'api:default/payments-api' });
    expect((await byName('api', 'payments-api')).body.relations).not.toContainEqual({ type: 'apiProvidedBy', targetRef: 'component:default/payments' });
    const after = await catalog!.db.knex('catalog_entities').where({ entity_ref: 'component:default/search' }).first('refreshed_at');
    expect(String(after.refreshed_at)).toBe(stamps.get('component:default/search'));
    // The count follows what the push added and deleted (root, payments, search, new, payments-api,
    // and the Location entities generated for the location and root's two targets).
    const status = await catalog!.request.get(`/api/catalog/locations/${added.body.location.id}/status`);
    expect(status.body.entityCount).toBe(8);
  });

  it('applies a push that only edits files, and one that turns an edited file into a Location with a new target', async () => {
    const { push, target } = await setup();
    await push({
      'catalog-info.yaml': locationEntity('root', ['./a.yaml', './b.yaml', './missing.yaml']),
      'a.yaml': component('a'),
      'b.yaml': `${component('b')}---\n${component('b2')}`,
      'untargeted.yaml': component('nobody'),
    });
    const { body } = await catalog!.request.post('/api/catalog/locations').set(catalog!.auth).send({ type: 'url', target }).expect(201);
    const status = async () => (await catalog!.request.get(`/api/catalog/locations/${body.location.id}/status`)).body;
    // a, b, b2, root, and the Location entities generated for the location and root's three targets.
    expect(await status()).toMatchObject({ entityCount: 8, errorCount: 1 });
    const client = catalog!.plugin.client;
    onPush = url => client.refreshLocationsForRepo(url);

    // Only edits: one entity changes, one leaves its file, a file outside the location changes too.
    await push({ 'a.yaml': component('a', { owner: 'group:default/team-z' }), 'b.yaml': component('b'), 'untargeted.yaml': component('still-nobody') });
    await expect.poll(async () => (await byName('component', 'a')).body.spec.owner, { timeout: 5000 }).toBe('group:default/team-z');
    expect((await byName('component', 'b2')).status).toBe(404);
    expect((await byName('component', 'still-nobody')).status).toBe(404);
    // The missing target's error stays: the location as a whole was not looked at again.
    expect(await status()).toMatchObject({ entityCount: 7, errorCount: 1 });

    // An edited file that now declares a target changes which files belong to the location.
    await push({ 'a.yaml': `${component('a')}---\n${locationEntity('more', ['./untargeted.yaml'])}` });
    await expect.poll(async () => (await byName('component', 'still-nobody')).status, { timeout: 5000 }).toBe(200);
    // more, still-nobody, and the Location entity generated for more's target.
    expect(await status()).toMatchObject({ entityCount: 10, errorCount: 1 });
  });

  it('writes nothing when the head commit is unchanged', async () => {
    const { push, target } = await setup();
    await push({ 'catalog-info.yaml': component('steady') });
    const { body } = await catalog!.request.post('/api/catalog/locations').set(catalog!.auth).send({ type: 'url', target }).expect(201);
    const snapshot = async () => ({
      entities: await catalog!.db.knex('catalog_entities').select('entity_ref', 'refreshed_at', 'hash', 'commit'),
      files: await catalog!.db.knex('catalog_location_files').select(),
      errors: await catalog!.db.knex('catalog_errors').select(),
      commit: (await catalog!.db.knex('catalog_locations').where({ id: body.location.id }).first('last_commit')).last_commit,
    });
    const before = await snapshot();
    outcomes.length = 0;
    await catalog!.request.post('/api/catalog/refresh').set(catalog!.auth).send({ entityRef: 'component:steady' }).expect(200);
    expect(outcomes).toEqual(['unchanged']);
    expect(await snapshot()).toEqual(before);
  });

  it('refreshes on signed webhooks from GitHub, Gitea and GitLab and refuses unsigned ones', async () => {
    const secret = 'webhook-secret-123';
    const { push, target, repo } = await setup({ webhooks: { secret } });
    await push({ 'catalog-info.yaml': component('hooked') });
    await catalog!.request.post('/api/catalog/locations').set(catalog!.auth).send({ type: 'url', target }).expect(201);

    await push({ 'catalog-info.yaml': component('hooked', { owner: 'group:default/from-github' }) });
    const payload = JSON.stringify({ ref: 'refs/heads/main', repository: { clone_url: repo.cloneUrl, html_url: repo.webUrl } });
    const sign = (body: string) => createHmac('sha256', secret).update(body).digest('hex');
    const hook = () => catalog!.request.post('/api/catalog/webhooks/git').set('Content-Type', 'application/json');

    await hook().set('X-GitHub-Event', 'push').set('X-Hub-Signature-256', 'sha256=bad').send(payload).expect(401);
    const github = await hook()
      .set('X-GitHub-Event', 'push')
      .set('X-Hub-Signature-256', `sha256=${sign(payload)}`)
      .send(payload);
    expect(github.status).toBe(200);
    expect(github.body).toEqual({ refreshed: 1 });
    expect((await byName('component', 'hooked')).body.spec.owner).toBe('group:default/from-github');

    await push({ 'catalog-info.yaml': component('hooked', { owner: 'group:default/from-gitea' }) });
    await hook().set('X-Gitea-Event', 'push').set('X-GitHub-Event', 'push').set('X-Gitea-Signature', sign(payload)).send(payload).expect(200);
    expect((await byName('component', 'hooked')).body.spec.owner).toBe('group:default/from-gitea');

    await push({ 'catalog-info.yaml': component('hooked', { owner: 'group:default/from-gitlab' }) });
    const gitlab = JSON.stringify({ ref: 'refs/heads/main', project: { git_http_url: repo.cloneUrl } });
    await hook().set('X-Gitlab-Event', 'Push Hook').set('X-Gitlab-Token', 'wrong').send(gitlab).expect(401);
    await hook().set('X-Gitlab-Event', 'Push Hook').set('X-Gitlab-Token', secret).send(gitlab).expect(200);
    expect((await byName('component', 'hooked')).body.spec.owner).toBe('group:default/from-gitlab');

    // Another branch cannot change a location that reads main.
    const other = JSON.stringify({ ref: 'refs/heads/feature', repository: { clone_url: repo.cloneUrl } });
    const skipped = await hook()
      .set('X-GitHub-Event', 'push')
      .set('X-Hub-Signature-256', `sha256=${sign(other)}`)
      .send(other);
    expect(skipped.body).toEqual({ refreshed: 0 });
  });

  it('accepts webhooks only with credentials when no secret is configured', async () => {
    await setup();
    const payload = JSON.stringify({ ref: 'refs/heads/main', repository: { clone_url: `${host.baseUrl}/git/acme/none.git` } });
    const hook = () => catalog!.request.post('/api/catalog/webhooks/git').set('Content-Type', 'application/json').set('X-GitHub-Event', 'push');
    const refused = await hook().send(payload);
    expect(refused.status).toBe(401);
    expect(refused.body.error.name).toBe('AuthenticationError');
    await hook().set(catalog!.auth).send(payload).expect(200, { refreshed: 0 });
  });
});
