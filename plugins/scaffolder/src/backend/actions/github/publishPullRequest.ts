import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '@portal/backend-common';
import { z } from 'zod';
import { authorOf, sourceDirOf } from '../builtin/publishGit.js';
import { createTemplateAction } from '../types.js';
import { connectGithub, resolveGithubTarget, webUrlOf, type GithubActionDeps, type GithubConnection } from './githubClient.js';
import { GithubApiError } from './githubErrors.js';

const branchName = z.string().regex(/^[\w.-]+(\/[\w.-]+)*$/, 'a branch name such as feature/add-service');

const pullRequestInput = z.object({
  repoUrl: z.string().min(1).describe('host?owner=o&repo=r, as the RepoUrlPicker writes it'),
  branchName: branchName.describe('The branch the change is committed to'),
  targetBranchName: branchName.optional().describe("The branch to merge into; the repository's default branch when absent"),
  title: z.string().min(1),
  description: z.string().default(''),
  draft: z.boolean().default(false),
  sourcePath: z.string().optional().describe('A folder of the workspace whose files make the change; all of it when absent'),
  targetPath: z.string().optional().describe('Where in the repository those files go; its root when absent'),
  filesToDelete: z.array(z.string().min(1)).default([]).describe('Repository paths the change removes'),
  commitMessage: z.string().optional().describe('The title when absent'),
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
  reviewers: z.array(z.string()).default([]),
  teamReviewers: z.array(z.string()).default([]),
  update: z.boolean().default(false).describe('When the branch already has an open pull request, add a commit to it and update it'),
  createWhenEmpty: z.boolean().default(true).describe('Open the pull request even when the files change nothing'),
  forceFork: z.boolean().default(false),
  token: z.string().optional().describe('A token for GitHub, instead of the configured integration'),
});

type PullRequestInput = z.output<typeof pullRequestInput>;

