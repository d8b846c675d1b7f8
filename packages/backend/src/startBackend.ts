import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Knex } from 'knex';
import {
  configFilesFromArgv,
  createDatabase,
  createHttpAuth,
  createLogger,
  errorHandler,
  loadConfig,
  readConfigSections,
  ServiceUnavailableError,
  type BackendPlugin,
  type Logger,
} from '@portal/backend-common';
import { appConfigSection, backendConfigSection, databaseConfigSection } from './config.js';
import { createApp, type AppState } from './createApp.js';
import { createPlugins, pluginConfigSections } from './plugins.js';
import { listRoutes, type ListedRoute } from './routeList.js';

export interface StartBackendOptions {
  /** Command-line arguments; `--config <file>` may repeat. */
  argv?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  logger?: Logger;
  /** Where the built app lives; defaults to packages/app/dist. */
  appDistDir?: string;
}

export interface RunningBackend {
  url: string;
  server: http.Server;
  knex: Knex;
  /** Every route the server registers, read from the routers themselves. */
  routes(): ListedRoute[];
  /** Stops accepting connections, lets in-flight requests finish, stops plugins, closes the database. */
  shutdown(): Promise<void>;
}

const defaultAppDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../app/dist');

/**
 * Starts the portal: reads and validates all config (throwing ConfigError with every problem),
 * listens at once so /healthz and /readyz answer during start-up, opens the database, runs each
 * plugin's migrations, and then serves the full app.
 */
export async function startBackend(options: StartBackendOptions = {}): Promise<RunningBackend> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig({ files: configFilesFromArgv(options.argv ?? []), cwd, env });
  const sections = readConfigSections(config, {
    app: appConfigSection,
    backend: backendConfigSection,
    database: databaseConfigSection,
    ...pluginConfigSections,
  });
  const logger = options.logger ?? createLogger();
  const state: AppState = { migrated: false, shuttingDown: false };

  // Until the plugins are ready, only the health routes answer.
  let handler: http.RequestListener = startingApp(state, logger);
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(sections.backend.listen.port, sections.backend.listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = (sections.backend.baseUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');

  let knex: Knex | undefined;
  let plugins: BackendPlugin[] = [];
  let app: express.Express | undefined;
  try {
    knex = await createDatabase(sections.database, { cwd });
    const serviceToken = randomBytes(32).toString('base64url');
    const httpAuth = createHttpAuth({
      externalAccess: [...sections.backend.auth.externalAccess, { type: 'static', options: { token: serviceToken, subject: 'portal' } }],
    });
    const created = await createPlugins({ config, knex, logger, httpAuth, baseUrl, serviceToken, cwd, nodeEnv: env.NODE_ENV });
    plugins = created.plugins;
    state.migrated = true;
    app = createApp({
      logger,
      knex,
      httpAuth,
      plugins,
      state,
      appDistDir: options.appDistDir ?? defaultAppDist,
      rawHandlers: created.rawHandlers,
      extraRoutes: created.extraRoutes,
      bodies: created.bodies,
    });
    handler = app;
    await startPlugins(plugins, { logger, after: created.afterStart });
  } catch (error) {
    server.close();
    await knex?.destroy();
    throw error;
  }
  logger.info(`Portal ready at ${baseUrl}`);

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      state.shuttingDown = true;
      logger.info('Shutting down: finishing in-flight requests');
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open; in-flight ones close when done.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const force = setTimeout(() => server.closeAllConnections(), sections.backend.shutdownTimeout);
      await closed;
      clearInterval(sweep);
      clearTimeout(force);
      for (const plugin of [...plugins].reverse()) await plugin.stop?.();
      await knex!.destroy();
      logger.info('Shutdown complete');
    })());
  return { url: baseUrl, server, knex, routes: () => listRoutes(app!), shutdown };
}

/**
 * Starts each plugin in order, then runs `after`. When anything fails, the plugins already started
 * are stopped (last first) before the error goes on: their schedulers and workers would otherwise
 * keep using a database that is about to close.
 */
export async function startPlugins(plugins: BackendPlugin[], options: { logger: Logger; after?: () => Promise<void> }): Promise<void> {
  const started: BackendPlugin[] = [];
  try {
    for (const plugin of plugins) {
      await plugin.start?.();
      started.push(plugin);
    }
    await options.after?.();
  } catch (error) {
    for (const plugin of started.reverse()) {
      await plugin.stop?.().catch(stopError => options.logger.error({ err: stopError, plugin: plugin.id }, 'Could not stop a plugin'));
    }
    throw error;
  }
}

/** Answers while the server starts: /healthz, and 503 in the standard error shape for everything else. */
export function startingApp(state: AppState, logger: Logger): http.RequestListener {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use((_req, _res, next) => {
    next(new ServiceUnavailableError(state.migrated ? 'The server is starting' : 'The server is starting: database migrations have not finished'));
  });
  app.use(errorHandler(logger));
  return app;
}
