// Cold render of a generated docs site and the time of a cached page, through the same service
// the API uses (PGlite cache table + in-memory LRU). Prints figures; asserts nothing.
//   npm run bench:techdocs [-- --pages 100] [-- --all-extensions]
// --all-extensions: mkdocs.yml turns on techdocs-core and math, and every page also has content
// tabs, icons, emoji, math, footnotes, keys, critic marks, a titled code block with highlighted
// lines and annotations, and a definition list.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@portal/backend-common';
import { createTestDatabase } from '@portal/backend-common/testing';
import type { Entity } from '@portal/catalog-model';
import { createTechdocsPlugin } from '../src/backend/index.js';

const pagesArg = process.argv.indexOf('--pages');
const pages = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : 100;
const allExtensions = process.argv.includes('--all-extensions');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const generator = [path.join(repoRoot, '../shared/bench/gen-docs.mjs'), '/work/shared/bench/gen-docs.mjs'].find(p => fs.existsSync(p));
if (!generator) throw new Error('gen-docs.mjs not found next to the repository (shared/bench)');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-bench-'));
execFileSync(process.execPath, [generator, '--out', dir, '--pages', String(pages)], { stdio: 'ignore' });
if (allExtensions) addEveryExtension(dir);
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'bench',
    namespace: 'default',
    annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml` },
  },
};
const db = await createTestDatabase('pglite');
const plugin = await createTechdocsPlugin({
  config: { techdocs: { checkInterval: 60_000 } },
  knex: db.knex,
  logger: createLogger({ level: 'silent' }),
  httpAuth: {
    middleware: (_q, _s, next) => next(),
    credentials: () => undefined,
    requireCredentials: () => {
      throw new Error('unused');
    },
    addResolver: () => {},
  },
  baseUrl: 'http://localhost:7007',
  serviceToken: 'unused',
  gitReader: {
    parseUrl: () => {
      throw new Error('unused');
    },
  } as never,
  catalog: { getEntityByRef: async () => entity },
});
const ref = 'component:default/bench';

let started = performance.now();
// CPU time as well as wall time: on a shared machine the wall time says as much about the neighbours.
const cpuBefore = process.cpuUsage();
const meta = await plugin.service.getMetadata(ref);
const cold = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);

const paths = [meta.homePath, meta.nav[1]?.children?.[0]?.path].filter((p): p is string => p !== undefined);
await plugin.service.getPage(ref, paths.at(-1)!); // first read fills the LRU from the table
const rounds = 2000;
started = performance.now();
for (let i = 0; i < rounds; i++) await plugin.service.getPage(ref, paths[i % paths.length]!);
const cached = (performance.now() - started) / rounds;

console.log(`techdocs: ${pages}-page site (${meta.nav.length} top-level nav entries)${allExtensions ? ', every extension on' : ''}`);
console.log(
  `  cold render (read, render, sanitise, store every page): ${cold.toFixed(0)} ms, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU (target < 2000 ms)`,
);
console.log(`  cached page: ${cached.toFixed(3)} ms mean over ${rounds} reads (target < 10 ms)`);
await plugin.stop?.();
await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);

function addEveryExtension(site: string): void {
  const config = path.join(site, 'mkdocs.yml');
  fs.writeFileSync(
    config,
    fs.readFileSync(config, 'utf8') +
      ['plugins:', '  - techdocs-core', 'theme:', '  features: [content.tabs.link]', 'markdown_extensions:', '  - pymdownx.arithmatex', ''].join('\n'),
  );
  const extras = [
    '## Every extension :material-check-circle: :octicons-alert-16: :fontawesome-brands-github: :rocket:',
    '',
    '=== "TypeScript"',
    '',
    '    ```typescript title="step.ts" hl_lines="2" linenums="1"',
    '    export function step(input: string): number {',
    '      return input.length; // (1)',
    '    }',
    '    ```',
    '',
    '    1.  The length in UTF-16 code units.',
    '',
    '=== "Python"',
    '',
    '    ```python',
    '    def step(value: str) -> int:',
    '        return len(value)',
    '    ```',
    '',
    'The cost is $c = \\sum_i w_i x_i$ per item[^cost], and in total',
    '',
    '$$',
    'C = \\int_0^T c(t)\\,dt',
    '$$',
    '',
    'Press ++ctrl+alt+del++; ==marked==, ^^inserted^^, ~~deleted~~, H~2~O, {++added++} {--removed--} (c) 2024 --> done.',
    '',
    '??? tip "Folded"',
    '    Hidden until opened.',
    '',
    'Term',
    ':   Its definition.',
    '',
    '[^cost]: Weights come from the pricing table.',
    '',
  ].join('\n');
  let pageNumber = 0;
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      // Each page's formulas differ, so no page reuses another's typesetting.
      else if (entry.name.endsWith('.md')) fs.appendFileSync(full, `\n${extras.replaceAll('w_i', `w_{${++pageNumber}}`)}`);
    }
  };
  walk(path.join(site, 'docs'));
}
