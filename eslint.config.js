import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'zlib', 'worker_threads'];

// Browser code must never pull in server code: the app shell, every plugin's app/ and common/
// rooms, the app-api package and the catalog model run in the browser.
const browserOnly = {
  patterns: [
    { group: nodeBuiltins, message: 'Browser code cannot import Node.js modules.' },
    {
      group: ['**/backend', '**/backend/**', '@portal/backend', '@portal/backend-common', '@portal/backend-common/*', '@portal/git', '@portal/*/backend'],
      message: 'Browser code cannot import server code.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'e2e/artifacts/**', 'templates/**/content/**', 'e2e/fixtures/**/content/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Import cycles and relative imports that reach into another package. Sources import each
    // other as `./file.js`; the resolver maps that to the TypeScript file, and workspace packages
    // to their sources through the `source` condition.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.tsx', '.js'] }, conditionNames: ['source', 'import', 'default'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-relative-packages': 'error',
    },
  },
  {
    files: ['packages/app/src/**', 'plugins/*/src/app/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['packages/app/src/**', 'packages/app-api/src/**', 'packages/catalog-model/src/**', 'plugins/*/src/app/**', 'plugins/*/src/common/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', browserOnly] },
  },
  {
    // common/ is shared by both sides, so it may not import app/ either.
    files: ['plugins/*/src/common/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...browserOnly.patterns, { group: ['**/app', '**/app/**', '@portal/*/app'], message: 'common/ cannot import app/.' }] },
      ],
    },
  },
);
