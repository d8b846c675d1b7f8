import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScaffolder, TOKEN, type TestScaffolder } from '../__fixtures__/startScaffolder.js';

const fixtureTemplate = fileURLToPath(new URL('../__fixtures__/templates/secrets/template.yaml', import.meta.url));
const serviceTemplate = fileURLToPath(new URL('../../../../../templates/typescript-service/template.yaml', import.meta.url));
const org = fileURLToPath(new URL('../__fixtures__/catalog/org.yaml', import.meta.url));
const auth = { authorization: `Bearer ${TOKEN}` };
const SECRET = 'sup3r-s3cret-value';

describe.each(testDatabaseKinds())('scaffolder task routes on %s', kind => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestScaffolder;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    t = await startScaffolder(db);
    await t.register(fixtureTemplate);
    await t.register(serviceTemplate);
    await t.register(org);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  async function runTask(values: Record<string, unknown>) {
    const created = await request(t.app)
      .post('/api/scaffolder/v2/tasks')
      .set(auth)
      .send({ templateRef: 'template:default/secrets-and-waiting', values, secrets: { apiToken: SECRET } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function waitFor(taskId: string, status: string[]) {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const task = await request(t.app).get(`/api/scaffolder/v2/tasks/${taskId}`).set(auth);
      if (status.includes(task.body.status)) return task;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`The task ${taskId} never reached ${status.join('/')}`);
  }

  it('masks secrets in every log line and never returns them', async () => {
    const taskId = await runTask({ waitMs: 0 });
    const task = await waitFor(taskId, ['completed', 'failed']);
    expect(task.body.error).toBeUndefined();
    expect(task.body.status).toBe('completed');
    expect(task.body.output.text[0].content).toBe('secret was ***');
    const events = await request(t.app).get(`/api/scaffolder/v2/tasks/${taskId}/events`).set(auth);
    expect(events.body.some((e: { body: { message?: string } }) => e.body.message === 'token is *** for 0')).toBe(true);
    const list = await request(t.app).get('/api/scaffolder/v2/tasks').set(auth);
    for (const body of [task.text, events.text, list.text]) expect(body).not.toContain(SECRET);
    expect(await db.knex('scaffolder_tasks').where({ id: taskId }).first('secrets')).toEqual({ secrets: null });
  });

  it('fails a step whose expression tries to reach the process, without leaking anything', async () => {
    const taskId = await runTask({ waitMs: 0, fail: true });
    const task = await waitFor(taskId, ['completed', 'failed']);
    expect(task.body.status).toBe('failed');
    expect(task.body.state.fail.status).toBe('failed');
    expect(task.body.error.message).toMatch(/process/);
    const events = await request(t.app).get(`/api/scaffolder/v2/tasks/${taskId}/events`).set(auth);
    expect(events.text).not.toMatch(/PATH|HOME|PORTAL_/);
  });

  it('cancels a running task, and refuses to cancel a finished one', async () => {
    const taskId = await runTask({ waitMs: 30_000 });
    await waitFor(taskId, ['processing']);
    const cancel = await request(t.app).post(`/api/scaffolder/v2/tasks/${taskId}/cancel`).set(auth);
    expect(cancel.body).toEqual({ status: 'processing' });
    const stream = await request(t.app).get(`/api/scaffolder/v2/tasks/${taskId}/eventstream`).set(auth);
    expect(stream.text).toMatch(/event: cancelled/);
    const task = await waitFor(taskId, ['cancelled']);
    expect(task.body.state.wait.status).toBe('cancelled');
    expect((await request(t.app).post(`/api/scaffolder/v2/tasks/${taskId}/cancel`).set(auth)).status).toBe(409);
    expect((await request(t.app).get('/api/scaffolder/v2/tasks/not-a-task').set(auth)).status).toBe(404);
  });

  it('lists tasks by creator and status', async () => {
    const completed = await request(t.app).get('/api/scaffolder/v2/tasks?createdBy=ci-bot&status=completed').set(auth);
    expect(completed.body.totalTasks).toBeGreaterThanOrEqual(1);
    expect(completed.body.tasks.every((task: { status: string; createdBy: string }) => task.status === 'completed' && task.createdBy === 'ci-bot')).toBe(true);
    const none = await request(t.app).get('/api/scaffolder/v2/tasks?createdBy=someone-else').set(auth);
    expect(none.body).toEqual({ tasks: [], totalTasks: 0 });
    expect((await request(t.app).get('/api/scaffolder/v2/tasks?status=nonsense').set(auth)).status).toBe(400);
  });

  it('dry-runs a template: files it would write, the log and the output, no repository and no task', async () => {
    const host = new URL(t.gitHost.baseUrl).host;
    const dry = await request(t.app)
      .post('/api/scaffolder/v2/dry-run')
      .set(auth)
      .send({
        templateRef: 'template:default/typescript-service',
        values: {
          name: 'dry-svc',
          description: 'd',
          owner: 'group:default/platform-team',
          repoUrl: `${host}?owner=acme&repo=dry-svc`,
          nodeVersion: '20',
          port: 8080,
          kubernetes: false,
        },
      });
    expect(dry.status).toBe(200);
    expect(dry.body.error).toBeUndefined();
    expect(dry.body.status).toBe('completed');
    const files = dry.body.directoryContents.map((f: { path: string }) => f.path);
    expect(files).toContain('package.json');
    expect(files.some((f: string) => f.startsWith('k8s/'))).toBe(false);
    const pkg = JSON.parse(Buffer.from(dry.body.directoryContents.find((f: { path: string }) => f.path === 'package.json').base64Content, 'base64').toString());
    expect(pkg.name).toBe('dry-svc');
    expect(dry.body.log.some((l: { body: { message: string } }) => /Skipping publish:git in a dry run/.test(l.body.message))).toBe(true);
    expect(await t.gitHost.host.listRepositories()).not.toContainEqual(expect.objectContaining({ name: 'dry-svc' }));
    expect(await t.catalog.getEntityByRef('component:default/dry-svc')).toBeUndefined();
  });

  it('dry-runs an inline template with its files', async () => {
    const dry = await request(t.app)
      .post('/api/scaffolder/v2/dry-run')
      .set(auth)
      .send({
        template: {
          apiVersion: 'scaffolder.backstage.io/v1beta3',
          kind: 'Template',
          metadata: { name: 'inline' },
          spec: {
            steps: [
              { id: 'fetch:base', action: 'fetch:template', input: { url: './skeleton', values: { n: '${{ parameters.n }}' } } },
              { id: 'deploy', action: 'acme:deploy', input: {} },
            ],
            output: { n: '${{ parameters.n }}' },
          },
        },
        values: { n: 7 },
        directoryContents: [{ path: 'skeleton/${{ values.n }}.txt', base64Content: Buffer.from('n=${{ values.n }}').toString('base64') }],
      });
    expect(dry.body.error).toBeUndefined();
    expect(dry.body.output).toEqual({ n: 7 });
    expect(dry.body.directoryContents).toEqual([{ path: '7.txt', base64Content: Buffer.from('n=7').toString('base64'), executable: false }]);
    // A step whose action the portal lacks is reported, not fatal, in a dry run.
    expect(dry.body.state['fetch:base'].status).toBe('completed');
    expect(dry.body.state.deploy.status).toBe('skipped');
    expect(dry.body.log.map((l: { body: { message: string } }) => l.body.message)).toContain(
      'Skipping step deploy in a dry run: this portal has no action acme:deploy',
    );
  });

  it('lists the actions with their input schemas', async () => {
    const actions = await request(t.app).get('/api/scaffolder/v2/actions').set(auth);
    const ids = actions.body.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'fetch:template',
        'fetch:plain',
        'fetch:plain:file',
        'publish:git',
        'publish:github',
        'publish:gitlab',
        'publish:gitlab:merge-request',
        'gitlab:repo:push',
        'catalog:register',
        'catalog:write',
        'catalog:fetch',
        'fs:delete',
        'fs:rename',
        'debug:log',
        'debug:wait',
      ]),
    );
    const fetchTemplate = actions.body.find((a: { id: string }) => a.id === 'fetch:template');
    expect(fetchTemplate.supportsDryRun).toBe(true);
    expect(fetchTemplate.schema.input.properties.url.type).toBe('string');
    expect(actions.body.find((a: { id: string }) => a.id === 'publish:git').supportsDryRun).toBe(false);
    const mergeRequest = actions.body.find((a: { id: string }) => a.id === 'publish:gitlab:merge-request');
    expect(mergeRequest.supportsDryRun).toBe(true);
    expect(mergeRequest.schema.input.required).toEqual(expect.arrayContaining(['repoUrl', 'title', 'branchName']));
    expect(mergeRequest.schema.input.properties.commitAction.enum).toEqual(['create', 'update', 'delete', 'skip', 'auto']);
    expect(Object.keys(mergeRequest.schema.output.properties)).toEqual(['projectid', 'projectPath', 'targetBranchName', 'mergeRequestUrl']);
  });
});
