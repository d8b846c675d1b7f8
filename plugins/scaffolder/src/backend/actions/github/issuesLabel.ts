import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { connectGithub, resolveGithubTarget, type GithubActionDeps } from './githubClient.js';

export function createGithubIssuesLabelAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:issues:label',
    description: 'Adds labels to an issue or a pull request.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=o&repo=r'),
        number: z.number().int().positive().describe('The issue or pull request number'),
        labels: z.array(z.string().min(1)).min(1),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const { repoUrl, number, labels, token } = ctx.input;
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, repoUrl);
        ctx.logger.info(`Dry run: would label #${number} of ${target.owner}/${target.repo} with ${labels.join(', ')}`);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl, token, signal: ctx.signal, logger: ctx.logger });
      await gh.octokit.rest.issues.addLabels({ owner: gh.owner, repo: gh.repo, issue_number: number, labels });
      ctx.logger.info(`Labelled #${number} with ${labels.join(', ')}`);
    },
  });
}
