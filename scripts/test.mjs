#!/usr/bin/env node
// `npm test`: typecheck and compile, lint, build the app, run unit and integration tests
// (on PGlite, and on Postgres too when PORTAL_TEST_DATABASE_URL is set), then the end-to-end
// tests in Chromium against the built server.
import { buildApp, buildPackages, run } from './build-steps.mjs';

const started = Date.now();
buildPackages();
run('Lint (eslint)', 'node_modules/.bin/eslint', ['.', '--max-warnings', '0']);
run('Formatting (prettier)', 'node_modules/.bin/prettier', ['--check', '**/*.{ts,tsx,js,mjs}']);
buildApp();
run(
  process.env.PORTAL_TEST_DATABASE_URL ? 'Unit and integration tests (PGlite and Postgres)' : 'Unit and integration tests (PGlite)',
  'node_modules/.bin/vitest',
  ['run'],
);
run('End-to-end tests (Chromium)', 'node_modules/.bin/vitest', ['run', '--config', 'e2e/vitest.config.ts']);
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
