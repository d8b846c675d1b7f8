import type { TemplateAction } from '../types.js';
import { createGithubActionsDispatchAction } from './actionsDispatch.js';
import { createGithubEnvironmentCreateAction } from './environmentCreate.js';
import type { GithubActionDeps } from './githubClient.js';
import { createGithubIssuesLabelAction } from './issuesLabel.js';
import { createGithubPagesEnableAction } from './pagesEnable.js';
import { createGithubRepoCreateAction, createGithubRepoPushAction, createPublishGithubAction } from './publishGithub.js';
import { createPublishGithubPullRequestAction } from './publishPullRequest.js';
import { createGithubWebhookAction } from './webhook.js';

export type { GithubActionDeps } from './githubClient.js';
export { GithubApiError } from './githubErrors.js';

/** Every GitHub action, each with Backstage's id and input names. */
export function createGithubActions(deps: GithubActionDeps): TemplateAction[] {
  return [
    createPublishGithubAction(deps),
    createPublishGithubPullRequestAction(deps),
    createGithubRepoCreateAction(deps),
    createGithubRepoPushAction(deps),
    createGithubActionsDispatchAction(deps),
    createGithubWebhookAction(deps),
    createGithubPagesEnableAction(deps),
    createGithubEnvironmentCreateAction(deps),
    createGithubIssuesLabelAction(deps),
  ] as TemplateAction[];
}
