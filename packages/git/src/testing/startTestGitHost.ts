import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHttpAuth, createLogger, errorHandler, notFoundHandler } from '@portal/backend-common';
import express from 'express';
import { createGitHost, type GitHost, type PushEvent } from '../host/createGitHost.js';
import { GitReader } from '../reader/GitReader.js';

export interface TestGitHost {
  baseUrl: string;
  /** Where the bare repositories live. */
  directory: string;
  host: GitHost;
  /** The backend's own token (subject `portal`), as the GitReader uses it. */
  serviceToken: string;
  /** A static token that may push. */
  writeToken: string;
  /** A static token marked `access: read`. */
  readToken: string;
  /** A reader of this host with its own cache directory. */
  createReader(options?: { cacheDir?: string; token?: string; allowedHosts?: string[] }): GitReader;
  close(): Promise<void>;
}

/**
 * Runs the portal's git host on a free loopback port, mounted the way the backend mounts it, with
 * static tokens. For integration tests and benchmarks of anything that reads or writes git.
 */
export async function startTestGitHost(options: { onPush?: (event: PushEvent) => void | Promise<void> } = {}): Promise<TestGitHost> {
  const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-git-'));
  const directory = path.join(scratch, 'repos');
  const token = () => randomBytes(18).toString('base64url');
  const serviceToken = token();
  const writeToken = token();
  const readToken = token();
  const logger = createLogger({ level: 'silent' });
  const httpAuth = createHttpAuth({
    externalAccess: [
      { type: 'static', options: { token: serviceToken, subject: 'portal' } },
      { type: 'static', options: { token: writeToken, subject: 'ci' } },
      { type: 'static', options: { token: readToken, subject: 'reader', access: 'read' } },
    ],
  });
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const host = createGitHost({ directory, env: { config: {}, logger, httpAuth, baseUrl }, onPush: options.onPush });
  app.use('/git', httpAuth.middleware, host.smartHttp);
  app.use('/api', express.json(), httpAuth.middleware);
  app.use('/api/git', host.plugin.router);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  let readers = 0;
  return {
    baseUrl,
    directory,
    host,
    serviceToken,
    writeToken,
    readToken,
    createReader: (readerOptions = {}) =>
      new GitReader({
        cacheDir: readerOptions.cacheDir ?? path.join(scratch, `cache-${++readers}`),
        integrations: [{ type: 'local', host: new URL(baseUrl).host, token: readerOptions.token ?? serviceToken, baseUrl }],
        allowedHosts: readerOptions.allowedHosts,
        logger,
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await fs.promises.rm(scratch, { recursive: true, force: true });
    },
  };
}
