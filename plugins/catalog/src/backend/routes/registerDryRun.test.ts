import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@portal/backend-common/testing';
import { commitAndPush } from '@portal/git';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import type { AddLocationResponse, LocationStatus } from '../../common/index.js';
import { component, createTestCatalog, group, tempDir, writeFiles, type TestCatalog } from '../__fixtures__/testCatalog.js';

// What "Register existing component" shows before anything is stored: each file's entities and
// every problem, in words a person who pasted a URL can act on.
describe.each(testDatabaseKinds())('register dry runs on %s', kind => {
  let host: TestGitHost;
  let catalog: TestCatalog;
  let fileUrl: (file: string) => string;
  beforeAll(async () => {
    host = await startTestGitHost();
    const repo = await host.host.createRepository({ owner: 'acme', name: `dry-${kind}` });
    const dir = writeFiles(tempDir(), {
      'catalog-info.yaml': component('good'),
      'mkdocs.yml': 'site_name: Payments docs\nnav:\n  - Home: index.md\n',
      'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: payments\nspec:\n  replicas: 2\n',
      'openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Payments\n  version: 1.0.0\npaths: {}\n',
      '.github/workflows/ci.yaml': 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
      'template.yaml': 'apiVersion: scaffolder.backstage.io/v1beta2\nkind: Template\nmetadata:\n  name: old-service\nspec:\n  type: service\n',
      'broken.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [oops\n',
      'team.yaml': group('team-x'),
      'invalid.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: half-done\nspec:\n  type: service\n  owner: team-a\n',
    });
    await commitAndPush({ dir, remoteUrl: repo.cloneUrl, token: host.writeToken, message: 'add', author: { name: 'Dev', email: 'dev@example.com' } });
    fileUrl = file => `${host.baseUrl}/git/acme/dry-${kind}/blob/main/${file}`;
    catalog = await createTestCatalog({ kind, gitReader: host.createReader() });
  }, 60_000);
  afterAll(async () => {
    await catalog?.db.destroy();
    await host?.close();
  });

  async function dryRun(file: string): Promise<AddLocationResponse> {
    const res = await catalog.request
      .post('/api/catalog/locations?dryRun=true')
      .set(catalog.auth)
      .send({ type: 'url', target: fileUrl(file) });
    expect(res.status).toBe(201);
    return res.body as AddLocationResponse;
  }

  it('reports each file with what it would add and every problem, with lines', async () => {
    const good = await dryRun('catalog-info.yaml');
    expect(good.files).toEqual([{ path: 'catalog-info.yaml', url: fileUrl('catalog-info.yaml'), entityRefs: ['component:default/good'], errors: [] }]);
    expect(good.errors).toEqual([]);

    const missing = await dryRun('nope.yaml');
    expect(missing.entities).toEqual([]);
    expect(missing.files).toEqual([
      {
        path: 'nope.yaml',
        url: fileUrl('nope.yaml'),
        entityRefs: [],
        errors: [{ file: 'nope.yaml', line: null, entityRef: null, type: 'read', message: 'nope.yaml does not exist: check the path and branch in the URL' }],
      },
    ]);

    const problemOf = async (file: string) => {
      const result = await dryRun(file);
      expect(result.files?.[0]?.entityRefs).toEqual([]);
      expect(result.errors).toHaveLength(1);
      return result.errors![0]!;
    };
    expect((await problemOf('mkdocs.yml')).message).toMatch(/^Not a catalog entity: this looks like an MkDocs configuration \(site_name, nav\)/);
    expect((await problemOf('deploy.yaml')).message).toMatch(/looks like a Kubernetes manifest \(kind Deployment, apiVersion apps\/v1\)/);
    expect((await problemOf('openapi.yaml')).message).toMatch(/looks like an OpenAPI document/);
    expect((await problemOf('.github/workflows/ci.yaml')).message).toMatch(/looks like a GitHub Actions workflow/);
    expect((await problemOf('template.yaml')).message).toMatch(/Template of scaffolder\.backstage\.io\/v1beta2, which is retired/);
    // The unclosed flow sequence is reported where the parser gives up: the end of the file.
    expect(await problemOf('broken.yaml')).toMatchObject({ type: 'parse', line: 5, message: expect.stringContaining('YAML syntax error') });
    expect(await problemOf('team.yaml')).toMatchObject({
      type: 'rule',
      entityRef: 'group:default/team-x',
      message: expect.stringContaining('Kind Group may not be added'),
    });
    // Each validation problem points at the line of its field (spec, where lifecycle is missing).
    expect(await problemOf('invalid.yaml')).toEqual({
      file: 'invalid.yaml',
      line: 5,
      entityRef: 'component:default/half-done',
      type: 'validation',
      message: expect.stringContaining('spec.lifecycle is required'),
    });

    // analyze-location carries the same files alongside Backstage's fields.
    const analyzed = await catalog.request
      .post('/api/catalog/analyze-location')
      .set(catalog.auth)
      .send({ location: { type: 'url', target: fileUrl('mkdocs.yml') } });
    expect(analyzed.status).toBe(200);
    expect(analyzed.body.existingEntityFiles).toEqual([]);
    expect(analyzed.body.files[0].errors[0].message).toMatch(/MkDocs configuration/);
  });

  it('stores the same words on a registered location and counts its files in the status', async () => {
    const registered = await catalog.request
      .post('/api/catalog/locations')
      .set(catalog.auth)
      .send({ type: 'url', target: fileUrl('mkdocs.yml') });
    expect(registered.status).toBe(201);
    expect(registered.body.entities).toEqual([]);
    const status = (await catalog.request.get(`/api/catalog/locations/${registered.body.location.id}/status`)).body as LocationStatus;
    expect(status).toMatchObject({ refreshing: false, progress: null, fileCount: 1, errorCount: 1 });
    expect(status.errors[0]?.message).toMatch(/MkDocs configuration/);
  });
});
