import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { connectGithub, resolveGithubTarget, type GithubActionDeps } from './githubClient.js';

export function createGithubPagesEnableAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:pages:enable',
    description: 'Turns on GitHub Pages for a repository, built by a workflow or from a branch.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=o&repo=r'),
        buildType: z
          .enum(['legacy', 'workflow'])
          .default('workflow')
          .describe('workflow: a GitHub Actions workflow builds the site; legacy: GitHub builds a branch'),
        sourceBranch: z.string().min(1).default('main'),
        sourcePath: z.enum(['/', '/docs']).default('/'),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const input = ctx.input;
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, input.repoUrl);
        ctx.logger.info(`Dry run: would turn on GitHub Pages (${input.buildType}) for ${target.owner}/${target.repo}`);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: input.repoUrl, token: input.token, signal: ctx.signal, logger: ctx.logger });
      const { data: page } = await gh.octokit.rest.repos.createPagesSite({
        owner: gh.owner,
        repo: gh.repo,
        build_type: input.buildType,
        source: { branch: input.sourceBranch, path: input.sourcePath },
      });
      ctx.logger.info(`GitHub Pages is on for ${gh.owner}/${gh.repo}${page.html_url ? `: ${page.html_url}` : ''}`);
    },
  });
}
