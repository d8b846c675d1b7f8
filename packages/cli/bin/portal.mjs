#!/usr/bin/env node
// Runs the built command; build first with `npm run build` (or `npx tsc -b packages/cli`).
await import('../dist/main.js');
