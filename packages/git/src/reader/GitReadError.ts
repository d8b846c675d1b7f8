import { PortalError } from '@portal/backend-common';

/**
 * The local cache could not answer a read: the commit is not in it, or an object on the way to
 * the path is missing, truncated, fails its checksum, or the disk refused (EACCES, EIO …).
 *
 * It is its own class, not NotFoundError, because callers act on "absent": the catalog deletes
 * the entities of a file that is gone. The reader throws NotFoundError only when it read the
 * commit's trees and the path is not in them; anything else that goes wrong while reading is
 * this error, with the original as `cause`. isomorphic-git's own missing-object error is also
 * named 'NotFoundError', so callers tell the two apart with `instanceof`, never by name.
 */
export class GitReadError extends PortalError {}

/** Wraps a failure of reading `what` from the cache, keeping a GitReadError as it is. */
export function gitReadError(error: unknown, what: string): GitReadError {
  if (error instanceof GitReadError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new GitReadError(`Could not read ${what} from the git cache: ${reason}`, { cause: error });
}
