import { PortalError } from '@portal/backend-common';

/** GitHub failed, refused or could not be reached; the message names the host, the request and why. */
export class GithubApiError extends PortalError {
  override readonly statusCode = 502;
  /** GitHub's HTTP status; absent when no answer came back. */
  readonly status?: number;
  constructor(message: string, options: { status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

interface OctokitFailure {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { status: number; url?: string; headers?: Record<string, string | number | undefined>; data?: unknown };
  cause?: unknown;
}

function scopeList(value: string | number | undefined): string[] {
  return String(value ?? '')
    .split(',')
    .map(scope => scope.trim())
    .filter(Boolean);
}

/**
 * What GitHub's answer says about missing token scopes. GitHub names the scopes an endpoint accepts
 * (`x-accepted-oauth-scopes`) and those the token has (`x-oauth-scopes`) on every answer to a
 * classic token; it hides what a token may not see behind 404 as often as 403.
 */
function missingScopeHint(headers: Record<string, string | number | undefined>): string | undefined {
  const accepted = scopeList(headers['x-accepted-oauth-scopes']);
  if (accepted.length === 0 || headers['x-oauth-scopes'] === undefined) return undefined;
  const granted = scopeList(headers['x-oauth-scopes']);
  if (accepted.some(scope => granted.includes(scope))) return undefined;
  const has = granted.length > 0 ? `it has ${granted.join(', ')}` : 'it has none';
  return `the token needs the ${accepted.map(scope => `"${scope}"`).join(' or ')} scope (${has})`;
}

function messageOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data.slice(0, 300) || undefined;
  if (!data || typeof data !== 'object') return undefined;
  const body = data as { message?: unknown; errors?: unknown };
  const parts = typeof body.message === 'string' ? [body.message] : [];
  // Validation failures (422) explain themselves in `errors`, one object or string per problem.
  if (Array.isArray(body.errors)) {
    for (const item of body.errors.slice(0, 5)) {
      if (typeof item === 'string') parts.push(item);
      else if (item && typeof item === 'object') {
        const e = item as { message?: string; field?: string; code?: string; resource?: string };
        parts.push(e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(' '));
      }
    }
  }
  return parts.filter(Boolean).join('; ') || undefined;
}

/** The URL without its query string: GitHub never needs a token there, but other parameters add noise. */
function urlOf(failure: OctokitFailure): string {
  const url = failure.response?.url ?? failure.request?.url ?? '(unknown URL)';
  return url.split('?')[0]!;
}

/**
 * Turns Octokit's failure into a message a template author can act on: which host, which request,
 * what GitHub answered (status and message), and which token scope is missing when that is why.
 */
export function describeGithubFailure(error: unknown, host: string): GithubApiError {
  if (error instanceof GithubApiError) return error;
  const failure = (error ?? {}) as OctokitFailure;
  const method = failure.request?.method ?? 'GET';
  const url = urlOf(failure);
  if (!failure.response) {
    // No answer at all: Octokit reports the network failure's own message (ECONNREFUSED, ENOTFOUND…).
    const reason = failure.message || String(error);
    return new GithubApiError(`Could not reach GitHub at ${host}: ${method} ${url} failed: ${reason}`, { cause: error });
  }
  const status = failure.response.status;
  const detail = messageOf(failure.response.data);
  const hint = status === 403 || status === 404 ? missingScopeHint(failure.response.headers ?? {}) : undefined;
  const parts = [`GitHub at ${host} answered ${method} ${url} with HTTP ${status}${detail ? `: ${detail}` : ''}`];
  if (hint) parts.push(hint);
  return new GithubApiError(parts.join('; '), { status, cause: error });
}
