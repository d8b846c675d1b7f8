#!/usr/bin/env node
// `npm run screenshots`: copies the README's pictures, taken by the end-to-end tests
// (e2e/golden-path.e2e.ts), from e2e/artifacts to docs/images. Run the tests first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'e2e/artifacts');
const to = path.join(root, 'docs/images');
const names = ['catalog', 'entity', 'wizard', 'docs'];

const missing = names.filter(name => !fs.existsSync(path.join(from, `${name}.png`)));
if (missing.length > 0) {
  console.error(
    `Missing in e2e/artifacts: ${missing.map(n => `${n}.png`).join(', ')}.\n` +
      'Take them with `npm run build && npx vitest run --config e2e/vitest.config.ts golden`.',
  );
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const name of names) {
  const source = path.join(from, `${name}.png`);
  fs.copyFileSync(source, path.join(to, `${name}.png`));
  const { mtime, size } = fs.statSync(source);
  console.log(`docs/images/${name}.png  (${Math.round(size / 1024)} KB, taken ${mtime.toISOString()})`);
}
