import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAuth, createLogger, createPermissionPolicy, createPermissions, errorHandler, notFoundHandler } from '@portal/backend-common';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@portal/backend-common/testing';
import type { Entity } from '@portal/catalog-model';
import { commitAndPush } from '@portal/git';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { createTechdocsPlugin, type TechdocsPlugin } from './createTechdocsPlugin.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '__fixtures__/site');
const author = { name: 'Docs Writer', email: 'docs@example.com' };

// The catalog's in-process client, reduced to the one call TechDocs makes, over real entities.
function catalogOf(entities: Entity[]) {
  return {
    getEntityByRef: async (ref: string) => entities.find(e => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase() === ref),
  };
}

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'backstage.io/techdocs-ref': 'dir:.', ...annotations } },
});

describe.each(testDatabaseKinds())('techdocs plugin on %s', kind => {
  let db: TestDatabase;
  let host: TestGitHost;
  let work: string;
  let repoUrl: string;
  let plugin: TechdocsPlugin;
  let app: express.Express;

  const pushSite = async (edit?: (dir: string) => void) => {
    const dir = path.join(work, 'tree');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(fixture, dir, { recursive: true });
    edit?.(dir);
    return (await commitAndPush({ dir, remoteUrl: repoUrl, token: host.writeToken, message: 'Docs', author })).commit;
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    host = await startTestGitHost();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-test-'));
    repoUrl = (await host.host.createRepository({ owner: 'acme', name: 'payments' })).cloneUrl;
    const logger = createLogger({ level: 'silent' });
    plugin = await createTechdocsPlugin({
      config: { techdocs: { checkInterval: 0 } },
      knex: db.knex,
      logger,
      httpAuth: createHttpAuth({ externalAccess: [] }),
      baseUrl: 'http://localhost:7007',
      serviceToken: host.serviceToken,
      gitReader: host.createReader(),
      catalog: catalogOf([
        entity('payments', { 'backstage.io/source-location': `url:${host.baseUrl}/git/acme/payments/tree/main/` }),
        entity('local-payments', { 'backstage.io/managed-by-location': `file:${fixture}/catalog-info.yaml` }),
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'nodocs', namespace: 'default' } },
      ]),
    });
    app = express();
    app.use('/api/techdocs', plugin.router);
    app.use(notFoundHandler);
    app.use(errorHandler(logger));
  });

  afterAll(async () => {
    await plugin?.stop?.();
    await host?.close();
    fs.rmSync(work, { recursive: true, force: true });
    await db?.destroy();
  });

  it('renders a repository site at its commit: metadata with nested nav and notes', async () => {
    const commit = await pushSite();
    const res = await request(app).get('/api/techdocs/default/component/payments').expect(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments',
      siteName: 'Payments service',
      homePath: 'index',
      commit,
      newerVersionAvailable: false,
      nav: [
        { title: 'Home', path: 'index' },
        {
          title: 'Guide',
          children: [
            { title: 'Setting up', path: 'guide/setup' },
            { title: 'Diagrams', path: 'guide/diagrams' },
          ],
        },
        { title: 'Reference', children: [{ title: 'API', path: 'reference/api' }] },
        { title: 'Status page', url: 'https://status.example.com' },
      ],
    });
    expect(res.body.notes).toEqual(['mkdocs.yml: "hooks" are ignored; the portal never runs Python code', 'mkdocs.yml: plugins "macros" are ignored']);
  });

  it('serves pages with HTML, TOC, prev/next, an edit link and rewritten links', async () => {
    const home = await request(app).get('/api/techdocs/default/component/payments/page/').expect(200);
    expect(home.body.path).toBe('index');
    expect(home.body.html).not.toContain('team-payments');
    expect(home.body.html).toContain('<a href="/docs/default/component/payments/reference/api#endpoints">API reference</a>');
    expect(home.body.html).toContain('<input class="task-list-item-checkbox" checked disabled type="checkbox" />');

    const setup = await request(app).get('/api/techdocs/default/component/payments/page/guide/setup').expect(200);
    expect(setup.body).toMatchObject({
      path: 'guide/setup',
      title: 'Setting up',
      toc: [
        { id: 'install', title: 'Install' },
        { id: 'configure', title: 'Configure' },
      ],
      prev: { path: 'index', title: 'Home' },
      next: { path: 'guide/diagrams', title: 'Diagrams' },
      // The host's editor for the file, at the branch the docs are read from.
      editUrl: `${host.baseUrl}/git/acme/payments/edit/main/docs/guide/setup.md`,
    });
    expect(setup.body.html).toContain('<div class="admonition admonition-warning"><p class="admonition-title">Before you deploy</p>');
    expect(setup.body.html).toContain('<details class="admonition admonition-tip"><summary>Tip</summary>');
    expect(setup.body.html).toContain('<code class="hljs language-bash">');
    expect(setup.body.html).toContain(`src="/api/techdocs/default/component/payments/assets/guide/img/diagram.png?commit=${setup.body.commit}"`);
    expect(setup.body.html).toContain('<a href="#configure">configure</a>');

    const diagrams = await request(app).get('/api/techdocs/default/component/payments/page/guide/diagrams').expect(200);
    expect(diagrams.body.html).toContain('<pre class="mermaid">graph TD\n  Client --&gt; API');
    await request(app).get('/api/techdocs/default/component/payments/page/guide/nope').expect(404);
  });

  it('serves images from docs_dir with their content type, and nothing outside it', async () => {
    const { body: meta } = await request(app).get('/api/techdocs/default/component/payments');
    const image = await request(app).get(`/api/techdocs/default/component/payments/assets/guide/img/diagram.png?commit=${meta.commit}`).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(image.body as Buffer, fs.readFileSync(path.join(fixture, 'docs/guide/img/diagram.png')))).toBe(0);
    // secret.txt sits next to mkdocs.yml, outside docs_dir.
    await request(app).get('/api/techdocs/default/component/payments/assets/secret.txt').expect(404);
  });

  it.each([
    '/assets/../mkdocs.yml',
    '/assets/%2e%2e/secret.txt',
    '/assets/guide/..%2F..%2Fsecret.txt',
    '/assets/guide%5Cimg%5Cdiagram.png',
    '/assets/guide/%00.png',
    '/page/../secret',
    '/page/%2e%2e/%2e%2e/etc/passwd',
    '/page/%2Fetc%2Fpasswd',
  ])('refuses %s with 400', async suffix => {
    const res = await request(app).get(`/api/techdocs/default/component/payments${suffix}`).expect(400);
    expect(res.body.error.name).toBe('InputError');
  });

  it('searches within the site', async () => {
    const res = await request(app).get('/api/techdocs/default/component/payments/search?q=BUDGET').expect(200);
    expect(res.body.results).toEqual([expect.objectContaining({ path: 'guide/setup', title: 'Setting up' })]);
    expect(res.body.results[0].excerpt).toContain('budget');
  });

  it('serves the previous version with a note while a new commit renders in the background', async () => {
    const { body: before } = await request(app).get('/api/techdocs/default/component/payments');
    const next = await pushSite(dir => fs.appendFileSync(path.join(dir, 'docs/index.md'), '\n## Changelog\n\nA new section.\n'));
    const during = await request(app).get('/api/techdocs/default/component/payments').expect(200);
    expect(during.body).toMatchObject({ commit: before.commit, newerVersionAvailable: true });
    await plugin.service.settle();
    const after = await request(app).get('/api/techdocs/default/component/payments/page/index').expect(200);
    expect(after.body).toMatchObject({ commit: next, newerVersionAvailable: false });
    expect(after.body.html).toContain('<h2 id="changelog">');
  });

  it('renders docs from a local folder', async () => {
    const res = await request(app).get('/api/techdocs/default/component/local-payments/page/guide/setup').expect(200);
    expect(res.body.title).toBe('Setting up');
    expect(res.body.commit).toMatch(/^local-[0-9a-f]{32}$/);
    const image = await request(app).get('/api/techdocs/default/component/local-payments/assets/guide/img/diagram.png').expect(200);
    expect(image.headers['content-type']).toBe('image/png');
  });

  it('answers 404 for unknown entities and entities without docs', async () => {
    await request(app).get('/api/techdocs/default/component/missing').expect(404);
    const res = await request(app).get('/api/techdocs/default/component/nodocs').expect(404);
    expect(res.body.error.message).toContain('backstage.io/techdocs-ref');
  });
  it('asks the catalog read rule on every route: sign-in needed when reads are not public', async () => {
    const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: 'docs-reader-token', subject: 'reader', access: 'read' } }] });
    const permissions = createPermissions({ httpAuth, policy: createPermissionPolicy({ rules: { 'catalog.entity.read': 'anyone' } }) });
    const logger = createLogger({ level: 'silent' });
    const closed = await createTechdocsPlugin({
      config: { techdocs: { checkInterval: 0 } },
      knex: db.knex,
      logger,
      httpAuth,
      baseUrl: 'http://localhost:7007',
      serviceToken: host.serviceToken,
      gitReader: host.createReader(),
      catalog: catalogOf([entity('payments', { 'backstage.io/source-location': `url:${host.baseUrl}/git/acme/payments/tree/main/` })]),
      permissions,
    });
    const closedApp = express();
    closedApp.use('/api/techdocs', httpAuth.middleware, closed.router);
    closedApp.use(errorHandler(logger));
    for (const url of ['', '/page/index', '/search?q=budget', '/assets/guide/img/diagram.png']) {
      const anonymous = await request(closedApp).get(`/api/techdocs/default/component/payments${url}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.name).toBe('AuthenticationError');
    }
    await request(closedApp).get('/api/techdocs/default/component/payments').set('Authorization', 'Bearer docs-reader-token').expect(200);
    await closed.stop?.();
  });
});
