import fs from 'node:fs';
import { commitAndPush } from '@portal/git';
import { z } from 'zod';
import { authorOf, publishOutput, sourceDirOf } from '../builtin/publishGit.js';
import { createTemplateAction, type ActionContext } from '../types.js';
import { connectGithub, resolveGithubTarget, webUrlOf, type GithubActionDeps, type GithubConnection } from './githubClient.js';
import { applyRepositoryExtras, createRepository, grantAccess, protectBranch, protectionInput, repositoryInput } from './repositorySettings.js';

const pushInput = {
  sourcePath: z.string().optional().describe('A folder of the workspace to publish instead of all of it'),
  gitCommitMessage: z.string().default('Initial commit'),
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
};

/** What a dry run outputs: the addresses the repository would have, and no commit. */
const DRY_RUN_COMMIT = '0000000000000000000000000000000000000000';

async function countFiles(dir: string): Promise<number> {
  const entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter(entry => entry.isFile() && !entry.parentPath.split(/[\\/]/).includes('.git')).length;
}

async function pushWorkspace(
  gh: GithubConnection,
  ctx: ActionContext<z.output<z.ZodObject<typeof pushInput>> & { defaultBranch: string }>,
  cloneUrl: string,
): Promise<string> {
  const { commit } = await commitAndPush({
    dir: await sourceDirOf(ctx),
    remoteUrl: cloneUrl,
    token: gh.token,
    username: 'x-access-token',
    branch: ctx.input.defaultBranch,
    message: ctx.input.gitCommitMessage,
    author: authorOf(ctx),
  });
  ctx.logger.info(`Pushed ${commit} to ${cloneUrl} (${ctx.input.defaultBranch})`);
  return commit;
}

export function createPublishGithubAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'publish:github',
    description:
      'Creates a GitHub repository with its settings, pushes the workspace to it, protects its default branch and adds collaborators, topics, variables and secrets.',
    supportsDryRun: true,
    schema: { input: z.object({ ...repositoryInput, ...protectionInput, ...pushInput }), output: publishOutput },
    async handler(ctx) {
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, ctx.input.repoUrl);
        const files = await countFiles(await sourceDirOf(ctx));
        ctx.logger.info(`Dry run: would create ${target.owner}/${target.repo} on ${target.host} and push ${files} file(s) to ${ctx.input.defaultBranch}`);
        ctx.output('remoteUrl', `${webUrlOf(target)}.git`);
        ctx.output('repoContentsUrl', `${webUrlOf(target)}/blob/${ctx.input.defaultBranch}`);
        ctx.output('commitHash', DRY_RUN_COMMIT);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: ctx.input.repoUrl, token: ctx.input.token, signal: ctx.signal, logger: ctx.logger });
      const created = await createRepository(gh, ctx.input, ctx.logger);
      const commit = await pushWorkspace(gh, ctx, created.cloneUrl);
      await protectBranch(gh, ctx.input, ctx.logger);
      await grantAccess(gh, ctx.input, ctx.logger);
      await applyRepositoryExtras(gh, ctx.input, ctx.logger);
      ctx.output('remoteUrl', created.cloneUrl);
      ctx.output('repoContentsUrl', `${created.htmlUrl}/blob/${ctx.input.defaultBranch}`);
      ctx.output('commitHash', commit);
    },
  });
}

export function createGithubRepoCreateAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:repo:create',
    description: 'Creates an empty GitHub repository with its settings, collaborators, topics, variables and secrets.',
    supportsDryRun: true,
    schema: {
      input: z.object(repositoryInput),
      output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string().optional() }),
    },
    async handler(ctx) {
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, ctx.input.repoUrl);
        ctx.logger.info(`Dry run: would create ${target.owner}/${target.repo} on ${target.host}`);
        ctx.output('remoteUrl', `${webUrlOf(target)}.git`);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: ctx.input.repoUrl, token: ctx.input.token, signal: ctx.signal, logger: ctx.logger });
      const created = await createRepository(gh, ctx.input, ctx.logger);
      await grantAccess(gh, ctx.input, ctx.logger);
      await applyRepositoryExtras(gh, ctx.input, ctx.logger);
      ctx.output('remoteUrl', created.cloneUrl);
    },
  });
}

export function createGithubRepoPushAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:repo:push',
    description: 'Pushes the workspace to an existing GitHub repository and protects the branch.',
    supportsDryRun: true,
    schema: {
      input: z.object({ repoUrl: repositoryInput.repoUrl, token: repositoryInput.token, ...protectionInput, ...pushInput }),
      output: publishOutput,
    },
    async handler(ctx) {
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, ctx.input.repoUrl);
        const files = await countFiles(await sourceDirOf(ctx));
        ctx.logger.info(`Dry run: would push ${files} file(s) to ${target.owner}/${target.repo} on ${target.host} (${ctx.input.defaultBranch})`);
        ctx.output('remoteUrl', `${webUrlOf(target)}.git`);
        ctx.output('repoContentsUrl', `${webUrlOf(target)}/blob/${ctx.input.defaultBranch}`);
        ctx.output('commitHash', DRY_RUN_COMMIT);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: ctx.input.repoUrl, token: ctx.input.token, signal: ctx.signal, logger: ctx.logger });
      const { data: repository } = await gh.octokit.rest.repos.get({ owner: gh.owner, repo: gh.repo });
      const commit = await pushWorkspace(gh, ctx, repository.clone_url);
      await protectBranch(gh, ctx.input, ctx.logger);
      ctx.output('remoteUrl', repository.clone_url);
      ctx.output('repoContentsUrl', `${repository.html_url}/blob/${ctx.input.defaultBranch}`);
      ctx.output('commitHash', commit);
    },
  });
}
