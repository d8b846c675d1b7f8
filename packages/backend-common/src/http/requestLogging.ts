import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestContext } from '../logging/createLogger.js';

const REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * Gives each request an id (the caller's `x-request-id` when it is sane), returns it in the
 * response header, runs the rest of the request inside a context so every log line written for
 * it carries the id, and logs one line when the response is finished.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      requestContext.run({ requestId }, () => {
        const level = res.statusCode >= 500 ? 'error' : 'info';
        logger[level](
          { method: req.method, url: req.originalUrl, statusCode: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 },
          'request completed',
        );
      });
    });
    requestContext.run({ requestId }, () => next());
  };
}
