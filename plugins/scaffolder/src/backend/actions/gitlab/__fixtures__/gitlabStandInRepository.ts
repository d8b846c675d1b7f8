import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import type { z } from 'zod';
import * as schemas from './gitlabSchemas.js';

/** The parts of the stand-in the repository routes share with the others. */
export interface StandInRoutes {
  projectOf(req: express.Request, res: express.Response): { id: number; web_url: string; repoDir: string; default_branch: string | null } | undefined;
  reply<S extends z.ZodType>(res: express.Response, status: number, schema: S, body: unknown): void;
  fail(res: express.Response, status: number, body: z.input<typeof schemas.errorSchema>): void;
  users: Array<z.output<typeof schemas.userSchema>>;
  mergeRequests: Array<z.output<typeof schemas.mergeRequestSchema>>;
  nextId(): number;
}

/** Runs git on a bare repository; resolves with its output, or undefined when git fails. */
function git(repoDir: string, args: string[], options: { env?: Record<string, string>; input?: Buffer } = {}): Promise<string | undefined> {
  return new Promise(resolve => {
    const child = spawn('git', ['--git-dir', repoDir, ...args], { env: { ...process.env, ...options.env } });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.resume();
    child.on('close', code => resolve(code === 0 ? Buffer.concat(out).toString('utf8') : undefined));
    child.stdin.end(options.input);
  });
}

const revision = async (repoDir: string, rev: string) => (await git(repoDir, ['rev-parse', '--verify', '-q', `${rev}^{commit}`]))?.trim();

