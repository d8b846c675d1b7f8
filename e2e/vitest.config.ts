import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built server (packages/backend/dist) and app (packages/app/dist)
// in Chromium; `npm test` builds both first.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    // One browser and one server per file; files run one after another to fit two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
