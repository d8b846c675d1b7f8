import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@portal/backend-common';
import { z } from 'zod';
import { ownerOf, parseRepoUrl } from '../builtin/repoUrl.js';
import type { ActionContext } from '../types.js';
import { listWorkspaceFiles, resolveSafeChildPath } from '../workspacePaths.js';
import { callGitlab, connectGitlab, type GitlabConnection, type GitlabDeps } from './gitlabApi.js';

export const branchName = z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a branch name such as feature/add-service');

export const commitActionInput = z
  .enum(['create', 'update', 'delete', 'skip', 'auto'])
  .default('auto')
  .describe(
    'What the commit does with each file: create (fails if it exists), update (fails if it does not), delete, skip (leave existing files alone) or auto (create or update)',
  );

export type CommitActionInput = z.output<typeof commitActionInput>;

export interface WorkspaceFile {
  /** The path in the repository, below targetPath. */
  path: string;
  content: Buffer;
  executable: boolean;
}

/** A repository path under `targetPath`, in git's form; refuses absolute paths and `..`. */
function repositoryPathOf(targetPath: string | undefined, relative: string): string {
  const joined = path.posix.normalize(path.posix.join(targetPath ?? '', relative));
  if (path.posix.isAbsolute(joined) || joined === '..' || joined.startsWith('../')) {
    throw new InputError(`The path ${joined} is outside the repository`);
  }
  return joined.replace(/^\.\//, '');
}

/** The files of `sourcePath` (the whole workspace when absent), as they go into the repository. */
export async function readWorkspaceFiles(
  ctx: Pick<ActionContext<unknown>, 'workspacePath'>,
  sourcePath: string | undefined,
  targetPath: string | undefined,
): Promise<WorkspaceFile[]> {
  const dir = sourcePath ? await resolveSafeChildPath(ctx.workspacePath, sourcePath) : path.resolve(ctx.workspacePath);
  const files: WorkspaceFile[] = [];
  for (const relative of await listWorkspaceFiles(dir)) {
    if (relative.split('/').includes('.git')) continue;
    const full = path.join(dir, relative);
    const stat = await fs.promises.stat(full);
    files.push({ path: repositoryPathOf(targetPath, relative), content: await fs.promises.readFile(full), executable: (stat.mode & 0o111) !== 0 });
  }
  return files;
}

/** The project a repoUrl names (`host?owner=group/subgroup&repo=project`): its id, path and default branch. */
export async function projectOf(gitlab: GitlabConnection, repoUrl: string) {
  const spec = parseRepoUrl(repoUrl);
  const projectPath = `${ownerOf(spec)}/${spec.repo}`;
  const project = await callGitlab(gitlab, `Looking up the project ${projectPath}`, () => gitlab.api.Projects.show(projectPath));
  return {
    id: project.id,
    path: String(project.path_with_namespace),
    webUrl: String(project.web_url),
    defaultBranch: project.default_branch ? String(project.default_branch) : undefined,
  };
}

async function existsAt(gitlab: GitlabConnection, projectId: number, filePath: string, ref: string): Promise<boolean> {
  return callGitlab(gitlab, `Looking up ${filePath} on ${ref}`, async () => {
    try {
      await gitlab.api.RepositoryFiles.show(projectId, filePath, ref);
      return true;
    } catch (error) {
      if ((error as { cause?: { response?: Response } }).cause?.response?.status === 404) return false;
      throw error;
    }
  });
}

export interface GitlabCommitAction {
  action: 'create' | 'update' | 'delete' | 'chmod';
  filePath: string;
  content?: string;
  encoding?: string;
  execute_filemode?: boolean;
}

/**
 * The Commits API actions for the files. `auto` and `skip` ask GitLab, file by file, whether the
 * file already exists on `ref`, the commit's parent; the others leave that check to GitLab, which
 * refuses the whole commit when one action does not fit.
 */
export async function commitActionsOf(
  gitlab: GitlabConnection,
  projectId: number,
  ref: string,
  files: WorkspaceFile[],
  commitAction: CommitActionInput,
): Promise<GitlabCommitAction[]> {
  const actions: GitlabCommitAction[] = [];
  for (const file of files) {
    let action: GitlabCommitAction['action'];
    if (commitAction === 'auto' || commitAction === 'skip') {
      const exists = await existsAt(gitlab, projectId, file.path, ref);
      if (exists && commitAction === 'skip') continue;
      action = exists ? 'update' : 'create';
    } else {
      action = commitAction;
    }
    if (action === 'delete') {
      actions.push({ action, filePath: file.path });
    } else {
      // base64 keeps binary files intact; GitLab stores the decoded bytes.
      actions.push({ action, filePath: file.path, content: file.content.toString('base64'), encoding: 'base64' });
      // GitLab sets the execute flag only through its own action.
      if (file.executable) actions.push({ action: 'chmod', filePath: file.path, execute_filemode: true });
    }
  }
  return actions;
}

/** Whether the branch exists; other failures are reported. */
export async function branchExists(gitlab: GitlabConnection, projectId: number, branch: string): Promise<boolean> {
  return callGitlab(gitlab, `Looking up the branch ${branch}`, async () => {
    try {
      await gitlab.api.Branches.show(projectId, branch);
      return true;
    } catch (error) {
      if ((error as { cause?: { response?: Response } }).cause?.response?.status === 404) return false;
      throw error;
    }
  });
}

interface CommitStepInput {
  repoUrl: string;
  token?: string;
  branchName: string;
  sourcePath?: string;
  targetPath?: string;
  commitAction: CommitActionInput;
}

/**
 * What both committing actions do first: connect to the host of repoUrl and read the files. In a
 * dry run it also logs what would be committed; the caller then stops without calling GitLab.
 */
export async function prepareCommitStep(deps: GitlabDeps, ctx: ActionContext<CommitStepInput>) {
  const { input } = ctx;
  const spec = parseRepoUrl(input.repoUrl);
  const projectPath = `${ownerOf(spec)}/${spec.repo}`;
  const gitlab = connectGitlab(deps, spec.host, input.token);
  const files = await readWorkspaceFiles(ctx, input.sourcePath, input.targetPath);
  if (ctx.isDryRun) {
    ctx.logger.info(`Dry run: would ${input.commitAction} ${files.length} file(s) on ${input.branchName} of ${projectPath} on ${spec.host}`);
    for (const file of files) ctx.logger.info(`  ${file.path}`);
  }
  return { host: spec.host, projectPath, gitlab, files };
}
