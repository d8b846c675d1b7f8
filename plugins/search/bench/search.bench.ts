// Search benchmark: generates a catalog of N entities with ../../../../shared/bench/gen-catalog.mjs,
// reads it into the catalog, builds the search index from it and measures typeahead and
// search-page queries.
//
//   npm run bench:search -- --entities 10000 [--pglite] [--queries 200]
//
// Uses the Postgres server named by PORTAL_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
// in a schema of its own that is dropped afterwards; --pglite uses an in-memory PGlite instead.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpAuth, createLogger } from '@portal/backend-common';
import { createTestDatabase } from '@portal/backend-common/testing';
import { GitReader } from '@portal/git';
import { createCatalogPlugin } from '@portal/plugin-catalog/backend';
import { createSearchPlugin } from '../src/backend/index.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : (args[i + 1] ?? 'true');
};
const entities = Number(arg('entities') ?? 10_000);
const queries = Number(arg('queries') ?? 200);
const usePglite = args.includes('--pglite');
if (!usePglite) process.env.PORTAL_TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const generator = path.resolve(here, '../../../../shared/bench/gen-catalog.mjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
const out = path.join(work, 'catalog');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

const gen = JSON.parse(execFileSync('node', [generator, '--out', out, '--entities', String(entities)], { encoding: 'utf8' })) as {
  entities: number;
  files: number;
};
console.log(`generated ${gen.entities} entities in ${gen.files} files (${usePglite ? 'PGlite' : 'Postgres'})`);

const db = await createTestDatabase(usePglite ? 'pglite' : 'postgres');
const logger = createLogger({ level: 'warn' });
const env = { knex: db.knex, logger, httpAuth: createHttpAuth({ externalAccess: [] }), baseUrl: 'http://localhost:7007', serviceToken: 'bench' };
try {
  const gitReader = new GitReader({ cacheDir: path.join(work, 'git-cache'), integrations: [] });
  const catalog = await createCatalogPlugin({ ...env, config: { catalog: { refreshInterval: '1h' } }, gitReader });
  // Listening from the start, as in the backend: the first refresh tells search of every entity.
  const search = await createSearchPlugin({ ...env, config: {}, catalog: catalog.client });
  let started = Date.now();
  await catalog.client.addLocation(
    { type: 'file', target: path.join(out, 'catalog-info.yaml') },
    { allowFile: true, trusted: { allowKinds: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] } },
  );
  console.log(`catalog read in ${ms(Date.now() - started)}`);
  started = Date.now();
  await search.indexer.settle();
  console.log(`the first refresh's change indexed ${ms(Date.now() - started)} after it committed`);

  const stats = await search.indexer.rebuild();
  console.log(
    `full index: ${stats.entities} entities → ${stats.documents} documents in ${ms(stats.ms)} (${((stats.documents / stats.ms) * 1000).toFixed(0)} documents/s)`,
  );

  // What a refresh of one changed file tells search: a handful of refs, looked up and written again.
  const refs: string[] = [];
  for await (const batch of catalog.client.entityBatches()) {
    for (const e of batch.slice(0, 50)) refs.push(`${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLowerCase());
    if (refs.length >= 50) break;
  }
  started = Date.now();
  await search.indexer.indexEntities(refs);
  console.log(`incremental: ${refs.length} changed entities indexed in ${ms(Date.now() - started)}`);

  const words = ['payment', 'ledger', 'search', 'profile', 'cart', 'checkout', 'inventory', 'billing', 'auth', 'notify'];
  const typeahead = words.flatMap(w => [w.slice(0, 2), w.slice(0, 3), w.slice(0, 5), `svc-${w}`]);
  const typos = ['paymnt', 'ledgr', 'chekout', 'invntory', 'biling'];
  const pageTerms = [...words, 'team platform', 'api payment', 'user1', ...typos];
  const time = async (label: string, run: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 10; i++) await run(i); // warm up
    const samples: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      await run(i);
      samples.push(performance.now() - t);
    }
    console.log(`${label.padEnd(34)} p50 ${ms(percentile(samples, 50)).padStart(9)}   p95 ${ms(percentile(samples, 95)).padStart(9)}   (${queries} queries)`);
  };
  await time('typeahead (12 results)', i => search.engine.query({ term: typeahead[i % typeahead.length]!, pageLimit: 12 }));
  await time('typo in a name (12 results)', i => search.engine.query({ term: typos[i % typos.length]!, pageLimit: 12 }));
  await time('search page (20 results, count)', i => search.engine.query({ term: pageTerms[i % pageTerms.length]!, pageLimit: 20 }));
  await time('search page, kind filter', i => search.engine.query({ term: words[i % words.length]!, filters: { kind: 'component' }, pageLimit: 20 }));
  await time('search page, third page', i =>
    search.engine.query({ term: words[i % words.length]!, pageLimit: 20, pageCursor: Buffer.from('{"offset":40}').toString('base64url') }),
  );
  await search.stop?.();
  await catalog.stop?.();
} finally {
  await db.destroy();
  fs.rmSync(work, { recursive: true, force: true });
}
