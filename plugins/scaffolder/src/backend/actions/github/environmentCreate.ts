import { z } from 'zod';
import { createTemplateAction } from '../types.js';
import { connectGithub, resolveGithubTarget, type GithubActionDeps } from './githubClient.js';
import { sealSecret } from './sealSecret.js';

export function createGithubEnvironmentCreateAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'github:environment:create',
    description: 'Creates a deployment environment of a GitHub repository, with its branch policies, variables and secrets.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=o&repo=r'),
        name: z.string().min(1).describe('The environment, such as production'),
        deploymentBranchPolicy: z
          .object({ protected_branches: z.boolean(), custom_branch_policies: z.boolean() })
          .optional()
          .describe('Which branches may deploy: protected ones, or those named in customBranchPolicyNames; any branch when absent'),
        customBranchPolicyNames: z.array(z.string().min(1)).default([]).describe('Branch name patterns, with custom_branch_policies'),
        customTagPolicyNames: z.array(z.string().min(1)).default([]).describe('Tag name patterns, with custom_branch_policies'),
        environmentVariables: z.record(z.string(), z.string()).optional(),
        secrets: z.record(z.string(), z.string()).optional().describe('Encrypted with the environment’s public key before they are sent'),
        waitTimer: z.number().int().min(0).max(43200).optional().describe('Minutes to wait before a deployment proceeds'),
        preventSelfReview: z.boolean().optional(),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const input = ctx.input;
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, input.repoUrl);
        ctx.logger.info(`Dry run: would create environment ${input.name} in ${target.owner}/${target.repo}`);
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: input.repoUrl, token: input.token, signal: ctx.signal, logger: ctx.logger });
      const where = { owner: gh.owner, repo: gh.repo, environment_name: input.name };
      await gh.octokit.rest.repos.createOrUpdateEnvironment({
        ...where,
        wait_timer: input.waitTimer,
        prevent_self_review: input.preventSelfReview,
        deployment_branch_policy: input.deploymentBranchPolicy ?? null,
      });
      if (input.deploymentBranchPolicy?.custom_branch_policies) {
        for (const name of input.customBranchPolicyNames) await gh.octokit.rest.repos.createDeploymentBranchPolicy({ ...where, name, type: 'branch' });
        for (const name of input.customTagPolicyNames) await gh.octokit.rest.repos.createDeploymentBranchPolicy({ ...where, name, type: 'tag' });
      }
      for (const [name, value] of Object.entries(input.environmentVariables ?? {})) {
        await gh.octokit.rest.actions.createEnvironmentVariable({ ...where, name, value });
      }
      const secrets = Object.entries(input.secrets ?? {});
      if (secrets.length > 0) {
        const { data: key } = await gh.octokit.rest.actions.getEnvironmentPublicKey(where);
        for (const [secret_name, value] of secrets) {
          await gh.octokit.rest.actions.createOrUpdateEnvironmentSecret({
            ...where,
            secret_name,
            key_id: key.key_id,
            encrypted_value: await sealSecret(key.key, value),
          });
        }
      }
      ctx.logger.info(`Created environment ${input.name} in ${gh.owner}/${gh.repo}`);
    },
  });
}
