// Query API benchmark: ingests a generated catalog of N entities (default 100,000) through a file
// location, serves the catalog router over HTTP, and prints p50/p95 of by-name, 20- and 100-item
// by-query pages, a full-text query, facets, whole-catalog `GET /entities` (all fields, and two)
// and a walk of Backstage's client's `queryEntities` over every page, first one request at a time,
// then under 50 concurrent clients (autocannon).
//
//   npm run bench:api -- [--entities 100000] [--pglite] [--duration 10] [--no-load] [--whole-runs 30] [--keep] [--schema test_x]
//
// Uses the Postgres server named by PORTAL_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
// in a schema of its own that is dropped afterwards; --pglite uses an in-memory PGlite instead.
// --keep leaves the schema in place and prints its name; --schema reuses such a schema (its
// pending migrations run, its entities are not loaded again), so query changes can be measured
// without waiting for a 100,000-entity ingestion each time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogClient } from '@backstage/catalog-client';
import autocannon from 'autocannon';
import express from 'express';
import knexFactory from 'knex';
import { findChromium, launchChromium } from '@portal/backend/testing';
import { createHttpAuth, createLogger, errorHandler } from '@portal/backend-common';
import { createTestDatabase, type TestDatabase } from '@portal/backend-common/testing';
import { GitReader } from '@portal/git';
import { createCatalogPlugin } from '../src/backend/index.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : (args[i + 1] ?? 'true');
};
const entities = Number(arg('entities') ?? 100_000);
const duration = Number(arg('duration') ?? 10);
const skipLoad = args.includes('--no-load');
const usePglite = args.includes('--pglite');
// Whole-catalog reads are repeated fewer times: at 100,000 entities each is a large answer.
const wholeRuns = Number(arg('whole-runs') ?? (entities > 20_000 ? 10 : 30));
if (!usePglite) process.env.PORTAL_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const generator = path.resolve(here, '../../../../shared/bench/gen-catalog.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
const out = path.join(work, 'catalog');
const reuseSchema = arg('schema');
const gen = reuseSchema
  ? { entities }
  : JSON.parse(execFileSync('node', [generator, '--out', out, '--entities', String(entities), '--docs-every', '1000000'], { encoding: 'utf8' }));

const db: TestDatabase = reuseSchema ? openSchema(reuseSchema) : await createTestDatabase(usePglite ? 'pglite' : 'postgres');
const logger = createLogger({ level: 'warn' });
const httpAuth = createHttpAuth({ externalAccess: [] });
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
  httpAuth,
  baseUrl: 'http://localhost:7007',
  serviceToken: 'unused-service-token',
  gitReader: new GitReader({ cacheDir: path.join(work, 'cache'), integrations: [] }),
});
const t0 = performance.now();
if (!reuseSchema) await plugin.client.addLocation({ type: 'file', target: path.join(out, 'catalog-info.yaml') }, { allowFile: true });
const [{ n }] = await db.knex('catalog_entities').count({ n: '*' });
if (Number(n) < gen.entities) {
  const errors = await db.knex('catalog_errors').select('file', 'type', 'message').limit(5);
  console.log(`only ${n} entities ingested; first errors: ${JSON.stringify(errors, null, 2)}`);
}
console.log(
  `${reuseSchema ? `reused schema ${reuseSchema}:` : 'ingested'} ${n} of ${gen.entities} generated entities in ${((performance.now() - t0) / 1000).toFixed(1)} s (${usePglite ? 'PGlite' : 'Postgres'})`,
);
// What autovacuum does soon after a bulk load in production: statistics and the visibility map.
await db.knex.raw('vacuum analyze');