/** A repository path under `targetPath`, in git's form; refuses absolute paths and `..`. */
function repoPathOf(targetPath: string | undefined, relative: string): string {
  const joined = path.posix.normalize(path.posix.join(targetPath ?? '', relative.split(path.sep).join('/')));
  if (joined.startsWith('/') || joined === '..' || joined.startsWith('../')) {
    throw new InputError(`The path ${joined} is outside the repository`);
  }
  return joined.replace(/^\.\//, '');
}

interface FileEntry {
  path: string;
  mode: '100644' | '100755' | '120000';
  content: Buffer;
}

async function readFiles(dir: string, targetPath: string | undefined): Promise<FileEntry[]> {
  const files: FileEntry[] = [];
  for (const entry of await fs.promises.readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    if (relative.split(path.sep).includes('.git')) continue;
    if (entry.isSymbolicLink()) {
      files.push({ path: repoPathOf(targetPath, relative), mode: '120000', content: Buffer.from(await fs.promises.readlink(full)) });
    } else if (entry.isFile()) {
      const stat = await fs.promises.stat(full);
      files.push({ path: repoPathOf(targetPath, relative), mode: stat.mode & 0o111 ? '100755' : '100644', content: await fs.promises.readFile(full) });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

async function branchHead(gh: GithubConnection, branch: string): Promise<string | undefined> {
  try {
    const { data } = await gh.octokit.rest.git.getRef({ owner: gh.owner, repo: gh.repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (error instanceof GithubApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Commits the files on top of `parent` through the git data API (blobs, one tree, one commit). */
async function commitFiles(gh: GithubConnection, input: PullRequestInput, files: FileEntry[], parent: string, author: { name: string; email: string }) {
  const { owner, repo } = gh;
  const { data: parentCommit } = await gh.octokit.rest.git.getCommit({ owner, repo, commit_sha: parent });
  const tree: Array<{ path: string; mode: '100644' | '100755' | '120000'; type: 'blob'; sha: string | null }> = [];
  for (const file of files) {
    // base64 keeps binary files intact; GitHub stores the decoded bytes.
    const { data: blob } = await gh.octokit.rest.git.createBlob({ owner, repo, content: file.content.toString('base64'), encoding: 'base64' });
    tree.push({ path: file.path, mode: file.mode, type: 'blob', sha: blob.sha });
  }
  for (const removed of input.filesToDelete) tree.push({ path: repoPathOf(undefined, removed), mode: '100644', type: 'blob', sha: null });
  const { data: newTree } = await gh.octokit.rest.git.createTree({ owner, repo, base_tree: parentCommit.tree.sha, tree });
  if (newTree.sha === parentCommit.tree.sha && !input.createWhenEmpty) return undefined;
  const { data: commit } = await gh.octokit.rest.git.createCommit({
    owner,
    repo,
    message: input.commitMessage ?? input.title,
    tree: newTree.sha,
    parents: [parent],
    author: { ...author, date: new Date().toISOString() },
  });
  return commit.sha;
}

export function createPublishGithubPullRequestAction(deps: GithubActionDeps) {
  return createTemplateAction({
    id: 'publish:github:pull-request',
    description: 'Commits the workspace to a branch of an existing GitHub repository and opens (or updates) a pull request for it.',
    supportsDryRun: true,
    schema: {
      input: pullRequestInput,
      output: z.object({ remoteUrl: z.string(), pullRequestNumber: z.number(), targetBranchName: z.string() }),
    },
    async handler(ctx) {
      const input = ctx.input;
      if (input.forceFork) throw new InputError('forceFork is not supported: open the pull request from a branch of the repository itself');
      const files = await readFiles(await sourceDirOf(ctx), input.targetPath);
      if (ctx.isDryRun) {
        const target = resolveGithubTarget(deps, input.repoUrl);
        ctx.logger.info(`Dry run: would commit ${files.length} file(s) to ${input.branchName} of ${target.owner}/${target.repo} on ${target.host}`);
        for (const file of files) ctx.logger.info(`  ${file.path}`);
        ctx.output('remoteUrl', `${webUrlOf(target)}/pull/0`);
        ctx.output('pullRequestNumber', 0);
        ctx.output('targetBranchName', input.targetBranchName ?? 'main');
        return;
      }
      const gh = await connectGithub(deps, { repoUrl: input.repoUrl, token: input.token, signal: ctx.signal, logger: ctx.logger });
      const { owner, repo } = gh;
      const base = input.targetBranchName ?? (await gh.octokit.rest.repos.get({ owner, repo })).data.default_branch;
      const baseHead = await branchHead(gh, base);
      if (!baseHead) throw new InputError(`The branch ${base} does not exist in ${owner}/${repo} on ${gh.host}`);
      const existingHead = await branchHead(gh, input.branchName);
      if (existingHead && !input.update) {
        throw new InputError(`The branch ${input.branchName} already exists in ${owner}/${repo}; set update: true to add to its pull request`);
      }
      const commit = await commitFiles(gh, input, files, existingHead ?? baseHead, authorOf(ctx));
      if (!commit) {
        ctx.logger.info(`The files change nothing on ${base}: no pull request opened`);
        return;
      }
      if (existingHead) {
        await gh.octokit.rest.git.updateRef({ owner, repo, ref: `heads/${input.branchName}`, sha: commit, force: false });
      } else {
        await gh.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${input.branchName}`, sha: commit });
      }
      ctx.logger.info(`Committed ${commit} to ${input.branchName}`);

      const open = existingHead
        ? (await gh.octokit.rest.pulls.list({ owner, repo, head: `${owner}:${input.branchName}`, base, state: 'open', per_page: 1 })).data[0]
        : undefined;
      const pull = open
        ? (await gh.octokit.rest.pulls.update({ owner, repo, pull_number: open.number, title: input.title, body: input.description })).data
        : (await gh.octokit.rest.pulls.create({ owner, repo, title: input.title, body: input.description, head: input.branchName, base, draft: input.draft }))
            .data;
      ctx.logger.info(`${open ? 'Updated' : 'Opened'} pull request ${pull.html_url}`);

      if (input.reviewers.length > 0 || input.teamReviewers.length > 0) {
        try {
          await gh.octokit.rest.pulls.requestReviewers({
            owner,
            repo,
            pull_number: pull.number,
            reviewers: input.reviewers,
            team_reviewers: input.teamReviewers,
          });
        } catch (error) {
          // The pull request stands without them; say so rather than fail the whole task.
          ctx.logger.warn(`Could not request reviewers: ${(error as Error).message}`);
        }
      }
      ctx.output('remoteUrl', pull.html_url);
      ctx.output('pullRequestNumber', pull.number);
      ctx.output('targetBranchName', base);
    },
  });
}
