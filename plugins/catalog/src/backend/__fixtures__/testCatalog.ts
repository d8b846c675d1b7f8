import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpAuth, createLogger, errorHandler, notFoundHandler } from '@portal/backend-common';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from '@portal/backend-common/testing';
import { GitReader } from '@portal/git';
import express from 'express';
import supertest from 'supertest';
import { createCatalogPlugin, type CatalogPlugin } from '../createCatalogPlugin.js';
import type { RefreshObserver } from '../ingestion/RefreshScheduler.js';

export const TEST_TOKEN = 'test-token-0123456789';

export interface TestCatalog {
  db: TestDatabase;
  plugin: CatalogPlugin;
  app: express.Express;
  request: supertest.Agent;
  auth: { Authorization: string };
}

/** A catalog plugin on a real database behind a real Express app, as the backend mounts it. */
export async function createTestCatalog(options: {
  kind?: TestDatabaseKind;
  db?: TestDatabase;
  catalog?: Record<string, unknown>;
  gitReader?: GitReader;
  onRefresh?: RefreshObserver;
}): Promise<TestCatalog> {
  const db = options.db ?? (await createTestDatabase(options.kind ?? 'pglite'));
  const logger = createLogger({ level: 'silent' });
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: TEST_TOKEN, subject: 'tester' } }] });
  const gitReader = options.gitReader ?? new GitReader({ cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-cache-')), integrations: [] });
  const plugin = await createCatalogPlugin({
    config: { catalog: { refreshInterval: '1h', ...options.catalog } },
    knex: db.knex,
    logger,
    httpAuth,
    baseUrl: 'http://localhost:7007',
    serviceToken: 'unused-service-token',
    gitReader,
    onRefresh: options.onRefresh,
  });
  const app = express();
  app.use('/api/catalog', httpAuth.middleware, plugin.router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return { db, plugin, app, request: supertest.agent(app), auth: { Authorization: `Bearer ${TEST_TOKEN}` } };
}

/** Writes files under a folder, creating it; returns the folder. */
export function writeFiles(dir: string, files: Record<string, string | null>): string {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (text === null) {
      fs.rmSync(file, { force: true });
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

export function tempDir(prefix = 'catalog-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const component = (name: string, extra: { owner?: string; system?: string; providesApis?: string[]; namespace?: string } = {}) =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    ...(extra.namespace ? [`  namespace: ${extra.namespace}`] : []),
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${extra.owner ?? 'group:default/team-a'}`,
    ...(extra.system ? [`  system: ${extra.system}`] : []),
    ...(extra.providesApis ? [`  providesApis: [${extra.providesApis.join(', ')}]`] : []),
    '',
  ].join('\n');

export const api = (name: string, owner = 'team-a') =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: API',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: openapi',
    '  lifecycle: production',
    `  owner: ${owner}`,
    '  definition: "openapi: 3.0.0"',
    '',
  ].join('\n');

export const locationEntity = (name: string, targets: string[], presence?: 'optional') =>
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...(presence ? [`  presence: ${presence}`] : []),
    '  targets:',
    ...targets.map(t => `    - ${t}`),
    '',
  ].join('\n');

export const group = (name: string) =>
  ['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata:', `  name: ${name}`, 'spec:', '  type: team', '  children: []', ''].join('\n');
