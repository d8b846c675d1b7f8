// Build steps shared by `npm start`, `npm run build` and `npm test`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(label, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${label} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds}s)`);
}

const bin = name => path.join(repoRoot, 'node_modules', '.bin', name);

/** Compiles the TypeScript packages; incremental, so it is quick when nothing changed. */
export function buildPackages() {
  run('Compile packages (tsc -b)', bin('tsc'), ['-b']);
}

/** Builds the browser app with Vite. */
export function buildApp() {
  run('Build the app (vite)', bin('vite'), ['build', '--config', 'packages/app/vite.config.ts', '--logLevel', 'warn']);
}

function newestFile(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') newest = Math.max(newest, newestFile(full));
    } else {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Builds the packages, and the app when its build is missing or older than any browser source. */
export async function ensureBuilt() {
  buildPackages();
  const index = path.join(repoRoot, 'packages/app/dist/index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const browserSources = [
    'packages/app',
    'packages/app-api/src',
    'packages/catalog-model/src',
    ...fs.readdirSync(path.join(repoRoot, 'plugins')).flatMap(p => [`plugins/${p}/src/app`, `plugins/${p}/src/common`]),
  ];
  const newest = Math.max(...browserSources.map(dir => newestFile(path.join(repoRoot, dir))));
  if (newest > builtAt) buildApp();
}
