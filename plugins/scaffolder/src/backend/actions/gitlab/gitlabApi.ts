import { InputError } from '@portal/backend-common';
import type { GitIntegration } from '@portal/git';
import { Gitlab } from '@gitbeaker/rest';

export interface GitlabDeps {
  integrations: GitIntegration[];
  /** `integrations.gitlab[].apiBaseUrl` by host; `https://<host>/api/v4` when absent. */
  apiBaseUrls: Record<string, string>;
}

export interface GitlabConnection {
  api: InstanceType<typeof Gitlab>;
  host: string;
  apiBaseUrl: string;
  token: string;
}

/** The GitLab API of a host, with the step's token or the configured integration's. */
export function connectGitlab(deps: GitlabDeps, host: string, token: string | undefined): GitlabConnection {
  const integration = deps.integrations.find(i => i.type === 'gitlab' && i.host.toLowerCase() === host.toLowerCase());
  if (!integration && !token) throw new InputError(`No GitLab integration is configured for ${host}: add one under integrations.gitlab, or pass token`);
  const secret = token ?? integration?.token;
  if (!secret) throw new InputError(`The GitLab integration for ${host} has no token`);
  const apiBaseUrl = (deps.apiBaseUrls[host.toLowerCase()] ?? `https://${host}/api/v4`).replace(/\/+$/, '');
  // gitbeaker adds /api/v4 itself.
  if (!apiBaseUrl.endsWith('/api/v4')) throw new InputError(`The apiBaseUrl of the GitLab integration for ${host} must end with /api/v4`);
  return { api: new Gitlab({ host: apiBaseUrl.slice(0, -'/api/v4'.length), token: secret }), host, apiBaseUrl, token: secret };
}

/** The token scope a refused call most likely lacked: pushes need write_repository, the rest api. */
function scopeHint(what: string): string {
  return ` The token needs the "${/push/i.test(what) ? 'write_repository' : 'api'}" scope, and a role that allows this.`;
}

/** GitLab's message: a text, or field → messages (`{"path":["has already been taken"]}`). */
function messageOf(description: string | undefined): string {
  if (!description) return 'no message';
  try {
    const parsed = JSON.parse(description) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.entries(parsed)
        .map(([field, messages]) => `${field} ${Array.isArray(messages) ? messages.join(', ') : String(messages)}`)
        .join('; ');
    }
  } catch {
    // plain text
  }
  // An HTML error page or a long text says little past its start.
  return description.length > 300 ? `${description.slice(0, 300)}…` : description;
}

/**
 * Runs one GitLab call and turns its failure into a message a template author can act on: which
 * host and URL, GitLab's HTTP status and message, or why the host could not be reached.
 */
export async function callGitlab<T>(connection: GitlabConnection, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const cause = (error as { cause?: { description?: string; request?: Request; response?: Response } }).cause;
    if (cause?.response) {
      const status = cause.response.status;
      const hint = status === 401 || status === 403 ? scopeHint(what) : '';
      const request = `${cause.request?.method ?? 'the request'} ${cause.request?.url ?? connection.apiBaseUrl}`;
      throw new InputError(`${what} failed: GitLab at ${connection.host} answered HTTP ${status} to ${request}: ${messageOf(cause.description)}.${hint}`);
    }
    const reason = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new InputError(
      `${what} failed: GitLab at ${connection.host} (${connection.apiBaseUrl}) could not be reached: ${reason?.code ?? reason?.message ?? (error as Error).message}`,
    );
  }
}
