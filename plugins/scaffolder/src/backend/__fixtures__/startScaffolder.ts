import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpAuth, createLogger, createPermissions, errorHandler, notFoundHandler, type ConfigObject } from '@portal/backend-common';
import type { TestDatabase } from '@portal/backend-common/testing';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { createCatalogPlugin, type CatalogClient } from '@portal/plugin-catalog/backend';
import express from 'express';
import { createScaffolderPlugin, type ScaffolderPlugin } from '../plugin.js';

export const TOKEN = 'scaffolder-test-token';

export interface TestScaffolder {
  app: express.Express;
  gitHost: TestGitHost;
  catalog: CatalogClient;
  scaffolder: ScaffolderPlugin;
  workspaceDirectory: string;
  /** Registers a catalog file from this repository's own disk. */
  register(file: string): Promise<void>;
  close(): Promise<void>;
}

// The catalog reads the server's own disk only for callers that vouch for it; a test does. Kept in
// a variable, and with dryRun, so it also suits a catalog client that has no allowFile option.
const FILE_LOCATION = { dryRun: false, allowFile: true };

/** The real thing, small: a git host on loopback, the catalog and the scaffolder on one test database. */
export async function startScaffolder(db: TestDatabase, scaffolderConfig: ConfigObject = {}, options: { permissions?: boolean } = {}): Promise<TestScaffolder> {
  const gitHost = await startTestGitHost();
  const workspaceDirectory = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'scaffolder-workspaces-'));
  const logger = createLogger({ level: 'silent' });
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: TOKEN, subject: 'ci-bot' } }] });
  // Signed-in people for permission tests: `x-test-user: user:default/jane` stands for a session.
  httpAuth.addResolver(req => {
    const user = req.headers['x-test-user'];
    return typeof user === 'string' ? { type: 'user', userEntityRef: user, ownershipEntityRefs: [user] } : undefined;
  });
  const permissions = options.permissions ? createPermissions({ httpAuth }) : undefined;
  const config: ConfigObject = {
    catalog: { rules: [{ allow: ['Component', 'API', 'Location', 'Template', 'Group', 'User', 'System'] }] },
    scaffolder: { workspaceDirectory, taskPollInterval: 50, taskHeartbeatInterval: 200, taskTimeout: 10_000, ...scaffolderConfig },
  };
  const env = { config, knex: db.knex, logger, httpAuth, baseUrl: gitHost.baseUrl, serviceToken: gitHost.serviceToken };
  const catalog = await createCatalogPlugin({ ...env, gitReader: gitHost.createReader() });
  const scaffolder = await createScaffolderPlugin({ ...env, gitReader: gitHost.createReader(), gitHost: gitHost.host, catalog: catalog.client, permissions });
  const app = express();
  app.use('/api', httpAuth.middleware);
  app.use('/api/catalog', catalog.router);
  app.use('/api/scaffolder', scaffolder.router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  await scaffolder.start?.();
  return {
    app,
    gitHost,
    catalog: catalog.client,
    scaffolder,
    workspaceDirectory,
    register: async file => {
      await catalog.client.addLocation({ type: 'file', target: path.resolve(file) }, FILE_LOCATION);
    },
    close: async () => {
      await scaffolder.stop?.();
      await gitHost.close();
      await fs.promises.rm(workspaceDirectory, { recursive: true, force: true });
    },
  };
}
