import type { Request, RequestHandler } from 'express';
import { isReadOnly, type HttpAuth } from '../auth/httpAuth.js';
import { AuthenticationError, NotAllowedError } from '../errors.js';

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

export interface BodyAfterCredentialsOptions {
  /** Requests that may send a body without credentials (signing in, reads open to everyone). */
  open?: (req: Request) => boolean;
  /** Requests that only read although they send a body; read-only tokens may send those. */
  reads?: (req: Request) => boolean;
}

/**
 * Refuses a request with a body that its caller could never get through, before anything reads
 * that body: no credentials (401), or a read-only token on a route that writes (403). So nobody
 * can make the server buffer and parse megabytes it would refuse anyway. Put it after
 * httpAuth.middleware and before any body parser; each router parses its own bodies, with its
 * own size limit.
 */
export function bodyAfterCredentials(httpAuth: HttpAuth, options: BodyAfterCredentialsOptions = {}): RequestHandler {
  return (req, _res, next) => {
    if (!hasBody(req) || options.open?.(req)) return next();
    const credentials = httpAuth.credentials(req);
    if (!credentials) throw new AuthenticationError('This request has a body but no credentials: sign in or send a bearer token');
    if (isReadOnly(credentials) && !options.reads?.(req)) {
      const whose = credentials.type === 'service' ? credentials.subject : credentials.userEntityRef;
      throw new NotAllowedError(`The token of '${whose}' is read-only and may not change anything`);
    }
    next();
  };
}
