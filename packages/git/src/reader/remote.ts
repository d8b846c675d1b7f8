import { NotFoundError, PortalError, isPortalError } from '@portal/backend-common';
import git, { type HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';

/** The remote git host failed or refused the portal's request (a bad token, an outage). */
export class GitRemoteError extends PortalError {
  override readonly statusCode = 502;
}

/**
 * isomorphic-git's Node client with redirects turned off: a configured host could otherwise send
 * the server on to any address. Idle sockets time out so a stalled host cannot hang a refresh.
 */
export const httpClient: HttpClient = {
  request: request => nodeHttp.request({ ...request, fetchOptions: { ...request.fetchOptions, followRedirects: false, timeout: 60_000 } }),
};

export interface RemoteTarget {
  url: string;
  headers: Record<string, string>;
  /**
   * 2 lets ls-refs ask for one ref, which matters on hosts with thousands of refs (GitHub's pull
   * request refs); 1 answers in one exchange instead of two, which is faster where refs are few.
   */
  protocolVersion: 1 | 2;
}

/** Turns isomorphic-git's errors into the portal's typed errors; the URL never carries credentials. */
export function remoteError(error: unknown, repoUrl: string): Error {
  if (isPortalError(error)) return error;
  const e = error as { code?: string; data?: { statusCode?: number; statusMessage?: string }; message?: string };
  if (e?.code === 'HttpError' && e.data?.statusCode) {
    const status = e.data.statusCode;
    if (status === 404) return new NotFoundError(`No repository at ${repoUrl}`);
    if (status === 401 || status === 403) {
      return new GitRemoteError(`The git host refused the portal's credentials for ${repoUrl} (HTTP ${status})`);
    }
    return new GitRemoteError(`The git host answered HTTP ${status} for ${repoUrl}`);
  }
  const message = e?.message ?? String(error);
  return new GitRemoteError(`Could not read ${repoUrl}: ${message}`, { cause: error });
}

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/** True for failures of the remote or the network, as opposed to problems with the local cache. */
export function isRemoteFailure(error: unknown): boolean {
  if (isPortalError(error)) return true;
  const e = error as { code?: string; message?: string };
  if (e?.code && ['HttpError', 'SmartHttpError', 'UnknownTransportError', 'RemoteCapabilityError', 'UrlParseError'].includes(e.code)) return true;
  if (e?.code && networkCodes.has(e.code)) return true;
  return e?.message === 'Request timed out' || e?.message === 'too many redirects';
}

const isCommitId = (ref: string) => /^[0-9a-f]{40}$/.test(ref);

/**
 * Asks the remote which commit a ref points at, with protocol v2's ls-refs filtered to that ref:
 * one small exchange, no objects. Returns the full ref name too, for the fetch that may follow.
 */
export async function lsRemote(target: RemoteTarget, repoUrl: string, ref?: string): Promise<{ commit: string; fullRef: string }> {
  if (ref && isCommitId(ref)) return { commit: ref, fullRef: ref };
  const list = (prefix: string) =>
    git.listServerRefs({
      http: httpClient,
      url: target.url,
      headers: { ...target.headers },
      prefix,
      symrefs: true,
      peelTags: true,
      protocolVersion: target.protocolVersion,
    });
  try {
    if (!ref || ref === 'HEAD') {
      const head = (await list('HEAD')).find(entry => entry.ref === 'HEAD');
      if (!head) throw new NotFoundError(`The repository ${repoUrl} has no commits yet`);
      return { commit: head.oid, fullRef: head.target ?? 'HEAD' };
    }
    const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
    for (const candidate of candidates) {
      const found = (await list(candidate)).find(entry => entry.ref === candidate);
      if (found) return { commit: found.peeled ?? found.oid, fullRef: candidate };
    }
    throw new NotFoundError(`The repository ${repoUrl} has no branch or tag named ${ref}`);
  } catch (error) {
    throw remoteError(error, repoUrl);
  }
}