const app = express();
app.use(express.json());
app.use('/api/catalog', httpAuth.middleware, plugin.router);
app.use(errorHandler(logger));
const server = app.listen(0, '127.0.0.1');
await new Promise(resolve => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/catalog`;

const owner = (await db.knex('catalog_search').where({ key: 'spec.owner' }).first('value')).value as string;
const names = (await db.knex('catalog_entities').where({ kind: 'Component' }).orderByRaw('random()').limit(500).pluck('name')) as string[];
let i = 0;
// Facet answers and query totals are kept until the catalog changes (FacetCache, TotalCache);
// `afterChange` measures the request that follows a change, by moving the catalog generation as a
// committed refresh would.
const afterChange = () => db.knex.raw(`select nextval('catalog_generation')`).then(() => undefined);
const fiveFacets = `/entity-facets?facet=spec.type&facet=relations.ownedBy&facet=spec.lifecycle&facet=metadata.tags&facet=metadata.namespace&filter=kind=component`;
const queries: Array<{ label: string; url: () => string; before?: () => Promise<void>; runs?: number; load?: false }> = [
  { label: 'by-name', url: () => `/entities/by-name/component/default/${names[i++ % names.length]}` },
  { label: 'by-query, kind filter, 100-item page', url: () => `/entities/by-query?filter=kind=component&limit=100` },
  { label: 'by-query, filtered 20-item page', url: () => `/entities/by-query?filter=kind=component,spec.lifecycle=production,spec.owner=${owner}&limit=20` },
  { label: 'by-query, kind filter, 20-item page', url: () => `/entities/by-query?filter=kind=component&limit=20` },
  {
    label: 'by-query, full text',
    url: () => `/entities/by-query?filter=kind=component&fullTextFilterTerm=${['payment', 'ledger cart', 'search'][i++ % 3]}&limit=20`,
  },
  // The index page's kind tabs: every entity counted by kind.
  { label: 'entity-facets (kind, no filter)', url: () => `/entity-facets?facet=kind` },
  // The five facets the catalog index page asks for on its Component tab.
  { label: 'entity-facets (5 facets, kind=component)', url: () => fiveFacets },
  { label: 'entity-facets (spec.type, kind=component)', url: () => `/entity-facets?facet=spec.type&filter=kind=component` },
  // The same, each the first request after a catalog change: counted from the index, not kept.
  { label: 'entity-facets (kind) after a change', url: () => `/entity-facets?facet=kind`, before: afterChange },
  { label: 'entity-facets (5 facets) after a change', url: () => fiveFacets, before: afterChange },
  { label: 'entity-facets (spec.type) after a change', url: () => `/entity-facets?facet=spec.type&filter=kind=component`, before: afterChange },
  // Query totals are kept the same way (TotalCache): the first page after a change counts again.
  { label: 'by-query, kind filter, after a change', url: () => `/entities/by-query?filter=kind=component&limit=20`, before: afterChange },
  {
    label: 'by-query, full text, after a change',
    url: () => `/entities/by-query?filter=kind=component&fullTextFilterTerm=${['payment', 'ledger cart', 'search'][i++ % 3]}&limit=20`,
    before: afterChange,
  },
  // Whole-catalog reads, as scripts built on Backstage's client make them: every entity, and
  // every entity's kind and name.
  { label: 'GET /entities, fields=kind,metadata.name', url: () => `/entities?fields=kind,metadata.name`, runs: wholeRuns, load: false },
  { label: 'GET /entities, whole catalog', url: () => `/entities`, runs: wholeRuns, load: false },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
console.log(`\nsequential, 300 requests each (after 30 warm-up; whole-catalog reads ${wholeRuns} after 3):`);
for (const q of queries) {
  const runs = q.runs ?? 300;
  for (let w = 0; w < (q.runs ? 3 : 30); w++) {
    await q.before?.();
    await (await fetch(base + q.url())).arrayBuffer();
  }
  const times: number[] = [];
  let errors = 0;
  for (let r = 0; r < runs; r++) {
    await q.before?.();
    const t = performance.now();
    const res = await fetch(base + q.url());
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (!res.ok) errors++;
  }
  console.log(`  ${q.label.padEnd(42)} p50 ${pct(times, 50).toFixed(2)} ms  p95 ${pct(times, 95).toFixed(2)} ms  errors ${errors}`);
}

// Backstage's client walking the whole catalog with queryEntities, 200 entities a page.
const client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => base } });
const walks: number[] = [];
let walked = 0;
for (let run = 0; run < wholeRuns + 1; run++) {
  const t = performance.now();
  walked = 0;
  let page = await client.queryEntities({ limit: 200 });
  walked += page.items.length;
  while (page.pageInfo.nextCursor) {
    page = await client.queryEntities({ cursor: page.pageInfo.nextCursor, limit: 200 });
    walked += page.items.length;
  }
  if (run > 0) walks.push(performance.now() - t); // the first walk warms the caches
}
console.log(`  ${`queryEntities walk, limit 200 (${walked})`.padEnd(42)} p50 ${pct(walks, 50).toFixed(2)} ms  p95 ${pct(walks, 95).toFixed(2)} ms`);

if (!skipLoad) console.log(`\n50 concurrent clients, ${duration} s each (autocannon):`);
for (const q of skipLoad ? [] : queries.filter(q => !q.before && q.load !== false)) {
  const result = await autocannon({
    url: base,
    connections: 50,
    duration,
    requests: [{ method: 'GET', setupRequest: req => ({ ...req, path: new URL(base + q.url()).pathname + new URL(base + q.url()).search }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  console.log(
    `  ${q.label.padEnd(42)} p50 ${result.latency.p50} ms  p97.5 ${result.latency.p97_5} ms  p99 ${result.latency.p99} ms  ${Math.round(result.requests.average)} req/s  errors ${bad}`,
  );
}

// The catalog index page in Chromium, served from the built app (npm run build) against this catalog.
const appDist = path.resolve(here, '../../../packages/app/dist');
const chromiumPath = findChromium();
if (fs.existsSync(path.join(appDist, 'index.html')) && chromiumPath) {
  const web = express();
  web.use('/api/catalog', httpAuth.middleware, plugin.router);
  web.use('/api', (_req, res) =>
    res.status(404).json({ error: { name: 'NotFoundError', message: 'not served by the benchmark' }, response: { statusCode: 404 } }),
  );
  web.use(express.static(appDist, { index: false }));
  web.use((_req, res) => res.sendFile(path.join(appDist, 'index.html')));
  const webServer = web.listen(0, '127.0.0.1');
  await new Promise(resolve => webServer.once('listening', resolve));
  const origin = `http://127.0.0.1:${(webServer.address() as AddressInfo).port}`;
  const browser = await launchChromium(chromiumPath);
  const times: number[] = [];
  for (let run = 0; run < 6; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`${origin}/catalog`);
    await page.getByRole('table', { name: 'Entities' }).getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    if (run > 0) times.push(performance.now() - t); // the first run warms the server's caches
    await context.close();
  }
  await browser.close();
  webServer.close();
  console.log(
    `\ncatalog index page in Chromium, navigation to first table row (5 runs, fresh browser context each): median ${pct(times, 50).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
  );
} else {
  console.log('\n(skipped the browser measurement: build the app with `npm run build` and install Chromium)');
}

server.close();
await plugin.stop?.();
if (args.includes('--keep') || reuseSchema) console.log(`kept schema ${(await db.knex.raw('select current_schema() as s')).rows[0].s}`);
else await db.destroy();
fs.rmSync(work, { recursive: true, force: true });
process.exit(0);

/** A schema kept by an earlier run (--keep), on the Postgres server. */
function openSchema(schema: string): TestDatabase {
  const knex = knexFactory({ client: 'pg', connection: process.env.PORTAL_TEST_DATABASE_URL, searchPath: [schema], pool: { min: 0, max: 10 } });
  return { kind: 'postgres', knex, destroy: () => knex.destroy() };
}
