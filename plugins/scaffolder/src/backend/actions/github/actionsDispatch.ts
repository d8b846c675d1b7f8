import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { connectGithub, resolveGithubTarget, type GithubActionDeps } from './githubClient.js';

export function createGithubActionsDispatchAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:actions:dispatch',
    description: 'Starts a GitHub Actions workflow that has a workflow_dispatch trigger.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=o&repo=r'),
        workflowId: z.union([z.string().min(1), z.number().int()]).describe('The workflow file name (deploy.yaml) or its id'),
        branchOrTagName: z.string().min(1).describe('The branch or tag the workflow runs on'),
        workflowInputs: z.record(z.string(), z.string()).optional().describe("Values of the workflow's inputs"),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const { repoUrl, workflowId, branchOrTagName, workflowInputs, token } = ctx.input;
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, repoUrl);
        ctx.logger.info(`Dry run: would start workflow ${workflowId} of ${target.owner}/${target.repo} on ${branchOrTagName}`);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl, token, signal: ctx.signal, logger: ctx.logger });
      await gh.octokit.rest.actions.createWorkflowDispatch({
        owner: gh.owner,
        repo: gh.repo,
        workflow_id: workflowId,
        ref: branchOrTagName,
        inputs: workflowInputs,
      });
      ctx.logger.info(`Started workflow ${workflowId} of ${gh.owner}/${gh.repo} on ${branchOrTagName}`);
    },
  });
}
