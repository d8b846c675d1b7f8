#!/usr/bin/env node
// `npm run dev`: the backend from its TypeScript sources, restarted on change, and the Vite dev
// server with hot reload on http://localhost:3000, proxying /api and /git to the backend.
import { spawn } from 'node:child_process';
import { repoRoot } from './build-steps.mjs';

const children = [
  spawn('node_modules/.bin/tsx', ['watch', '--conditions=source', '--clear-screen=false', 'packages/backend/src/main.ts', ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
  }),
  spawn('node_modules/.bin/vite', ['--config', 'packages/app/vite.config.ts'], { cwd: repoRoot, stdio: 'inherit' }),
];
const stop = signal => {
  for (const child of children) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children)
  child.on('exit', code => {
    stop('SIGTERM');
    process.exit(code ?? 0);
  });
