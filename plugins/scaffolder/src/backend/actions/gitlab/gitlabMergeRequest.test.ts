import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext, type TestActionContext } from '../../__fixtures__/actionContext.js';
import type { TemplateAction } from '../types.js';
import { startGitlabStandIn, type GitlabStandIn } from './__fixtures__/gitlabStandIn.js';
import { createGitlabRepoPushAction } from './gitlabRepoPush.js';
import { createPublishGitlabAction } from './publishGitlab.js';
import { createPublishGitlabMergeRequestAction } from './publishGitlabMergeRequest.js';

const run = promisify(execFile);
const HOST = 'gitlab.example.test';
const REPO_URL = `${HOST}?owner=acme&repo=platform`;

let gitHost: TestGitHost;
let gitlab: GitlabStandIn;
const contexts: Array<TestActionContext<unknown>> = [];

/** What the project holds on main before any step runs. */
const BASE: Record<string, string> = {
  'README.md': '# platform\n',
  'services/README.md': 'One folder per service.\n',
};

const deps = (token = gitlab.token) => ({
  integrations: [{ type: 'gitlab' as const, host: HOST, token }],
  apiBaseUrls: { [HOST]: gitlab.apiBaseUrl },
});

/** Runs an action on a workspace holding `files`; returns the context, logs and outputs included. */
async function runAction(action: TemplateAction, input: Record<string, unknown>, files: Record<string, string>, options: { isDryRun?: boolean } = {}) {
  const ctx = await createActionContext<unknown>(action.schema.input.parse(input), options);
  contexts.push(ctx);
  for (const [file, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(ctx.workspacePath, file)), { recursive: true });
    await fs.promises.writeFile(path.join(ctx.workspacePath, file), content, { mode: file.endsWith('.sh') ? 0o755 : 0o644 });
  }
  await action.handler(ctx as never);
  return ctx;
}

