#!/usr/bin/env node
// `npm run bench:start`: cold start of the built server, from process spawn to /readyz answering
// 200, on a fresh data folder (first start: the embedded database is created) and again on the
// same folder (a restart). Run `npm run build` first.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './build-steps.mjs';

const runs = Number(process.argv[2] ?? 3);
const main = path.join(repoRoot, 'packages/backend/dist/main.js');
if (!fs.existsSync(main)) {
  console.error('Build first: npm run build');
  process.exit(1);
}

async function startOnce(dataDir) {
  const configFile = path.join(dataDir, 'bench.yaml');
  fs.writeFileSync(
    configFile,
    `backend:\n  listen: { port: 0, host: 127.0.0.1 }\ndatabase:\n  client: pglite\n  directory: ${JSON.stringify(path.join(dataDir, 'db'))}\ngit:\n  directory: ${JSON.stringify(path.join(dataDir, 'git'))}\n`,
  );
  const started = performance.now();
  const child = spawn(process.execPath, [main, '--config', configFile], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', PORT: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', chunk => {
      output += chunk;
      const match = /Portal ready at (https?:\/\/[^\s"]+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on('exit', code => reject(new Error(`exited with ${code}`)));
  });
  for (;;) {
    const res = await fetch(`${url}/readyz`).catch(() => undefined);
    if (res?.ok) break;
    await new Promise(r => setTimeout(r, 10));
  }
  const ms = performance.now() - started;
  const exited = new Promise(resolve => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const first = [];
const restart = [];
for (let i = 0; i < runs; i++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-start-'));
  first.push(await startOnce(dataDir));
  restart.push(await startOnce(dataDir));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`cold start to /readyz, new data folder: median ${median(first).toFixed(0)} ms (runs: ${first.map(x => x.toFixed(0)).join(', ')})`);
console.log(`cold start to /readyz, existing data folder: median ${median(restart).toFixed(0)} ms (runs: ${restart.map(x => x.toFixed(0)).join(', ')})`);
