import compression from 'compression';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Knex } from 'knex';
import {
  ServiceUnavailableError,
  bodyAfterCredentials,
  errorHandler,
  notFoundHandler,
  requestLogging,
  type BackendPlugin,
  type BodyAfterCredentialsOptions,
  type HttpAuth,
  type Logger,
} from '@portal/backend-common';
import { serveApp } from './serveApp.js';

export interface AppState {
  /** Set once every migration has run; /readyz answers 503 until then. */
  migrated: boolean;
  /** Set when shutdown starts; /readyz answers 503 so load balancers stop sending traffic. */
  shuttingDown: boolean;
}

export interface CreateAppOptions {
  logger: Logger;
  knex: Knex;
  httpAuth: HttpAuth;
  plugins: BackendPlugin[];
  state: AppState;
  appDistDir: string;
  /** Handlers mounted at their path before body parsing and compression (git smart HTTP). */
  rawHandlers?: Array<{ path: string; handler: RequestHandler }>;
  /** Extra top-level routes such as /metrics. */
  extraRoutes?: Array<{ path: string; handler: RequestHandler }>;
  /** Which API requests (paths below /api) may send a body before who is asking is known. */
  bodies?: BodyAfterCredentialsOptions;
}

export function createApp(options: CreateAppOptions): Express {
  const { logger, knex, httpAuth, plugins, state } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestLogging(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Emotion (MUI) injects style elements at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'https:'],
          // The portal is often served over plain http on a private network.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res, next) => {
    try {
      if (state.shuttingDown) throw new ServiceUnavailableError('The server is shutting down');
      if (!state.migrated) throw new ServiceUnavailableError('Database migrations have not finished');
      await knex.raw('select 1').catch(error => {
        throw new ServiceUnavailableError(`The database is not reachable: ${(error as Error).message}`);
      });
      res.json({ status: 'ready' });
    } catch (error) {
      next(error);
    }
  });

  // Git's smart HTTP streams request and response bodies: no JSON parsing or compression there.
  for (const { path, handler } of options.rawHandlers ?? []) app.use(path, httpAuth.middleware, handler);

  app.use(compression());
  for (const { path, handler } of options.extraRoutes ?? []) app.get(path, httpAuth.middleware, handler);

  const api = express.Router();
  // Credentials first, bodies after: each plugin's router parses its own, with its own limit.
  api.use(httpAuth.middleware);
  api.use(bodyAfterCredentials(httpAuth, options.bodies));
  for (const plugin of plugins) api.use(`/${plugin.id}`, plugin.router);
  api.use(notFoundHandler);
  app.use('/api', api);

  app.use(serveApp(options.appDistDir));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
