import { InputError } from '@portal/backend-common';
import picomatch from 'picomatch';
import type { GitIntegration } from '../config.js';

/** Who a URL belongs to: a configured integration, or an allowed host read without credentials. */
export type ResolvedHost = { url: URL; integration: GitIntegration };

/**
 * Decides which hosts the portal may send requests to. Only configured integrations and the
 * hosts in `backend.reading.allow` qualify, so a location URL cannot make the server fetch from
 * an arbitrary address.
 */
export class HostPolicy {
  private readonly byHost = new Map<string, GitIntegration>();
  private readonly allowed: Array<(host: string) => boolean>;

  constructor(integrations: GitIntegration[], allowedHosts: string[] = []) {
    for (const integration of integrations) {
      const host = integration.host.toLowerCase();
      // The first entry for a host wins, so the portal's own host cannot be shadowed by config.
      if (!this.byHost.has(host)) this.byHost.set(host, integration);
    }
    this.allowed = allowedHosts.map(pattern => picomatch(pattern.toLowerCase(), { nocase: true, dot: true }));
  }

  /** Parses a URL and finds its integration; throws InputError for other schemes and refused hosts. */
  resolve(rawUrl: string): ResolvedHost {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new InputError(`Not a URL: ${rawUrl}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InputError(`Only http and https git URLs can be read, not ${url.protocol}`);
    }
    if (url.username || url.password) {
      throw new InputError('Git URLs may not carry credentials; configure a token under integrations instead');
    }
    const host = url.host.toLowerCase();
    const integration = this.byHost.get(host);
    if (integration) return { url, integration };
    if (this.allowed.some(matches => matches(host))) return { url, integration: { type: 'git', host } };
    throw new InputError(`Reading from ${host} is not allowed: add it under integrations or backend.reading.allow`);
  }

  /** The Authorization header for a host, if it has a token. */
  authorizationFor(integration: GitIntegration): Record<string, string> {
    if (!integration.token) return {};
    return { authorization: `Basic ${Buffer.from(`${usernameFor(integration)}:${integration.token}`).toString('base64')}` };
  }
}

/** GitHub app tokens need this user name and GitLab OAuth tokens need 'oauth2'; the others accept any. */
export function usernameFor(integration: GitIntegration): string {
  return integration.type === 'github' ? 'x-access-token' : integration.type === 'gitlab' ? 'oauth2' : 'portal';
}
