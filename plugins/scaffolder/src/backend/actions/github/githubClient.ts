import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { InputError } from '@portal/backend-common';
import type { GithubIntegrationConfig } from '@portal/git';
import type { TaskLogger } from '../types.js';
import { ownerOf, parseRepoUrl } from '../builtin/repoUrl.js';
import { describeGithubFailure, GithubApiError } from './githubErrors.js';

export interface GithubActionDeps {
  /** `integrations.github[]` from config. */
  integrations: GithubIntegrationConfig[];
}

/** Where a step's repository lives and which configured integration answers for that host. */
export interface GithubTarget {
  host: string;
  owner: string;
  repo: string;
  apiBaseUrl: string;
  integration: GithubIntegrationConfig;
}

/** An authenticated client for one owner on one host; `token` also authenticates git over HTTP. */
export interface GithubConnection extends GithubTarget {
  octokit: Octokit;
  token: string;
}

/**
 * Reads a step's `repoUrl` and finds its integration, without touching the network, so that dry
 * runs catch a host with no configuration. github.com works unconfigured (with a step's token).
 */
export function resolveGithubTarget(deps: GithubActionDeps, repoUrl: string): GithubTarget {
  const spec = parseRepoUrl(repoUrl);
  const owner = ownerOf(spec);
  const configured = deps.integrations.find(entry => entry.host.toLowerCase() === spec.host);
  const integration = configured ?? (spec.host === 'github.com' ? { host: 'github.com' } : undefined);
  if (!integration) {
    throw new InputError(`No GitHub integration is configured for ${spec.host}: add it under integrations.github in app-config.yaml`);
  }
  let apiBaseUrl = integration.apiBaseUrl;
  if (!apiBaseUrl) {
    if (spec.host !== 'github.com') {
      throw new InputError(
        `The GitHub integration for ${spec.host} has no apiBaseUrl; GitHub Enterprise Server needs one, such as https://${spec.host}/api/v3`,
      );
    }
    apiBaseUrl = 'https://api.github.com';
  }
  return { host: spec.host, owner, repo: spec.repo, apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''), integration };
}

const quietLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** An Octokit whose every failure is reported with the host, the request, the status and any missing scope. */
export function createOctokit(options: { host: string; apiBaseUrl: string; auth?: string; signal?: AbortSignal; logger?: TaskLogger }): Octokit {
  const octokit = new Octokit({
    baseUrl: options.apiBaseUrl,
    auth: options.auth,
    userAgent: 'portal-scaffolder',
    log: { ...quietLog, warn: (message: string) => options.logger?.warn(message) },
    request: { signal: options.signal },
  });
  octokit.hook.error('request', error => {
    throw describeGithubFailure(error, options.host);
  });
  return octokit;
}

/**
 * A token for the owner: an installation token of the first configured GitHub App installed on that
 * owner's account, as Backstage's credentials provider picks it; `undefined` when no app is.
 */
async function appInstallationToken(target: GithubTarget, signal: AbortSignal | undefined): Promise<string | undefined> {
  for (const app of target.integration.apps ?? []) {
    if (app.allowedInstallationOwners && !app.allowedInstallationOwners.some(o => o.toLowerCase() === target.owner.toLowerCase())) continue;
    const appClient = new Octokit({
      baseUrl: target.apiBaseUrl,
      authStrategy: createAppAuth,
      auth: { appId: app.appId, privateKey: app.privateKey, clientId: app.clientId, clientSecret: app.clientSecret },
      userAgent: 'portal-scaffolder',
      log: quietLog,
      request: { signal },
    });
    appClient.hook.error('request', error => {
      throw describeGithubFailure(error, target.host);
    });
    const installations = await appClient.paginate(appClient.rest.apps.listInstallations, { per_page: 100 });
    const installation = installations.find(i => i.account && 'login' in i.account && i.account.login?.toLowerCase() === target.owner.toLowerCase());
    if (!installation) continue;
    if (installation.suspended_at) {
      throw new GithubApiError(`The GitHub App ${app.appId} is suspended on ${target.owner} at ${target.host}`, {});
    }
    const { token } = (await appClient.auth({ type: 'installation', installationId: installation.id })) as { token: string };
    return token;
  }
  return undefined;
}

/** Authenticates for the step: its own `token` input first, then a GitHub App installed for the owner, then the integration's token. */
export async function connectGithub(
  deps: GithubActionDeps,
  options: { repoUrl: string; token?: string; signal?: AbortSignal; logger?: TaskLogger },
): Promise<GithubConnection> {
  const target = resolveGithubTarget(deps, options.repoUrl);
  const token = options.token ?? (await appInstallationToken(target, options.signal)) ?? target.integration.token;
  if (!token) {
    throw new InputError(
      `No credentials for ${target.owner} on ${target.host}: configure a token or a GitHub App installed there under integrations.github, or pass the step a token`,
    );
  }
  return {
    ...target,
    token,
    octokit: createOctokit({ host: target.host, apiBaseUrl: target.apiBaseUrl, auth: token, signal: options.signal, logger: options.logger }),
  };
}

/** The address a browser shows for the repository, for dry-run outputs (no API call tells it there). */
export function webUrlOf(target: Pick<GithubTarget, 'host' | 'owner' | 'repo'>): string {
  return `https://${target.host}/${target.owner}/${target.repo}`;
}
