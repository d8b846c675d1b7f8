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
const template = fileURLToPath(new URL('../../../../templates/service-config/template.yaml', import.meta.url));
const org = fileURLToPath(new URL('./__fixtures__/catalog/org.yaml', import.meta.url));
const auth = { authorization: `Bearer ${TOKEN}` };

describe.each(testDatabaseKinds())('the seeded service-config template on %s', kind => {
  it('merges, derives, stamps and reads back its settings, then publishes to the local git host', async () => {
    const db = await createTestDatabase(kind);
    const t = await startScaffolder(db);
    const clone = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'service-config-'));
    try {
      await t.register(template);
      await t.register(org);
      const values = {
        name: 'ledger',
        owner: 'group:default/payments-team',
        tier: 'critical',
        replicas: 4,
        repoUrl: `${new URL(t.gitHost.baseUrl).host}?owner=acme&repo=ledger-config`,
      };
      const created = await request(t.app).post('/api/scaffolder/v2/tasks').set(auth).send({ templateRef: 'template:default/service-config', values });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      let task: request.Response;
      const deadline = Date.now() + 60_000;
      do {
        await new Promise(resolve => setTimeout(resolve, 200));
        task = await request(t.app).get(`/api/scaffolder/v2/tasks/${created.body.id}`).set(auth);
      } while (!['completed', 'failed', 'cancelled'].includes(task.body.status) && Date.now() < deadline);
      const events = await request(t.app).get(`/api/scaffolder/v2/tasks/${created.body.id}/events`).set(auth);
      const log = (events.body as Array<{ body: { message?: string } }>).map(event => event.body.message ?? '').join('\n');
      expect(task.body.status, log).toBe('completed');
      expect(task.body.output.links).toEqual([
        { title: 'Repository', url: `${t.gitHost.baseUrl}/git/acme/ledger-config.git` },
        { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/ledger-config' },
      ]);

      await run('git', ['-c', `http.extraHeader=Authorization: Bearer ${t.gitHost.readToken}`, 'clone', '-q', task.body.output.links[0].url, clone]);
      const read = (file: string) => fs.promises.readFile(path.join(clone, file), 'utf8');
      // roadiehq:utils:merge kept the defaults the form does not set and took its choices, typed.
      const settings = JSON.parse(await read('config/service.json'));
      expect(settings).toEqual({ service: 'ledger', tier: 'critical', replicas: 4, logLevel: 'info', slo: { availability: 99.5, latencyMs: 300 } });
      // The JSONata step derived the alerting rules from the merged settings.
      expect(JSON.parse(await read('config/alerts.json'))).toEqual({
        service: 'ledger',
        page: true,
        rules: [
          { alert: 'TooFewReplicas', when: 'available < 3' },
          { alert: 'SlowResponses', when: 'p95 > 300ms' },
        ],
      });
      // catalog:timestamping stamped the entry, and the catalog has it.
      const entry = yaml.load(await read('catalog-info.yaml')) as { metadata: { name: string; annotations: Record<string, string> } };
      expect(entry.metadata.name).toBe('ledger-config');
      expect(Date.parse(entry.metadata.annotations['backstage.io/createdAt']!)).toBeGreaterThan(Date.now() - 120_000);
      expect((await t.catalog.getEntityByRef('component:default/ledger-config'))?.spec?.owner).toBe('group:default/payments-team');
      // fs:read handed the final settings to the log step.
      expect(log).toContain('"tier": "critical"');
    } finally {
      await t.close();
      await db.destroy();
      await fs.promises.rm(clone, { recursive: true, force: true });
    }
  }, 120_000);
});
