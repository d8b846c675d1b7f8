import { z } from 'zod';
import { parseRepoUrl } from '../builtin/repoUrl.js';
import { createTemplateAction } from '../types.js';
import { callGitlab, connectGitlab, type GitlabDeps } from './gitlabApi.js';

const hostOf = (repoUrl: string) => parseRepoUrl(repoUrl.includes('repo=') ? repoUrl : `${repoUrl.split('?')[0]}?repo=_`).host;

const connection = {
  repoUrl: z.string().min(1).describe('The GitLab host, as host or host?owner=o&repo=r'),
  token: z.string().optional().describe('A token instead of the configured integration’s'),
};

export function createGitlabGroupEnsureExistsAction(deps: GitlabDeps) {
  return createTemplateAction({
    id: 'gitlab:group:ensureExists',
    description: 'Makes sure a GitLab group path (group/subgroup/…) exists, creating the missing groups.',
    supportsDryRun: false,
    schema: {
      input: z.object({ ...connection, path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) }),
      output: z.object({ groupId: z.number() }),
    },
    async handler(ctx) {
      const gitlab = connectGitlab(deps, hostOf(ctx.input.repoUrl), ctx.input.token);
      const parts = (Array.isArray(ctx.input.path) ? ctx.input.path : ctx.input.path.split('/')).filter(Boolean);
      let parentId: number | undefined;
      for (let index = 0; index < parts.length; index++) {
        const fullPath = parts.slice(0, index + 1).join('/');
        const existing = await callGitlab(gitlab, `Looking up the group ${fullPath}`, async () => {
          const found = await gitlab.api.Groups.search(fullPath);
          return found.find(group => group.full_path === fullPath);
        });
        if (existing) {
          parentId = existing.id;
          continue;
        }
        const created = await callGitlab(gitlab, `Creating the group ${fullPath}`, () =>
          gitlab.api.Groups.create(parts[index]!, parts[index]!, parentId === undefined ? {} : { parentId }),
        );
        ctx.logger.info(`Created the group ${fullPath}`);
        parentId = created.id;
      }
      ctx.output('groupId', parentId!);
    },
  });
}

export function createGitlabProjectVariableAction(deps: GitlabDeps) {
  return createTemplateAction({
    id: 'gitlab:projectVariable:create',
    description: 'Creates a CI/CD variable of a GitLab project.',
    supportsDryRun: false,
    schema: {
      input: z.object({
        ...connection,
        projectId: z.union([z.number().int(), z.string().min(1)]).describe('The project’s id or its full path'),
        key: z.string().regex(/^\w+$/),
        value: z.string(),
        variableType: z.enum(['env_var', 'file']).default('env_var'),
        variableProtected: z.boolean().default(false),
        masked: z.boolean().default(false),
        raw: z.boolean().default(false),
        environmentScope: z.string().default('*'),
      }),
    },
    async handler(ctx) {
      const { input } = ctx;
      const gitlab = connectGitlab(deps, hostOf(input.repoUrl), input.token);
      await callGitlab(gitlab, `Creating the project variable ${input.key}`, () =>
        gitlab.api.ProjectVariables.create(input.projectId, input.key, input.value, {
          variableType: input.variableType,
          protected: input.variableProtected,
          masked: input.masked,
          raw: input.raw,
          environmentScope: input.environmentScope,
        }),
      );
      ctx.logger.info(`Created the variable ${input.key} of project ${input.projectId}`);
    },
  });
}

export function createGitlabPipelineTriggerAction(deps: GitlabDeps) {
  return createTemplateAction({
    id: 'gitlab:pipeline:trigger',
    description: 'Runs a GitLab project’s pipeline on a branch, through a trigger token made for the run and removed after it.',
    supportsDryRun: false,
    schema: {
      input: z.object({
        ...connection,
        projectId: z.union([z.number().int(), z.string().min(1)]),
        tokenDescription: z.string().default('Triggered by the portal scaffolder'),
        branch: z.string().min(1),
        variables: z.record(z.string(), z.string()).default({}),
      }),
      output: z.object({ pipelineUrl: z.string() }),
    },
    async handler(ctx) {
      const { input } = ctx;
      const gitlab = connectGitlab(deps, hostOf(input.repoUrl), input.token);
      const trigger = await callGitlab(gitlab, 'Creating a pipeline trigger token', () =>
        gitlab.api.PipelineTriggerTokens.create(input.projectId, input.tokenDescription),
      );
      try {
        const pipeline = await callGitlab(gitlab, `Triggering the pipeline on ${input.branch}`, () =>
          gitlab.api.PipelineTriggerTokens.trigger(input.projectId, input.branch, String(trigger.token), { variables: input.variables }),
        );
        ctx.logger.info(`Started pipeline ${pipeline.id}`);
        ctx.output('pipelineUrl', String(pipeline.web_url));
      } finally {
        // The token was only for this run.
        await callGitlab(gitlab, 'Removing the pipeline trigger token', () => gitlab.api.PipelineTriggerTokens.remove(input.projectId, trigger.id));
      }
    },
  });
}
