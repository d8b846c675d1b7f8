import { InputError } from '@portal/backend-common';
import { z } from 'zod';
import { authorOf } from '../builtin/publishGit.js';
import { createTemplateAction, type ActionContext } from '../types.js';
import { callGitlab, type GitlabConnection, type GitlabDeps } from './gitlabApi.js';
import { branchExists, branchName, commitActionInput, commitActionsOf, prepareCommitStep, projectOf } from './gitlabCommit.js';

export const mergeRequestInput = z.object({
  repoUrl: z.string().min(1).describe('host?owner=group&repo=project, as the RepoUrlPicker writes it'),
  title: z.string().min(1).describe('The merge request’s title, and the commit message unless commitMessage is given'),
  description: z.string().default(''),
  branchName: branchName.describe('The branch the change is committed to; created from targetBranchName when missing'),
  targetBranchName: branchName.optional().describe('The branch to merge into; the project’s default branch when absent'),
  sourcePath: z.string().optional().describe('A folder of the workspace whose files make the change; all of it when absent'),
  targetPath: z.string().optional().describe('Where in the repository those files go; its root when absent'),
  commitAction: commitActionInput,
  commitMessage: z.string().optional(),
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
  removeSourceBranch: z.boolean().default(false).describe('Delete the branch once the merge request is merged'),
  assignee: z.string().optional().describe('The username of the person the merge request is assigned to'),
  reviewers: z.array(z.string()).default([]).describe('Usernames of the reviewers'),
  labels: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe('Labels, as a list or comma-separated'),
  draft: z.boolean().default(false).describe('Open it as a draft'),
  token: z.string().optional().describe('A token for GitLab, instead of the configured integration'),
});

export const mergeRequestOutput = z.object({
  projectid: z.number(),
  projectPath: z.string(),
  targetBranchName: z.string(),
  mergeRequestUrl: z.string(),
});

/** GitLab user ids of usernames; a name GitLab does not know is left out with a warning, not a failure. */
async function userIdsOf(gitlab: GitlabConnection, usernames: string[], ctx: ActionContext<unknown>): Promise<number[]> {
  const ids: number[] = [];
  for (const username of usernames) {
    const found = await callGitlab(gitlab, `Looking up the user ${username}`, () => gitlab.api.Users.all({ username }));
    const user = found.find(u => String(u.username).toLowerCase() === username.toLowerCase());
    if (user) ids.push(user.id);
    else ctx.logger.warn(`GitLab at ${gitlab.host} has no user ${username}: the merge request goes ahead without them`);
  }
  return ids;
}

export function createPublishGitlabMergeRequestAction(deps: GitlabDeps) {
  return createTemplateAction({
    id: 'publish:gitlab:merge-request',
    description: 'Commits the workspace to a branch of an existing GitLab project and opens a merge request for it.',
    supportsDryRun: true,
    schema: { input: mergeRequestInput, output: mergeRequestOutput },
    async handler(ctx) {
      const { input } = ctx;
      const { host, projectPath, gitlab, files } = await prepareCommitStep(deps, ctx);
      if (ctx.isDryRun) {
        ctx.output('projectid', 0);
        ctx.output('projectPath', projectPath);
        ctx.output('targetBranchName', input.targetBranchName ?? 'main');
        ctx.output('mergeRequestUrl', `https://${host}/${projectPath}/-/merge_requests/0`);
        return;
      }
      const project = await projectOf(gitlab, input.repoUrl);
      const target = input.targetBranchName ?? project.defaultBranch;
      if (!target) throw new InputError(`${project.path} on ${host} has no default branch yet: set targetBranchName`);
      // A branch that already exists gets the commit on top; a new one starts from the target.
      const existing = await branchExists(gitlab, project.id, input.branchName);
      const parent = existing ? input.branchName : target;
      const actions = await commitActionsOf(gitlab, project.id, parent, files, input.commitAction);
      if (actions.length === 0) throw new InputError(`Nothing to commit to ${input.branchName}: every file was skipped`);
      const author = authorOf(ctx);
      const commit = await callGitlab(gitlab, `Committing to the branch ${input.branchName} of ${project.path}`, () =>
        gitlab.api.Commits.create(project.id, input.branchName, input.commitMessage ?? input.title, actions, {
          ...(existing ? {} : { startBranch: target }),
          authorName: author.name,
          authorEmail: author.email,
        }),
      );
      ctx.logger.info(`Committed ${commit.id} to ${input.branchName}`);
      const assigneeIds = input.assignee ? await userIdsOf(gitlab, [input.assignee], ctx as ActionContext<unknown>) : [];
      const reviewerIds = await userIdsOf(gitlab, input.reviewers, ctx as ActionContext<unknown>);
      const title = input.draft && !/^(draft:|\[draft\]|\(draft\))/i.test(input.title) ? `Draft: ${input.title}` : input.title;
      const mergeRequest = await callGitlab(gitlab, `Opening a merge request from ${input.branchName} into ${target}`, () =>
        gitlab.api.MergeRequests.create(project.id, input.branchName, target, title, {
          description: input.description,
          removeSourceBranch: input.removeSourceBranch,
          ...(assigneeIds.length > 0 ? { assigneeId: assigneeIds[0] } : {}),
          ...(reviewerIds.length > 0 ? { reviewerIds } : {}),
          ...(input.labels ? { labels: input.labels } : {}),
        }),
      );
      ctx.logger.info(`Opened merge request ${mergeRequest.web_url}`);
      ctx.output('projectid', project.id);
      ctx.output('projectPath', project.path);
      ctx.output('targetBranchName', target);
      ctx.output('mergeRequestUrl', String(mergeRequest.web_url));
    },
  });
}
