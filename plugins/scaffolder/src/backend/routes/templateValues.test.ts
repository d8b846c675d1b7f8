import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import yaml from 'js-yaml';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScaffolder, TOKEN, type TestScaffolder } from '../__fixtures__/startScaffolder.js';

const org = fileURLToPath(new URL('../__fixtures__/catalog/org.yaml', import.meta.url));
const serviceTemplate = fileURLToPath(new URL('../../../../../templates/typescript-service/template.yaml', import.meta.url));
const libraryTemplate = fileURLToPath(new URL('../../../../../templates/typescript-library/template.yaml', import.meta.url));
const auth = { authorization: `Bearer ${TOKEN}` };
const templateRef = 'template:default/typescript-service';

// What a crafted request sends as the owner: a second YAML document that makes a guest a member of the platform team.
const INJECTED =
  'platform-team\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: escalated\nspec:\n  type: team\n  parent: platform-team\n  children: []\n  members: [guest]';

describe.each(testDatabaseKinds())('template values on %s', kind => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestScaffolder;
  let values: Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    // No worker: created tasks stay open, so nothing is published.
    t = await startScaffolder(db, { concurrentTasksLimit: 0 });
    await t.register(org);
    await t.register(serviceTemplate);
    await t.register(libraryTemplate);
    const host = new URL(t.gitHost.baseUrl).host;
    values = {
      name: 'ledger',
      description: 'Keeps the books',
      owner: 'platform-team',
      system: 'payments',
      repoUrl: `${host}?owner=acme&repo=ledger`,
      nodeVersion: '22',
      port: 8080,
      kubernetes: false,
    };
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const createTask = (change: Record<string, unknown>) =>
    request(t.app)
      .post('/api/scaffolder/v2/tasks')
      .set(auth)
      .send({ templateRef, values: { ...values, ...change } });
  const dryRun = (change: Record<string, unknown>) =>
    request(t.app)
      .post('/api/scaffolder/v2/dry-run')
      .set(auth)
      .send({ templateRef, values: { ...values, ...change } });
  const fieldsOf = (response: request.Response) => {
    expect(response.status).toBe(400);
    return response.body.error.fields as Array<{ path: string; message: string }>;
  };

  it('refuses an owner that carries a second YAML document, on task creation and on dry runs, and creates no task', async () => {
    for (const response of [await createTask({ owner: INJECTED }), await dryRun({ owner: INJECTED })]) {
      expect(fieldsOf(response)).toEqual([{ path: '/owner', message: expect.stringMatching(/is not a valid entity reference/) }]);
    }
    expect((await createTask({ name: 'ledger\nkind: Group' })).body.error.fields).toEqual([
      { path: '/name', message: expect.stringMatching(/must be an entity name/) },
    ]);
    const tasks = await request(t.app).get('/api/scaffolder/v2/tasks').set(auth);
    expect(tasks.body.totalTasks).toBe(0);
  });

  it('refuses owners and systems the catalog does not have, or of a kind the field does not allow', async () => {
    expect(fieldsOf(await createTask({ owner: 'group:default/nobody' }))).toEqual([{ path: '/owner', message: 'group:default/nobody is not in the catalog' }]);
    // The template's OwnerPicker allows Groups only; jane is a User.
    expect(fieldsOf(await createTask({ owner: 'user:default/jane' }))).toEqual([
      { path: '/owner', message: 'must refer to a group, not to user:default/jane' },
    ]);
    expect(fieldsOf(await dryRun({ system: 'group:platform-team' }))).toEqual([
      { path: '/system', message: 'must refer to a system, not to group:default/platform-team' },
    ]);
  });

  it('refuses a repository location on another host, or with a name that is a path', async () => {
    expect(fieldsOf(await createTask({ repoUrl: 'github.com?owner=acme&repo=ledger' }))).toEqual([
      { path: '/repoUrl', message: `host must be one of ${new URL(t.gitHost.baseUrl).host}` },
    ]);
    const host = new URL(t.gitHost.baseUrl).host;
    expect(fieldsOf(await dryRun({ repoUrl: `${host}?owner=acme&repo=a/b` }))).toEqual([
      { path: '/repoUrl', message: expect.stringMatching(/^repo "a\/b" may only contain/) },
    ]);
  });

  it('runs a valid set, with free text rendered into YAML as one value', async () => {
    const description = 'Keeps the books\n---\nkind: Group';
    const dry = await dryRun({ description, owner: 'group:default/platform-team', system: undefined, kubernetes: true, namespace: 'ledger', replicas: 2 });
    expect(dry.body.error).toBeUndefined();
    expect(dry.body.status).toBe('completed');
    const file = (name: string) => Buffer.from(dry.body.directoryContents.find((f: { path: string }) => f.path === name).base64Content, 'base64').toString();
    const documents = yaml.loadAll(file('catalog-info.yaml')) as Array<{ metadata: Record<string, unknown>; spec: Record<string, unknown> }>;
    expect(documents).toHaveLength(1);
    expect(documents[0]!.metadata).toMatchObject({ name: 'ledger', description });
    expect(documents[0]!.spec).toEqual({ type: 'service', lifecycle: 'experimental', owner: 'group:default/platform-team' });
    expect(yaml.load(file('k8s/deployment.yaml'))).toMatchObject({ metadata: { name: 'ledger', namespace: 'ledger' }, spec: { replicas: 2 } });
    expect(yaml.load(file('mkdocs.yml'))).toMatchObject({ site_name: 'ledger', site_description: description });
    expect(JSON.parse(file('package.json'))).toMatchObject({ name: 'ledger', description, engines: { node: '>=22' } });

    const created = await createTask({});
    expect(created.status).toBe(201);
  });

  it("renders a value with a YAML quote character into the library's workflow and package.json as itself", async () => {
    const registryUrl = "https://npm.example.com/o'brien/#latest";
    const dry = await request(t.app)
      .post('/api/scaffolder/v2/dry-run')
      .set(auth)
      .send({ templateRef: 'template:default/typescript-library', values: { ...values, name: 'money', minNodeVersion: '20', publish: true, registryUrl } });
    expect(dry.body.error).toBeUndefined();
    const file = (name: string) => Buffer.from(dry.body.directoryContents.find((f: { path: string }) => f.path === name).base64Content, 'base64').toString();
    const workflow = yaml.load(file('.github/workflows/ci.yml')) as {
      jobs: Record<string, { steps: Array<{ with?: Record<string, string>; env?: Record<string, string> }> }>;
    };
    expect(workflow.jobs.publish!.steps[1]!.with).toEqual({ 'node-version': '22', 'registry-url': registryUrl });
    expect(workflow.jobs.publish!.steps[3]!.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
    expect(workflow.jobs.test!.steps[1]!.with).toEqual({ 'node-version': '${{ matrix.node }}' });
    expect(JSON.parse(file('package.json'))).toMatchObject({ name: 'money', publishConfig: { registry: registryUrl } });
  });
});
