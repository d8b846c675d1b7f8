import path from 'node:path';
import { InputError } from '@portal/backend-common';
import { commitAndPush, type GitHost, type GitIntegration } from '@portal/git';
import { z } from 'zod';
import { createTemplateAction, type ActionContext } from '../types.js';
import { resolveSafeChildPath } from '../workspacePaths.js';
import { ownerOf, parseRepoUrl } from './repoUrl.js';

export interface PublishDeps {
  /** The portal's own git host, where `publish:git` creates repositories. */
  gitHost: Pick<GitHost, 'createRepository'>;
  /** The portal's own host name with port, such as `localhost:7007`. */
  localHost: string;
  /** Pushes to the portal's own host use the backend's service token. */
  serviceToken?: string;
  integrations: GitIntegration[];
}

export const commonPublishInput = {
  repoUrl: z.string().min(1).describe('host?owner=o&repo=r, as the RepoUrlPicker writes it'),
  description: z.string().optional(),
  defaultBranch: z
    .string()
    .regex(/^[\w.-]+(\/[\w.-]+)*$/)
    .default('main'),
  sourcePath: z.string().optional().describe('A folder of the workspace to publish instead of all of it'),
  gitCommitMessage: z.string().default('Initial commit'),
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
  token: z.string().optional().describe('A token for the remote, instead of the configured integration'),
};

export const publishOutput = z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() });

/** The signed-in person as commit author when the catalog knows them; a neutral name otherwise. */
export function authorOf(ctx: ActionContext<{ gitAuthorName?: string; gitAuthorEmail?: string }>) {
  const profile = (ctx.user?.entity?.spec?.profile ?? {}) as { displayName?: string; email?: string };
  return {
    name: ctx.input.gitAuthorName ?? profile.displayName ?? ctx.user?.entity?.metadata.name ?? 'Portal Scaffolder',
    email: ctx.input.gitAuthorEmail ?? profile.email ?? 'scaffolder@portal.invalid',
  };
}

export async function sourceDirOf(ctx: ActionContext<{ sourcePath?: string }>): Promise<string> {
  return ctx.input.sourcePath ? resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath) : path.resolve(ctx.workspacePath);
}

export function createPublishGitAction(deps: PublishDeps) {
  return createTemplateAction({
    id: 'publish:git',
    description:
      "Creates a repository on the portal's own git host and pushes the workspace to it, or pushes to an existing repository on a configured smart-HTTP host.",
    supportsDryRun: false,
    schema: { input: z.object(commonPublishInput), output: publishOutput },
    async handler(ctx) {
      const spec = parseRepoUrl(ctx.input.repoUrl);
      const owner = ownerOf(spec);
      let remoteUrl: string;
      let token = ctx.input.token;
      if (spec.host === deps.localHost.toLowerCase()) {
        const created = await deps.gitHost.createRepository({ owner, name: spec.repo, description: ctx.input.description });
        remoteUrl = created.cloneUrl;
        token ??= deps.serviceToken;
        ctx.logger.info(`Created ${owner}/${spec.repo} on the portal's git host`);
      } else {
        const integration = deps.integrations.find(i => i.host.toLowerCase() === spec.host);
        if (!integration) throw new InputError(`No integration is configured for ${spec.host}`);
        remoteUrl = `https://${spec.host}/${owner}/${spec.repo}.git`;
        token ??= integration.token;
      }
      const { commit } = await commitAndPush({
        dir: await sourceDirOf(ctx),
        remoteUrl,
        token,
        branch: ctx.input.defaultBranch,
        message: ctx.input.gitCommitMessage,
        author: authorOf(ctx),
      });
      ctx.logger.info(`Pushed ${commit} to ${remoteUrl} (${ctx.input.defaultBranch})`);
      ctx.output('remoteUrl', remoteUrl);
      // blob/<branch>, as Backstage's publishers give it: catalog:register appends a file path.
      ctx.output('repoContentsUrl', `${remoteUrl.replace(/\.git$/, '')}/blob/${ctx.input.defaultBranch}`);
      ctx.output('commitHash', commit);
    },
  });
}
