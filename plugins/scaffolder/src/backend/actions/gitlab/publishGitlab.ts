import { InputError } from '@portal/backend-common';
import { commitAndPush } from '@portal/git';
import { z } from 'zod';
import { authorOf, commonPublishInput, sourceDirOf } from '../builtin/publishGit.js';
import { ownerOf, parseRepoUrl } from '../builtin/repoUrl.js';
import { createTemplateAction } from '../types.js';
import { callGitlab, connectGitlab, type GitlabConnection, type GitlabDeps } from './gitlabApi.js';

const variableInput = z.object({
  key: z.string().regex(/^\w+$/, 'a variable key uses letters, digits and _'),
  value: z.string(),
  description: z.string().optional(),
  variableType: z.enum(['env_var', 'file']).default('env_var'),
  protected: z.boolean().default(false),
  masked: z.boolean().default(false),
  raw: z.boolean().default(false),
  environmentScope: z.string().default('*'),
});

export const publishGitlabInput = z.object({
  ...commonPublishInput,
  repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
  setUserAsOwner: z.boolean().default(false).describe('Make the user of the token an owner of the new project'),
  topics: z.array(z.string().min(1)).optional(),
  settings: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Project attributes of the GitLab API, such as ci_config_path or merge_method; snake_case as GitLab names them'),
  branches: z
    .array(z.object({ name: z.string().min(1), protect: z.boolean().default(false), create: z.boolean().default(false), ref: z.string().optional() }))
    .default([]),
  projectVariables: z.array(variableInput).default([]),
});

export const publishGitlabOutput = z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), projectId: z.number(), commitHash: z.string() });

/** Settings the template may not choose: they would change who owns the project or where it lives. */
const FIXED_SETTINGS = new Set(['id', 'name', 'path', 'namespace_id', 'namespaceId', 'visibility', 'import_url']);

async function namespaceIdOf(connection: GitlabConnection, owner: string): Promise<number> {
  const namespace = await callGitlab(connection, `Looking up the namespace ${owner}`, () => connection.api.Namespaces.show(owner));
  return namespace.id;
}

export function createPublishGitlabAction(deps: GitlabDeps) {
  return createTemplateAction({
    id: 'publish:gitlab',
    description: 'Creates a GitLab project in the namespace of repoUrl (group/subgroup or user), applies its settings and pushes the workspace to it.',
    supportsDryRun: false,
    schema: { input: publishGitlabInput, output: publishGitlabOutput },
    async handler(ctx) {
      const { input } = ctx;
      const spec = parseRepoUrl(input.repoUrl);
      const owner = ownerOf(spec);
      const gitlab = connectGitlab(deps, spec.host, input.token);
      const settings = Object.fromEntries(Object.entries(input.settings).filter(([key]) => !FIXED_SETTINGS.has(key)));
      if (Object.keys(settings).length !== Object.keys(input.settings).length) {
        throw new InputError(`publish:gitlab settings may not set ${[...FIXED_SETTINGS].filter(key => key in input.settings).join(', ')}`);
      }
      const namespaceId = await namespaceIdOf(gitlab, owner);
      const project = await callGitlab(gitlab, `Creating the project ${owner}/${spec.repo}`, () =>
        gitlab.api.Projects.create({
          name: spec.repo,
          path: spec.repo,
          namespaceId,
          visibility: input.repoVisibility,
          description: input.description,
          ...(input.topics ? { topics: input.topics } : {}),
        }),
      );
      const webUrl = String(project.web_url);
      const cloneUrl = String(project.http_url_to_repo);
      ctx.logger.info(`Created ${webUrl}`);
      if (Object.keys(settings).length > 0) {
        await callGitlab(gitlab, `Applying settings to ${project.path_with_namespace}`, () => gitlab.api.Projects.edit(project.id, settings));
      }
      if (input.setUserAsOwner) {
        const user = await callGitlab(gitlab, 'Looking up the token’s user', () => gitlab.api.Users.showCurrentUser());
        // 50 is GitLab's Owner access level.
        await callGitlab(gitlab, `Making ${user.username} an owner of ${project.path_with_namespace}`, () =>
          gitlab.api.ProjectMembers.add(project.id, 50, { userId: user.id }),
        );
      }
      let commit: string;
      try {
        ({ commit } = await commitAndPush({
          dir: await sourceDirOf(ctx),
          remoteUrl: cloneUrl,
          token: gitlab.token,
          username: 'oauth2',
          branch: input.defaultBranch,
          message: input.gitCommitMessage,
          author: authorOf(ctx),
        }));
      } catch (error) {
        throw new InputError(`Pushing to ${cloneUrl} failed: ${(error as Error).message}. The token needs the "write_repository" scope.`);
      }
      for (const branch of input.branches) {
        if (branch.create) {
          await callGitlab(gitlab, `Creating the branch ${branch.name}`, () =>
            gitlab.api.Branches.create(project.id, branch.name, branch.ref ?? input.defaultBranch),
          );
        }
        if (branch.protect) {
          await callGitlab(gitlab, `Protecting the branch ${branch.name}`, () => gitlab.api.ProtectedBranches.protect(project.id, branch.name));
        }
      }
      for (const variable of input.projectVariables) {
        await callGitlab(gitlab, `Creating the project variable ${variable.key}`, () =>
          gitlab.api.ProjectVariables.create(project.id, variable.key, variable.value, {
            variableType: variable.variableType,
            protected: variable.protected,
            masked: variable.masked,
            raw: variable.raw,
            environmentScope: variable.environmentScope,
            description: variable.description,
          }),
        );
      }
      ctx.logger.info(`Pushed ${commit} to ${cloneUrl} (${input.defaultBranch})`);
      ctx.output('remoteUrl', webUrl);
      ctx.output('repoContentsUrl', `${webUrl}/-/blob/${input.defaultBranch}`);
      ctx.output('projectId', project.id);
      ctx.output('commitHash', commit);
    },
  });
}
