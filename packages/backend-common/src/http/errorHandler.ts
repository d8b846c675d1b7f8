import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { InputError, NotFoundError, isPortalError, type FieldProblem } from '../errors.js';

export interface ErrorResponseBody {
  /** `fields`: each problem of a malformed request on its own, when the error names them. */
  error: { name: string; message: string; fields?: FieldProblem[] };
  request: { method: string; url: string };
  response: { statusCode: number };
}

/** Answers routes that no router claimed with the standard error shape. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.originalUrl}`));
};

/**
 * The one place errors become responses. Typed errors keep their status and message; anything
 * else is a 500 whose details stay in the log, never in the response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let statusCode = 500;
    let name = 'Error';
    let message = 'Internal server error';
    let fields: FieldProblem[] | undefined;
    if (isPortalError(error)) {
      statusCode = error.statusCode;
      name = error.name;
      message = error.message;
      if (error instanceof InputError && error.fields?.length) fields = error.fields;
    } else if (isHttpError(error)) {
      // Errors raised by Express's own body parser: malformed JSON, a body too large.
      statusCode = error.status;
      name = HTTP_ERROR_NAMES[statusCode] ?? 'InputError';
      message = error.expose ? error.message : 'The request could not be read';
    }
    if (statusCode >= 500) logger.error({ err: error }, `Request failed: ${req.method} ${req.originalUrl}`);
    const body: ErrorResponseBody = {
      error: { name, message, ...(fields ? { fields } : {}) },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode },
    };
    res.status(statusCode).json(body);
  };
}

const HTTP_ERROR_NAMES: Record<number, string> = { 404: 'NotFoundError', 413: 'PayloadTooLargeError' };

function isHttpError(error: unknown): error is { status: number; expose: boolean; message: string } {
  const e = error as { status?: unknown; expose?: unknown };
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && typeof e.expose === 'boolean';
}
