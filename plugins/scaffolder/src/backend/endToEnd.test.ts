import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, testDatabaseKinds } from '@portal/backend-common/testing';
import yaml from 'js-yaml';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startScaffolder, TOKEN } from './__fixtures__/startScaffolder.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const serviceTemplate = path.join(repoRoot, 'templates/typescript-service/template.yaml');
const org = fileURLToPath(new URL('./__fixtures__/catalog/org.yaml', import.meta.url));
const auth = { authorization: `Bearer ${TOKEN}` };

/** Parses a server-sent events body into its events. */
function parseEvents(text: string): Array<{ id: number; event: string; data: { type: string; body: Record<string, unknown> } }> {
  return text
    .split('\n\n')
    .filter(block => block.includes('data: '))
    .map(block => {
      const field = (name: string) =>
        block
          .split('\n')
          .find(line => line.startsWith(`${name}: `))
          ?.slice(name.length + 2) ?? '';
      return { id: Number(field('id')), event: field('event'), data: JSON.parse(field('data')) };
    });
}

describe.each(testDatabaseKinds())('scaffolder end to end on %s', kind => {
  it('runs the TypeScript service template: fetch:template, publish:git to the local host, catalog:register', async () => {
    const db = await createTestDatabase(kind);
    const t = await startScaffolder(db);
    const clone = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-clone-'));
    try {
      await t.register(serviceTemplate);
      await t.register(org);
      const host = new URL(t.gitHost.baseUrl).host;
      const values = {
        name: 'payments-api',
        description: 'Takes "payments": cards and transfers',
        owner: 'group:default/payments-team',
        repoUrl: `${host}?owner=acme&repo=payments-api`,
        nodeVersion: '22',
        port: 8080,
        kubernetes: true,
        namespace: 'payments',
        replicas: 3,
      };

      const bad = await request(t.app)
        .post('/api/scaffolder/v2/tasks')
        .set(auth)
        .send({ templateRef: 'template:default/typescript-service', values: { ...values, name: undefined, port: 80 } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual(expect.arrayContaining([{ path: '/name', message: 'is required' }, expect.objectContaining({ path: '/port' })]));
      expect((await request(t.app).post('/api/scaffolder/v2/tasks').send({ templateRef: 'x', values })).status).toBe(401);

      const schema = await request(t.app).get('/api/scaffolder/v2/templates/default/template/typescript-service/parameter-schema').set(auth);
      expect(schema.body.steps.map((s: { title: string }) => s.title)).toEqual(['About the service', 'Repository', 'Runtime and deployment']);

      const started = Date.now();
      const created = await request(t.app).post('/api/scaffolder/v2/tasks').set(auth).send({ templateRef: 'template:default/typescript-service', values });
      expect(created.status).toBe(201);
      const taskId = created.body.id as string;

      const stream = await request(t.app)
        .get(`/api/scaffolder/v2/tasks/${taskId}/eventstream`)
        .set(auth)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => done(null, text));
        });
      const completedAt = Date.now();
      const events = parseEvents(stream.body as string);
      const completion = events.at(-1)!;
      expect(completion.event).toBe('completion');
      expect(completion.data.body.status).toBe('completed');
      expect(events.filter(e => e.event === 'step').map(e => `${e.data.body.stepId}:${e.data.body.status}`)).toEqual([
        'fetch:processing',
        'fetch:completed',
        'publish:processing',
        'publish:completed',
        'register:processing',
        'register:completed',
      ]);
      expect(events.some(e => e.event === 'log' && String(e.data.body.message).includes('Wrote'))).toBe(true);

      // The catalog has the new component as soon as the task is over.
      const entity = await t.catalog.getEntityByRef('component:default/payments-api');
      expect(Date.now() - completedAt).toBeLessThan(1000);
      expect(entity?.spec?.owner).toBe('group:default/payments-team');
      expect(entity?.metadata.description).toBe(values.description);

      const task = await request(t.app).get(`/api/scaffolder/v2/tasks/${taskId}`).set(auth);
      expect(task.body).toMatchObject({ status: 'completed', createdBy: 'ci-bot' });
      expect(task.body.output.links).toEqual([
        { title: 'Repository', url: `${t.gitHost.baseUrl}/git/acme/payments-api.git` },
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/payments-api' },
      ]);
      expect(fs.readdirSync(t.workspaceDirectory)).toEqual([]);

      // A resumed stream sends only what came after.
      const resumed = await request(t.app)
        .get(`/api/scaffolder/v2/tasks/${taskId}/eventstream?after=${events.at(-2)!.id}`)
        .set(auth);
      expect(parseEvents(resumed.text).map(e => e.event)).toEqual(['completion']);

      await run('git', [
        '-c',
        `http.extraHeader=Authorization: Bearer ${t.gitHost.readToken}`,
        'clone',
        '-q',
        `${t.gitHost.baseUrl}/git/acme/payments-api.git`,
        clone,
      ]);
      const pkg = JSON.parse(await fs.promises.readFile(path.join(clone, 'package.json'), 'utf8'));
      expect(pkg.name).toBe('payments-api');
      expect(yaml.load(await fs.promises.readFile(path.join(clone, 'k8s', 'deployment.yaml'), 'utf8'))).toMatchObject({
        metadata: { name: 'payments-api', namespace: 'payments' },
      });
      expect(yaml.loadAll(await fs.promises.readFile(path.join(clone, 'catalog-info.yaml'), 'utf8'))).toEqual([
        expect.objectContaining({ metadata: expect.objectContaining({ name: 'payments-api', description: values.description }) }),
      ]);
      const { stdout } = await run('git', ['-C', clone, 'log', '--format=%s']);
      expect(stdout.trim()).toBe('Create payments-api from the TypeScript service template');
      console.log(`end-to-end template run on ${kind}: ${completedAt - started} ms`);

      // The same component name again from another repository: the run fails and says why.
      const clash = await request(t.app)
        .post('/api/scaffolder/v2/tasks')
        .set(auth)
        .send({ templateRef: 'template:default/typescript-service', values: { ...values, repoUrl: `${host}?owner=acme&repo=payments-api-again` } });
      expect(clash.status).toBe(201);
      const clashStream = await request(t.app).get(`/api/scaffolder/v2/tasks/${clash.body.id}/eventstream`).set(auth);
      const clashEvents = parseEvents(clashStream.text);
      expect(clashEvents.at(-1)!.data.body.status).toBe('failed');
      const failure = clashEvents.find(e => String(e.data.body.message ?? '').includes('added nothing to the catalog'));
      expect(String(failure?.data.body.message)).toContain('component:default/payments-api');
    } finally {
      await t.close();
      await db.destroy();
      await fs.promises.rm(clone, { recursive: true, force: true });
    }
  }, 120_000);
});
