#!/usr/bin/env node
// `npm start`: builds whatever is missing or out of date, then runs the built server.
// Arguments after `--` go to the server, e.g. `npm start -- --config app-config.production.yaml`.
import { spawn } from 'node:child_process';
import { ensureBuilt, repoRoot } from './build-steps.mjs';

await ensureBuilt();
const server = spawn(process.execPath, ['packages/backend/dist/main.js', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', code => process.exit(code ?? 1));
