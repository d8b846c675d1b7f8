import express, { type ErrorRequestHandler, type Express } from 'express';

export interface AppState {
  /** False while the service is starting or shutting down; the readiness probe reports it. */
  ready: boolean;
}

export function createApp(state: AppState = { ready: true }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  // Liveness: the process answers. Readiness: it should receive traffic.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    res.status(state.ready ? 200 : 503).json({ status: state.ready ? 'ready' : 'not ready' });
  });

  app.get('/api/greetings/:name', (req, res) => {
    const name = req.params.name.trim();
    if (name.length === 0 || name.length > 100) {
      res.status(400).json({ error: { name: 'InputError', message: 'name must be 1 to 100 characters' } });
      return;
    }
    res.json({ message: `Hello, ${name}!`, service: '${{ values.name }}' });
  });

  app.use((req, res) => {
    res.status(404).json({ error: { name: 'NotFoundError', message: `No route for ${req.method} ${req.path}` } });
  });

  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status >= 500) console.error(error);
    res.status(status).json({ error: { name: error?.name ?? 'Error', message: status >= 500 ? 'Internal error' : error.message } });
  };
  app.use(errorHandler);
  return app;
}
