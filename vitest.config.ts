import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './scripts/workspace-aliases.js';

// Unit and integration tests run against the TypeScript sources of every workspace package,
// so no build is needed first. End-to-end tests live in e2e/ and have their own config.
export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'plugins/*/src/**/*.test.{ts,tsx}'],
    // Each worker holds one embedded database (about 300-700 MB); two workers fit two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
