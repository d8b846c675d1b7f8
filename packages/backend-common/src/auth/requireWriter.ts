import type { Request } from 'express';
import { NotAllowedError } from '../errors.js';
import { isReadOnly, type Credentials, type HttpAuth } from './httpAuth.js';

/**
 * The credentials of a request that means to change something: 401 without any, 403 for a
 * read-only token. Write routes call it first, before they look up what the request names, so
 * a caller who may not write learns nothing about what exists.
 */
export function requireWriter(httpAuth: HttpAuth, req: Request): Credentials {
  const credentials = httpAuth.requireCredentials(req);
  if (isReadOnly(credentials)) {
    const whose = credentials.type === 'service' ? credentials.subject : credentials.userEntityRef;
    throw new NotAllowedError(`The token of '${whose}' is read-only and may not change anything`);
  }
  return credentials;
}
