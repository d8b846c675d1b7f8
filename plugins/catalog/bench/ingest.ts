// Ingestion benchmark: generates a catalog of N entities with ../../../../shared/bench/gen-catalog.mjs,
// serves it from the portal's git host, registers it and measures what the catalog promises.
//
//   npm run bench:ingest -- --entities 10000 [--pglite] [--keep]
//
// Uses the Postgres server named by PORTAL_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
// in a schema of its own that is dropped afterwards; --pglite uses an in-memory PGlite instead.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpAuth, createLogger } from '@portal/backend-common';
import { createTestDatabase } from '@portal/backend-common/testing';
import { startTestGitHost } from '@portal/git/testing';
import { createCatalogPlugin } from '../src/backend/index.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : (args[i + 1] ?? 'true');
};
const entities = Number(arg('entities') ?? 10_000);
const usePglite = args.includes('--pglite');
if (!usePglite) process.env.PORTAL_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const generator = path.resolve(here, '../../../../shared/bench/gen-catalog.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
const out = path.join(work, 'catalog');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const gen = JSON.parse(execFileSync('node', [generator, '--out', out, '--entities', String(entities), '--git'], { encoding: 'utf8' }));
console.log(`generated ${gen.entities} entities in ${gen.files} files`);

const hooks: { onPush?: (repoUrl: string) => Promise<void> } = {};
const host = await startTestGitHost({ onPush: event => hooks.onPush?.(event.repoUrl) });
const repo = await host.host.createRepository({ owner: 'bench', name: 'catalog' });
const pushUrl = repo.cloneUrl.replace('http://', `http://bench:${host.writeToken}@`);
// Asynchronous: the git host answering the push runs in this same process.
const git = (...a: string[]) =>
  promisify(execFile)('git', a, {
    cwd: out,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'b@example.com',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'b@example.com',
    },
  });
await git('push', '-q', pushUrl, 'main');

const db = await createTestDatabase(usePglite ? 'pglite' : 'postgres');
const logger = createLogger({ level: 'warn' });
const plugin = await createCatalogPlugin({
  config: {
    catalog: {
      rules: [{ allow: ['Component', 'API', 'Location', 'Group', 'User', 'System', 'Domain', 'Resource'] }],
      refreshInterval: '1h',
      readLimits: { maxFileBytes: 20_000_000 },
    },
  },
  knex: db.knex,
  logger,
  httpAuth: createHttpAuth({ externalAccess: [] }),
  baseUrl: host.baseUrl,
  serviceToken: host.serviceToken,
  gitReader: host.createReader(),
});
const client = plugin.client;
const target = `${repo.cloneUrl.replace(/\.git$/, '')}/blob/main/catalog-info.yaml`;

const t0 = performance.now();
const { location } = await client.addLocation({ type: 'url', target });
// The files' entities, without the Location entities the catalog generates for the location and its targets.
const generated = "kind = 'Location' and name ~ '^generated-[0-9a-f]{40}$'";
const [{ n }] = await db.knex('catalog_entities').whereRaw(`not (${generated})`).count({ n: '*' });
const [{ g }] = await db.knex('catalog_entities').whereRaw(generated).count({ g: '*' });
const [{ r }] = await db.knex('catalog_relations').count({ r: '*' });
const sample = await client.getEntityByRef('component:default/svc-payment-0');
const firstIngest = performance.now() - t0;
if (Number(n) !== gen.entities || !sample?.relations?.length) {
  console.error(await db.knex('catalog_errors').limit(5).select('file', 'message'));
  throw new Error(`expected ${gen.entities} entities with relations, found ${n} (sample relations: ${sample?.relations?.length})`);
}
const errors = await db.knex('catalog_errors').count({ e: '*' });
console.log(
  `first ingest: ${gen.entities} entities and ${r} relations readable in ${ms(firstIngest)} (${Math.round(gen.entities / (firstIngest / 1000))} entities/s); stored errors: ${errors[0]!.e}; generated Location entities: ${g}`,
);

const unchanged: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  await client.refreshLocationsForRepo(repo.cloneUrl);
  unchanged.push(performance.now() - t);
}
console.log(`no-change refresh: median ${unchanged.map(x => x.toFixed(1)).join(', ')} → ${median(unchanged).toFixed(1)} ms`);

hooks.onPush = url => client.refreshLocationsForRepo(url);
const pushes: number[] = [];
for (let i = 0; i < 3; i++) {
  const file = path.join(out, 'services/svc-payment-0/catalog-info.yaml');
  const marker = `bench change ${i} ${Date.now()}`;
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/description: .*/, `description: "${marker}"`));
  await git('commit', '-qam', marker);
  const t = performance.now();
  await git('push', '-q', pushUrl, 'main');
  for (;;) {
    const entity = await client.getEntityByRef('component:default/svc-payment-0');
    if (entity?.metadata.description === marker) break;
    if (performance.now() - t > 30_000) throw new Error('the pushed change never became readable');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  pushes.push(performance.now() - t);
}
console.log(`one-file push to readable (git push included): ${pushes.map(x => x.toFixed(0)).join(', ')} → median ${ms(median(pushes))}`);
const status = await db.knex('catalog_locations').where({ id: location.id }).first('entity_count', 'last_duration_ms');
console.log(`location status: ${JSON.stringify(status)}`);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
console.log(`peak RSS of the benchmark process: ${mb(peakRss)} (database: ${usePglite ? 'PGlite in process' : 'Postgres server'})`);

await plugin.stop?.();
await db.destroy();
await host.close();
if (!args.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
process.exit(0);