async function cloneFiles(branch: string): Promise<Record<string, string>> {
  const project = gitlab.projects.find(p => p.path_with_namespace === 'acme/platform')!;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gitlab-clone-'));
  try {
    await run('git', ['-c', `http.extraHeader=Authorization: Bearer ${gitHost.readToken}`, 'clone', '-q', '-b', branch, project.http_url_to_repo, dir]);
    const { stdout } = await run('git', ['-C', dir, 'ls-files', '-s']);
    const entries = stdout
      .trim()
      .split('\n')
      .map(line => /^(\d+) \S+ \d\t(.*)$/.exec(line)!);
    return Object.fromEntries(
      await Promise.all(
        entries.map(
          async ([, mode, file]) => [`${file}${mode === '100755' ? ' (executable)' : ''}`, await fs.promises.readFile(path.join(dir, file!), 'utf8')] as const,
        ),
      ),
    );
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

const headOf = async (branch: string) => {
  const project = gitlab.projects.find(p => p.path_with_namespace === 'acme/platform')!;
  return (await run('git', ['--git-dir', project.repoDir, 'rev-parse', branch])).stdout.trim();
};

beforeAll(async () => {
  gitHost = await startTestGitHost();
  gitlab = await startGitlabStandIn(gitHost);
  // The project the steps change: created and pushed through publish:gitlab, as a real one would be.
  await runAction(createPublishGitlabAction(deps()), { repoUrl: REPO_URL, defaultBranch: 'main' }, BASE);
});
afterAll(async () => {
  await gitlab.close();
  await gitHost.close();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map(ctx => ctx.cleanup()));
  expect(gitlab.schemaProblems).toEqual([]);
});

describe('publish:gitlab:merge-request against the GitLab stand-in, through gitbeaker', () => {
  it('commits the rendered files under targetPath to a new branch and opens the merge request', async () => {
    const mainBefore = await headOf('main');
    const ctx = await runAction(
      createPublishGitlabMergeRequestAction(deps()),
      {
        repoUrl: REPO_URL,
        title: 'Add the orders service',
        description: 'Scaffolded by the portal',
        branchName: 'add/orders',
        sourcePath: 'skeleton',
        targetPath: 'services/orders',
        removeSourceBranch: true,
        assignee: 'jane',
        reviewers: ['sam', 'nobody'],
        labels: 'service,scaffolded',
        draft: true,
      },
      { 'skeleton/catalog-info.yaml': 'kind: Component\n', 'skeleton/run.sh': '#!/bin/sh\n', 'notes.txt': 'not published\n' },
    );
    const project = gitlab.projects.find(p => p.path_with_namespace === 'acme/platform')!;
    expect(ctx.outputs).toEqual({
      projectid: project.id,
      projectPath: 'acme/platform',
      targetBranchName: 'main',
      mergeRequestUrl: 'http://gitlab.test/acme/platform/-/merge_requests/1',
    });
    expect(gitlab.mergeRequests).toEqual([
      expect.objectContaining({
        title: 'Draft: Add the orders service',
        description: 'Scaffolded by the portal',
        draft: true,
        source_branch: 'add/orders',
        target_branch: 'main',
        labels: ['service', 'scaffolded'],
        assignee: expect.objectContaining({ username: 'jane' }),
        reviewers: [expect.objectContaining({ username: 'sam' })],
        force_remove_source_branch: true,
        sha: await headOf('add/orders'),
      }),
    ]);
    expect(ctx.logs).toContain(`GitLab at ${HOST} has no user nobody: the merge request goes ahead without them`);
    // The branch, cloned back, is main plus the rendered files under targetPath; main is untouched.
    expect(await cloneFiles('add/orders')).toEqual({
      ...BASE,
      'services/orders/catalog-info.yaml': 'kind: Component\n',
      'services/orders/run.sh (executable)': '#!/bin/sh\n',
    });
    expect(await headOf('main')).toBe(mainBefore);
    expect(await cloneFiles('main')).toEqual(BASE);
  });

  it('auto updates files that exist, create refuses them, delete removes them', async () => {
    await runAction(
      createPublishGitlabMergeRequestAction(deps()),
      { repoUrl: REPO_URL, title: 'Retitle', branchName: 'retitle', targetBranchName: 'main' },
      { 'README.md': '# Platform\n', CODEOWNERS: '* @acme/platform\n' },
    );
    expect(await cloneFiles('retitle')).toEqual({ ...BASE, 'README.md': '# Platform\n', CODEOWNERS: '* @acme/platform\n' });

    await expect(
      runAction(createPublishGitlabMergeRequestAction(deps()), { repoUrl: REPO_URL, title: 'Again', branchName: 'again', commitAction: 'create' }, BASE),
    ).rejects.toThrow(
      `Committing to the branch again of acme/platform failed: GitLab at ${HOST} answered HTTP 400 to POST ${gitlab.apiBaseUrl}/projects/${gitlab.projects[0]!.id}/repository/commits: A file with this name already exists.`,
    );

    await runAction(
      createPublishGitlabMergeRequestAction(deps()),
      { repoUrl: REPO_URL, title: 'Drop the services note', branchName: 'drop-note', commitAction: 'delete' },
      { 'services/README.md': '' },
    );
    expect(await cloneFiles('drop-note')).toEqual({ 'README.md': BASE['README.md'] });
    expect(gitlab.mergeRequests.map(mr => mr.source_branch)).toEqual(['add/orders', 'retitle', 'drop-note']);
  });

  it('names the host, the request, the status and the scope a read-only token lacks', async () => {
    await expect(
      runAction(
        createPublishGitlabMergeRequestAction(deps(gitlab.readOnlyToken)),
        { repoUrl: REPO_URL, title: 'x', branchName: 'read-only' },
        { 'a.txt': 'a' },
      ),
    ).rejects.toThrow(
      new RegExp(
        `Committing to the branch read-only of acme/platform failed: GitLab at ${HOST} answered HTTP 403 to POST .*/repository/commits: insufficient_scope\\. The token needs the "api" scope`,
      ),
    );
    await expect(
      runAction(createPublishGitlabMergeRequestAction(deps()), { repoUrl: `${HOST}?owner=acme&repo=missing`, title: 'x', branchName: 'b' }, { 'a.txt': 'a' }),
    ).rejects.toThrow(`Looking up the project acme/missing failed: GitLab at ${HOST} answered HTTP 404 to GET ${gitlab.apiBaseUrl}/projects/acme%2Fmissing`);
  });

  it('makes no request in a dry run, and says what it would commit', async () => {
    const before = gitlab.requests.length;
    const ctx = await runAction(
      createPublishGitlabMergeRequestAction(deps()),
      { repoUrl: REPO_URL, title: 'x', branchName: 'dry', targetPath: 'services/dry' },
      { 'catalog-info.yaml': 'kind: Component\n' },
      { isDryRun: true },
    );
    const push = await runAction(
      createGitlabRepoPushAction(deps()),
      { repoUrl: REPO_URL, branchName: 'dry', commitMessage: 'x' },
      { 'a.txt': 'a' },
      { isDryRun: true },
    );
    expect(gitlab.requests.length).toBe(before);
    expect(ctx.logs).toEqual([`Dry run: would auto 1 file(s) on dry of acme/platform on ${HOST}`, '  services/dry/catalog-info.yaml']);
    expect(ctx.outputs).toMatchObject({ projectPath: 'acme/platform', mergeRequestUrl: `https://${HOST}/acme/platform/-/merge_requests/0` });
    expect(push.outputs).toMatchObject({ projectPath: 'acme/platform', commitHash: '0'.repeat(40) });
  });
});

describe('gitlab:repo:push against the GitLab stand-in', () => {
  it('starts a new branch from the default branch, then commits on top of it', async () => {
    const mainBefore = await headOf('main');
    const first = await runAction(
      createGitlabRepoPushAction(deps()),
      {
        repoUrl: REPO_URL,
        branchName: 'config',
        commitMessage: 'Add the config',
        targetPath: 'config',
        gitAuthorName: 'Jane',
        gitAuthorEmail: 'jane@example.com',
      },
      { 'app.yaml': 'replicas: 2\n' },
    );
    const project = gitlab.projects.find(p => p.path_with_namespace === 'acme/platform')!;
    expect(first.outputs).toEqual({ projectid: project.id, projectPath: 'acme/platform', commitHash: await headOf('config') });
    const second = await runAction(
      createGitlabRepoPushAction(deps()),
      { repoUrl: REPO_URL, branchName: 'config', commitMessage: 'Scale up', targetPath: 'config', commitAction: 'update' },
      { 'app.yaml': 'replicas: 3\n' },
    );
    expect(await cloneFiles('config')).toEqual({ ...BASE, 'config/app.yaml': 'replicas: 3\n' });
    const { stdout } = await run('git', ['--git-dir', project.repoDir, 'log', '--format=%H %P %an <%ae> %s', 'config', '-2']);
    expect(stdout.trim().split('\n')).toEqual([
      `${second.outputs.commitHash} ${first.outputs.commitHash} Portal Scaffolder <scaffolder@portal.invalid> Scale up`,
      `${first.outputs.commitHash} ${mainBefore} Jane <jane@example.com> Add the config`,
    ]);
    expect(await headOf('main')).toBe(mainBefore);
    // No merge request: pushing is all it does.
    expect(gitlab.mergeRequests.some(mr => mr.source_branch === 'config')).toBe(false);
  });

  it('refuses an update of a file the branch does not have, naming the request', async () => {
    await expect(
      runAction(createGitlabRepoPushAction(deps()), { repoUrl: REPO_URL, branchName: 'main', commitMessage: 'x', commitAction: 'update' }, { 'new.txt': 'n' }),
    ).rejects.toThrow(/answered HTTP 400 to POST .*\/repository\/commits: A file with this name doesn't exist\./);
  });
});
