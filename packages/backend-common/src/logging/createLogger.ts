import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** Holds the request id while a request is handled, so every log line written for it carries it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export interface LoggerOptions {
  /** JSON lines when true, readable lines otherwise. Defaults to NODE_ENV === 'production'. */
  json?: boolean;
  level?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const json = options.json ?? process.env.NODE_ENV === 'production';
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const base = {
    level,
    base: { service: 'portal' },
    mixin() {
      const context = requestContext.getStore();
      return context ? { reqId: context.requestId } : {};
    },
  };
  if (json) return pino(base);
  return pino(base, pretty({ sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname,service' }));
}
