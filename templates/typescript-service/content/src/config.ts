export interface Config {
  port: number;
  /** How long to wait for in-flight requests on shutdown before closing connections. */
  shutdownTimeoutMs: number;
}

/** Reads configuration from the environment once, at start-up, and fails fast when it is wrong. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? ${{ values.port }});
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const shutdownTimeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  if (!Number.isFinite(shutdownTimeoutMs) || shutdownTimeoutMs < 0) {
    throw new Error(`SHUTDOWN_TIMEOUT_MS must be a number of milliseconds, got "${env.SHUTDOWN_TIMEOUT_MS}"`);
  }
  return { port, shutdownTimeoutMs };
}
