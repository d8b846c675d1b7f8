import type { Server } from 'node:http';
import { createApp, type AppState } from './app.js';
import { readConfig } from './config.js';

const config = readConfig();
const state: AppState = { ready: false };
const server: Server = createApp(state).listen(config.port, () => {
  state.ready = true;
  console.log(`${{ values.name }} listening on port ${config.port}`);
});

// Kubernetes sends SIGTERM and stops routing traffic a moment later: report not-ready at once,
// finish the requests in flight, then exit.
function shutdown(signal: string): void {
  console.log(`${signal} received, shutting down`);
  state.ready = false;
  const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
  timer.unref();
  server.close(error => {
    process.exit(error ? 1 : 0);
  });
}

process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
