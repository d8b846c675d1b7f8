// Typed errors. Business code throws these; one middleware (http/errorHandler.ts) maps them to
// status codes, so nothing else writes a status code by hand.

export class PortalError extends Error {
  readonly statusCode: number = 500;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem of a request: where in the input it is, and what is wrong there. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The request is malformed: a bad parameter, body or value. `fields`, when given, names each
 * problem on its own; the error body carries them as `error.fields`.
 */
export class InputError extends PortalError {
  override readonly statusCode = 400;
  readonly fields?: FieldProblem[];
  constructor(message: string, options?: { cause?: unknown; fields?: FieldProblem[] }) {
    super(message, options);
    if (options?.fields) this.fields = options.fields;
  }
}

/** No credentials, or credentials that are not valid. */
export class AuthenticationError extends PortalError {
  override readonly statusCode = 401;
}

/** Valid credentials that may not do this. */
export class NotAllowedError extends PortalError {
  override readonly statusCode = 403;
}

export class NotFoundError extends PortalError {
  override readonly statusCode = 404;
}

/** The request conflicts with the current state, such as a duplicate. */
export class ConflictError extends PortalError {
  override readonly statusCode = 409;
}

/** The service cannot answer right now (shutting down, database unreachable). */
export class ServiceUnavailableError extends PortalError {
  override readonly statusCode = 503;
}

export function isPortalError(error: unknown): error is PortalError {
  return error instanceof PortalError;
}
