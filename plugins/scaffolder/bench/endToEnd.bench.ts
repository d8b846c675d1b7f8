// npm run bench:scaffolder — the time of one end-to-end template run (fetch:template of a
// 50-file skeleton → publish:git to the local git host → catalog:register), from the POST that
// creates the task to its completion event, on an embedded PGlite database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@portal/backend-common/testing';
import request from 'supertest';
import { startScaffolder, TOKEN } from '../src/backend/__fixtures__/startScaffolder.js';

const FILES = 50;
const RUNS = 7;
const auth = { authorization: `Bearer ${TOKEN}` };

async function writeSkeletonTemplate(dir: string): Promise<string> {
  const content = path.join(dir, 'content');
  await fs.promises.mkdir(path.join(content, 'src', '${{ values.name }}'), { recursive: true });
  await fs.promises.writeFile(
    path.join(content, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: ${{ values.owner }}\n',
  );
  for (let i = 1; i < FILES; i++) {
    const body = [
      `// Module ${i} of \${{ values.name }}, owned by \${{ values.owner }}`,
      '{% for n in range(0, 5) %}export const value${{ n }} = ${{ n }} * ' + i + ';\n{% endfor %}',
      // About 1.5 kB of ordinary code per file, as a skeleton's sources are.
      Array.from({ length: 30 }, (_, line) => `export function handler${line}(input: string): string { return input.trim(); }`).join('\n'),
    ].join('\n');
    await fs.promises.writeFile(path.join(content, 'src', '${{ values.name }}', `module${i}.ts`), body);
  }
  const template = path.join(dir, 'template.yaml');
  await fs.promises.writeFile(
    template,
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: bench-skeleton }
spec:
  type: service
  owner: group:default/platform
  parameters:
    required: [name, repoUrl]
    properties:
      name: { type: string }
      repoUrl: { type: string }
  steps:
    - id: fetch
      action: fetch:template
      input: { url: ./content, values: { name: '\${{ parameters.name }}', owner: group:default/platform } }
    - id: publish
      action: publish:git
      input: { repoUrl: '\${{ parameters.repoUrl }}' }
    - id: register
      action: catalog:register
      input: { repoContentsUrl: "\${{ steps['publish'].output.repoContentsUrl }}", catalogInfoPath: /catalog-info.yaml }
`,
  );
  return template;
}

const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-bench-'));
const db = await createTestDatabase('pglite');
const t = await startScaffolder(db);
try {
  await t.register(await writeSkeletonTemplate(dir));
  const host = new URL(t.gitHost.baseUrl).host;
  const times: number[] = [];
  const steps: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    const name = `bench-service-${run}`;
    const started = performance.now();
    const created = await request(t.app)
      .post('/api/scaffolder/v2/tasks')
      .set(auth)
      .send({ templateRef: 'template:default/bench-skeleton', values: { name, repoUrl: `${host}?owner=bench&repo=${name}` } });
    const stream = await request(t.app).get(`/api/scaffolder/v2/tasks/${created.body.id}/eventstream`).set(auth);
    const elapsed = performance.now() - started;
    if (!/"status":"completed"/.test(stream.text)) throw new Error(`Run ${run} did not complete:\n${stream.text.slice(-2000)}`);
    if (!(await t.catalog.getEntityByRef(`component:default/${name}`))) throw new Error(`Run ${run}: the entity is not in the catalog`);
    times.push(elapsed);
    const task = await request(t.app).get(`/api/scaffolder/v2/tasks/${created.body.id}`).set(auth);
    for (const [id, state] of Object.entries(task.body.state as Record<string, { startedAt: string; endedAt: string }>)) {
      (steps[id] ??= []).push(Date.parse(state.endedAt) - Date.parse(state.startedAt));
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`scaffolder end-to-end run, ${FILES}-file skeleton, ${RUNS} runs (first is cold):`);
  console.log(`  first run: ${times[0]!.toFixed(0)} ms`);
  console.log(`  median:    ${median(times).toFixed(0)} ms   min: ${Math.min(...times).toFixed(0)} ms   max: ${Math.max(...times).toFixed(0)} ms`);
  for (const [id, values] of Object.entries(steps)) console.log(`  step ${id.padEnd(9)} median ${median(values)} ms`);
} finally {
  await t.close();
  await db.destroy();
  await fs.promises.rm(dir, { recursive: true, force: true });
}
