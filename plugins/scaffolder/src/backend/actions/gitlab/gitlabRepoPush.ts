import { InputError } from '@portal/backend-common';
import { z } from 'zod';
import { authorOf } from '../builtin/publishGit.js';
import { createTemplateAction } from '../types.js';
import { callGitlab, type GitlabDeps } from './gitlabApi.js';
import { branchExists, branchName, commitActionInput, commitActionsOf, prepareCommitStep, projectOf } from './gitlabCommit.js';

export const repoPushInput = z.object({
  repoUrl: z.string().min(1).describe('host?owner=group&repo=project, as the RepoUrlPicker writes it'),
  branchName: branchName.describe('The branch to commit to; created from the default branch when missing'),
  commitMessage: z.string().min(1),
  sourcePath: z.string().optional().describe('A folder of the workspace whose files are pushed; all of it when absent'),
  targetPath: z.string().optional().describe('Where in the repository those files go; its root when absent'),
  commitAction: commitActionInput,
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
  token: z.string().optional().describe('A token for GitLab, instead of the configured integration'),
});

export const repoPushOutput = z.object({ projectid: z.number(), projectPath: z.string(), commitHash: z.string() });

export function createGitlabRepoPushAction(deps: GitlabDeps) {
  return createTemplateAction({
    id: 'gitlab:repo:push',
    description: 'Commits the workspace to a branch of an existing GitLab project, through GitLab’s Commits API.',
    supportsDryRun: true,
    schema: { input: repoPushInput, output: repoPushOutput },
    async handler(ctx) {
      const { input } = ctx;
      const { projectPath, gitlab, files } = await prepareCommitStep(deps, ctx);
      if (ctx.isDryRun) {
        ctx.output('projectid', 0);
        ctx.output('projectPath', projectPath);
        ctx.output('commitHash', '0'.repeat(40));
        return;
      }
      const project = await projectOf(gitlab, input.repoUrl);
      const existing = await branchExists(gitlab, project.id, input.branchName);
      // A new branch starts from the default branch; in an empty project it is the first commit.
      const startBranch = existing ? undefined : project.defaultBranch;
      const parent = existing ? input.branchName : startBranch;
      // With no parent at all, every file is looked up in vain and so created.
      const actions = await commitActionsOf(gitlab, project.id, parent ?? input.branchName, files, input.commitAction);
      if (actions.length === 0) throw new InputError(`Nothing to commit to ${input.branchName}: every file was skipped`);
      const author = authorOf(ctx);
      const commit = await callGitlab(gitlab, `Committing to the branch ${input.branchName} of ${project.path}`, () =>
        gitlab.api.Commits.create(project.id, input.branchName, input.commitMessage, actions, {
          ...(startBranch ? { startBranch } : {}),
          authorName: author.name,
          authorEmail: author.email,
        }),
      );
      ctx.logger.info(`Committed ${commit.id} to ${input.branchName} of ${project.path}`);
      ctx.output('projectid', project.id);
      ctx.output('projectPath', project.path);
      ctx.output('commitHash', String(commit.id));
    },
  });
}