/** The default branch as GitLab reports it: HEAD's branch once it exists, else the first branch pushed. */
export async function defaultBranchOf(repoDir: string): Promise<string | null> {
  const head = (await git(repoDir, ['symbolic-ref', '--short', 'HEAD']))?.trim();
  if (head && (await revision(repoDir, `refs/heads/${head}`))) return head;
  const branches = (await git(repoDir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads']))?.trim();
  return branches ? branches.split('\n')[0]! : null;
}

type CommitBody = z.output<typeof schemas.createCommitBody>;

/**
 * Applies a Commits API body to the repository with git's plumbing, in a scratch index, the way
 * GitLab does: every action is checked against the parent tree and one refusal refuses the commit.
 */
async function applyCommit(repoDir: string, body: CommitBody): Promise<{ sha: string; parent?: string } | { error: string }> {
  const current = await revision(repoDir, `refs/heads/${body.branch}`);
  let parent = current;
  if (current && body.start_branch && body.start_branch !== body.branch && !body.force) {
    return { error: `A branch called '${body.branch}' already exists. Switch to that branch in order to make changes` };
  }
  if (!current && body.start_branch) {
    parent = await revision(repoDir, `refs/heads/${body.start_branch}`);
    if (!parent) return { error: `You can only create or edit files when you are on a branch` };
  }
  if (!parent && (await defaultBranchOf(repoDir))) return { error: `You can only create or edit files when you are on a branch` };
  const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gitlab-index-'));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    await git(repoDir, parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
    // update-index --index-info works without a work tree: `mode sha\tpath`, mode 0 removes.
    const setEntry = (mode: string, sha: string, file: string) =>
      git(repoDir, ['update-index', '--index-info'], { env, input: Buffer.from(`${mode} ${sha}\t${file}\n`) });
    for (const action of body.actions) {
      const entry = (await git(repoDir, ['ls-files', '-s', '--', action.file_path], { env }))?.trim();
      const [mode, sha] = entry ? entry.split(/\s+/) : [];
      if (action.action === 'create' && entry) return { error: 'A file with this name already exists' };
      if (action.action !== 'create' && !entry) return { error: `A file with this name doesn't exist` };
      if (action.action === 'delete') {
        await setEntry('0', '0'.repeat(40), action.file_path);
      } else if (action.action === 'chmod') {
        await setEntry(action.execute_filemode ? '100755' : '100644', sha!, action.file_path);
      } else if (action.action === 'create' || action.action === 'update') {
        const content = Buffer.from(action.content ?? '', action.encoding === 'base64' ? 'base64' : 'utf8');
        const blob = (await git(repoDir, ['hash-object', '-w', '--stdin'], { input: content }))!.trim();
        await setEntry(mode ?? '100644', blob, action.file_path);
      } else {
        return { error: `The stand-in does not move files` };
      }
    }
    const tree = (await git(repoDir, ['write-tree'], { env }))!.trim();
    const who = { name: body.author_name ?? 'Jane Doe', email: body.author_email ?? 'jane@gitlab.test' };
    const sha = (await git(repoDir, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', body.commit_message], {
      env: { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: 'GitLab', GIT_COMMITTER_EMAIL: 'gitlab@gitlab.test' },
    }))!.trim();
    // The old value guards against a push that landed in between.
    const updated = await git(repoDir, ['update-ref', `refs/heads/${body.branch}`, sha, current ?? '0'.repeat(40)]);
    if (updated === undefined) return { error: 'The branch moved while the commit was made' };
    return { sha, parent };
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

/** Branches, files, commits with actions, users and merge requests: what gitlab:repo:push and publish:gitlab:merge-request use. */
export function addRepositoryRoutes(api: express.Router, routes: StandInRoutes): void {
  const { projectOf, reply, fail } = routes;

  api.get('/projects/:id/repository/branches/:branch', async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const branch = String(req.params.branch);
    const sha = await revision(project.repoDir, `refs/heads/${branch}`);
    if (!sha) return fail(res, 404, { message: '404 Branch Not Found' });
    reply(res, 200, schemas.branchSchema, {
      name: branch,
      merged: false,
      protected: false,
      default: branch === (await defaultBranchOf(project.repoDir)),
      web_url: `${project.web_url}/-/tree/${branch}`,
      commit: { id: sha },
    });
  });

  api.get('/projects/:id/repository/files/:path', async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const filePath = String(req.params.path);
    const ref = String(req.query.ref ?? '');
    if (!ref) return fail(res, 400, { message: { ref: ['is missing'] } });
    const commit = await revision(project.repoDir, ref);
    const blob = commit && (await git(project.repoDir, ['rev-parse', '--verify', '-q', `${commit}:${filePath}`]))?.trim();
    if (!commit || !blob) return fail(res, 404, { message: '404 File Not Found' });
    const content = await new Promise<Buffer>(resolve => {
      const child = spawn('git', ['--git-dir', project.repoDir, 'cat-file', 'blob', blob]);
      const out: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.on('close', () => resolve(Buffer.concat(out)));
    });
    const last = (await git(project.repoDir, ['log', '-1', '--format=%H', commit, '--', filePath]))!.trim();
    reply(res, 200, schemas.repositoryFileSchema, {
      file_name: path.posix.basename(filePath),
      file_path: filePath,
      size: content.length,
      encoding: 'base64',
      content: content.toString('base64'),
      content_sha256: createHash('sha256').update(content).digest('hex'),
      ref,
      blob_id: blob,
      commit_id: commit,
      last_commit_id: last,
    });
  });

  api.post('/projects/:id/repository/commits', async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const body = schemas.createCommitBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, { message: body.error.message });
    const result = await applyCommit(project.repoDir, body.data);
    if ('error' in result) return fail(res, 400, { message: result.error });
    reply(res, 201, schemas.commitSchema, {
      id: result.sha,
      short_id: result.sha.slice(0, 8),
      title: body.data.commit_message.split('\n')[0],
      message: body.data.commit_message,
      author_name: body.data.author_name ?? 'Jane Doe',
      author_email: body.data.author_email ?? 'jane@gitlab.test',
      created_at: new Date().toISOString(),
      parent_ids: result.parent ? [result.parent] : [],
      web_url: `${project.web_url}/-/commit/${result.sha}`,
    });
  });

  api.get('/users', (req, res) => {
    const username = String(req.query.username ?? '').toLowerCase();
    reply(
      res,
      200,
      schemas.userSchema.array(),
      routes.users.filter(u => !username || u.username.toLowerCase() === username),
    );
  });

  api.post('/projects/:id/merge_requests', async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const body = schemas.createMergeRequestBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, { message: body.error.message });
    const { source_branch: source, target_branch: target } = body.data;
    const sha = await revision(project.repoDir, `refs/heads/${source}`);
    if (!sha) return fail(res, 400, { message: { source_branch: ['does not exist'] } });
    if (!(await revision(project.repoDir, `refs/heads/${target}`))) return fail(res, 400, { message: { target_branch: ['does not exist'] } });
    if (routes.mergeRequests.some(mr => mr.project_id === project.id && mr.source_branch === source && mr.state === 'opened')) {
      return fail(res, 409, { message: `Another open merge request already exists for this source branch` });
    }
    const person = (id: number) => {
      const user = routes.users.find(u => u.id === id);
      return user && { id: user.id, username: user.username, name: user.name, web_url: user.web_url };
    };
    const assignees = [...(body.data.assignee_id === undefined ? [] : [body.data.assignee_id]), ...(body.data.assignee_ids ?? [])].map(person).filter(Boolean);
    const labels = typeof body.data.labels === 'string' ? body.data.labels.split(',') : (body.data.labels ?? []);
    const iid = routes.mergeRequests.filter(mr => mr.project_id === project.id).length + 1;
    const mergeRequest = {
      id: routes.nextId(),
      iid,
      project_id: project.id,
      title: body.data.title,
      description: body.data.description ?? null,
      state: 'opened' as const,
      source_branch: source,
      target_branch: target,
      draft: /^(draft:|\[draft\]|\(draft\))/i.test(body.data.title),
      labels: labels.map(label => label.trim()).filter(Boolean),
      assignee: assignees[0] ?? null,
      assignees,
      reviewers: (body.data.reviewer_ids ?? []).map(person).filter(Boolean),
      force_remove_source_branch: body.data.remove_source_branch ?? null,
      sha,
      web_url: `${project.web_url}/-/merge_requests/${iid}`,
    };
    routes.mergeRequests.push(mergeRequest as z.output<typeof schemas.mergeRequestSchema>);
    reply(res, 201, schemas.mergeRequestSchema, mergeRequest);
  });
}
