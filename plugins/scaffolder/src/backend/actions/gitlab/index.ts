import type { TemplateAction } from '../types.js';
import type { GitlabDeps } from './gitlabApi.js';
import { createGitlabGroupEnsureExistsAction, createGitlabPipelineTriggerAction, createGitlabProjectVariableAction } from './gitlabApiActions.js';
import { createGitlabRepoPushAction } from './gitlabRepoPush.js';
import { createPublishGitlabAction } from './publishGitlab.js';
import { createPublishGitlabMergeRequestAction } from './publishGitlabMergeRequest.js';

export type { GitlabDeps } from './gitlabApi.js';

/** The GitLab actions, on the GitLab REST API through gitbeaker and git over smart HTTP. */
export function createGitlabActions(deps: GitlabDeps): TemplateAction[] {
  return [
    createPublishGitlabAction(deps),
    createPublishGitlabMergeRequestAction(deps),
    createGitlabRepoPushAction(deps),
    createGitlabGroupEnsureExistsAction(deps),
    createGitlabProjectVariableAction(deps),
    createGitlabPipelineTriggerAction(deps),
  ] as TemplateAction[];
}
