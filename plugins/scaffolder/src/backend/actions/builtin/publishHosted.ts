import { InputError } from '@portal/backend-common';
import { commitAndPush, type GitIntegration } from '@portal/git';
import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { authorOf, commonPublishInput, publishOutput, sourceDirOf } from './publishGit.js';
import { ownerOf, parseRepoUrl } from './repoUrl.js';

export interface HostedPublishDeps {
  integrations: GitIntegration[];
  /** REST API base URLs by host, from `integrations.<type>[].apiBaseUrl`. */
  apiBaseUrls: Record<string, string>;
}

function integrationFor(deps: HostedPublishDeps, type: 'github' | 'gitlab', host: string, token: string | undefined) {
  const integration = deps.integrations.find(i => i.type === type && i.host.toLowerCase() === host);
  const secret = token ?? integration?.token;
  if (!integration && !token) throw new InputError(`No ${type} integration is configured for ${host}`);
  if (!secret) throw new InputError(`The ${type} integration for ${host} has no token`);
  const fallback = type === 'github' ? (host === 'github.com' ? 'https://api.github.com' : `https://${host}/api/v3`) : `https://${host}/api/v4`;
  return { token: secret, apiBaseUrl: (deps.apiBaseUrls[host] ?? fallback).replace(/\/+$/, '') };
}

async function callApi<T>(url: string, init: RequestInit, what: string): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers } });
  const text = await response.text();
  if (!response.ok) {
    // The API's own message helps (name taken, no permission); the token never appears in it.
    let detail = text.slice(0, 300);
    try {
      detail = (JSON.parse(text) as { message?: string }).message ?? detail;
    } catch {
      // not JSON: keep the text
    }
    throw new InputError(`${what} failed with HTTP ${response.status}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`);
  }
  return JSON.parse(text) as T;
}

const hostedInput = {
  ...commonPublishInput,
  repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
};

export function createPublishGitlabAction(deps: HostedPublishDeps) {
  return createTemplateAction({
    id: 'publish:gitlab',
    description: 'Creates a GitLab project through its REST API and pushes the workspace to it.',
    supportsDryRun: false,
    schema: { input: z.object(hostedInput), output: publishOutput },
    async handler(ctx) {
      const spec = parseRepoUrl(ctx.input.repoUrl);
      const owner = ownerOf(spec);
      const { token, apiBaseUrl } = integrationFor(deps, 'gitlab', spec.host, ctx.input.token);
      const headers = { 'private-token': token };
      const namespace = await callApi<{ id: number }>(`${apiBaseUrl}/namespaces/${encodeURIComponent(owner)}`, { headers }, `Looking up ${owner}`);
      const project = await callApi<{ http_url_to_repo: string; web_url: string }>(
        `${apiBaseUrl}/projects`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: spec.repo,
            path: spec.repo,
            namespace_id: namespace.id,
            description: ctx.input.description,
            visibility: ctx.input.repoVisibility,
          }),
        },
        `Creating ${owner}/${spec.repo} on ${spec.host}`,
      );
      ctx.logger.info(`Created ${project.web_url}`);
      const { commit } = await commitAndPush({
        dir: await sourceDirOf(ctx),
        remoteUrl: project.http_url_to_repo,
        token,
        username: 'oauth2',
        branch: ctx.input.defaultBranch,
        message: ctx.input.gitCommitMessage,
        author: authorOf(ctx),
      });
      ctx.output('remoteUrl', project.http_url_to_repo);
      ctx.output('repoContentsUrl', `${project.web_url}/-/blob/${ctx.input.defaultBranch}`);
      ctx.output('commitHash', commit);
    },
  });
}
