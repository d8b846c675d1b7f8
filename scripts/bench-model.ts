// Prints how fast the catalog model refuses hostile files and how fast it validates good ones.
// Run: npm run bench:model
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseEntityYaml, validateEntity } from '@portal/catalog-model';
import { validateFiles } from '@portal/cli';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function measure(label: string, run: () => unknown) {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  const heapDelta = process.memoryUsage().heapUsed - heapBefore;
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms   heap +${mb(Math.max(0, heapDelta))}`);
  return result;
}

function firstMessage(result: { problems: Array<{ message: string }> }): string {
  return result.problems[0]?.message ?? '(no problem)';
}

const tenMegabytes = `description: "${'x'.repeat(10 * 1024 * 1024)}"\n`;
const levels = 'abcdefghij'.split('');
const billionLaughs = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...levels.slice(1).map((c, i) => `${c}: &${c} [${Array(10).fill(`*${levels[i]}`).join(', ')}]`),
].join('\n');
const tenThousandDocuments = Array.from({ length: 10_000 }, (_, i) => `---\nkind: Component\nmetadata: {name: c${i}}\n`).join('');
const deepNesting = `a: ${'['.repeat(1_000_000)}`;

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}`);
console.log('hostile input, parseEntityYaml in memory:');
for (const [label, text] of [
  [`10 MB file (${mb(tenMegabytes.length)})`, tenMegabytes],
  ['billion laughs (10 levels x 10 aliases)', billionLaughs],
  [`10,000-document file (${mb(tenThousandDocuments.length)})`, tenThousandDocuments],
  ['1,000,000 nested [', deepNesting],
] as const) {
  const result = measure(label, () => parseEntityYaml(text, { file: 'bench.yaml' })) as ReturnType<typeof parseEntityYaml>;
  console.log(`${''.padEnd(46)}-> ${firstMessage(result)}`);
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-model-'));
await fs.writeFile(path.join(dir, 'huge.yaml'), tenMegabytes);
await fs.writeFile(path.join(dir, 'laughs.yaml'), billionLaughs);
await fs.writeFile(path.join(dir, 'many.yaml'), tenThousandDocuments);
console.log("hostile files on disk, through the CLI's validateFiles:");
for (const file of ['huge.yaml', 'laughs.yaml', 'many.yaml']) {
  gc();
  const start = performance.now();
  const { problems } = await validateFiles([file], { cwd: dir });
  console.log(`${file.padEnd(44)} ${(performance.now() - start).toFixed(1).padStart(8)} ms   -> ${problems[0]?.message}`);
}

const entities = Array.from({ length: 1000 }, (_, i) =>
  [
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: service-${i}`,
    '  title: A Service',
    '  tags: [java, payments]',
    '  annotations: {backstage.io/techdocs-ref: "dir:."}',
    '  links: [{url: "https://example.com/dash", title: Dashboard}]',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-a',
    '  system: billing',
    `  dependsOn: ["resource:db-${i}"]`,
    '  providesApis: [payments-api]',
  ].join('\n'),
).join('\n');
console.log('valid input:');
const parsed = measure(`parse 1,000 entities (${mb(entities.length)})`, () => parseEntityYaml(entities, { file: 'bench.yaml' })) as ReturnType<
  typeof parseEntityYaml
>;
const started = performance.now();
const problems = parsed.documents.flatMap(d => validateEntity(d.data));
const validateMs = performance.now() - started;
console.log(
  `${'validate 1,000 entities'.padEnd(44)} ${validateMs.toFixed(1).padStart(8)} ms   (${problems.length} problems, ${Math.round(1000 / (validateMs / 1000))} entities/s)`,
);
await fs.rm(dir, { recursive: true, force: true });
console.log(`peak resident memory of this process: ${mb(process.resourceUsage().maxRSS * 1024)}`);
