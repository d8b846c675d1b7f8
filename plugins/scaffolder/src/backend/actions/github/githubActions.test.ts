import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { createActionContext } from '../../__fixtures__/actionContext.js';
import { runTask } from '../../tasks/runTask.js';
import type { TaskSpec } from '../../tasks/database/tables.js';
import { SecureTemplater } from '../../templating/SecureTemplater.js';
import { ActionRegistry } from '../ActionRegistry.js';
import { createFetchTemplateAction } from '../builtin/fetch.js';
import { createGithubActionsDispatchAction } from './actionsDispatch.js';
import { createGithubEnvironmentCreateAction } from './environmentCreate.js';
import { createGithubActions } from './index.js';
import type { GithubActionDeps } from './githubClient.js';
import { createGithubIssuesLabelAction } from './issuesLabel.js';
import { createGithubPagesEnableAction } from './pagesEnable.js';
import { createPublishGithubPullRequestAction } from './publishPullRequest.js';
import { cloneFiles } from './testing/bareRepository.js';
import { startFakeGithub, type FakeGithub } from './testing/startFakeGithub.js';
import { createOctokit } from './githubClient.js';
import { GithubOpenApi } from './testing/githubOpenApi.js';
import { createGithubWebhookAction } from './webhook.js';

const HOST = 'ghe.example.test';
let github: FakeGithub;
let deps: GithubActionDeps;

beforeAll(async () => {
  github = await startFakeGithub({
    accounts: { acme: 'Organization' },
    tokens: gitHost => ({
      [gitHost.writeToken]: { login: 'octo', scopes: ['repo', 'admin:repo_hook'] },
      [gitHost.readToken]: { login: 'octo', scopes: ['public_repo'] },
    }),
  });
  deps = { integrations: [{ host: HOST, apiBaseUrl: github.apiBaseUrl, token: github.gitHost.writeToken }] };
  await github.addRepository('acme', 'platform', { 'README.md': '# Platform\n', 'services/old.yaml': 'old: true\n' });
});

afterAll(() => github.close());

afterEach(() => {
  expect(github.violations.splice(0)).toEqual([]);
});

type Action = { schema: { input: { parse(v: unknown): unknown } }; handler(ctx: never): Promise<void> };

async function run(action: Action, input: Record<string, unknown>, files: Record<string, string> = {}, isDryRun = false) {
  const ctx = await createActionContext(action.schema.input.parse(input), { isDryRun });
  try {
    for (const [file, text] of Object.entries(files)) {
      await fs.promises.mkdir(path.dirname(path.join(ctx.workspacePath, file)), { recursive: true });
      await fs.promises.writeFile(path.join(ctx.workspacePath, file), text);
    }
    await action.handler(ctx as never);
    return ctx;
  } finally {
    await ctx.cleanup();
  }
}

const repoUrl = `${HOST}?owner=acme&repo=platform`;
const branchFiles = (branch: string) => cloneFiles(github.repos.get('acme/platform')!.cloneUrl, branch, github.gitHost.readToken);

describe('publish:github:pull-request', () => {
  const pr = () => createPublishGithubPullRequestAction(deps);

  it('commits the rendered files under targetPath on a new branch and opens a pull request with reviewers', async () => {
    const ctx = await run(
      pr(),
      {
        repoUrl,
        branchName: 'add-orders',
        title: 'Add the orders service',
        description: 'Made by a template',
        targetPath: 'services/orders',
        filesToDelete: ['services/old.yaml'],
        reviewers: ['alice'],
        teamReviewers: ['sre'],
        draft: true,
      },
      { 'catalog-info.yaml': 'kind: Component\n', 'src/main.ts': 'main();\n' },
    );
    const repo = github.repos.get('acme/platform')!;
    expect(repo.pulls).toEqual([
      expect.objectContaining({
        number: 1,
        title: 'Add the orders service',
        body: 'Made by a template',
        head: 'add-orders',
        base: 'main',
        draft: true,
        reviewers: ['alice'],
        teamReviewers: ['sre'],
      }),
    ]);
    expect(ctx.outputs).toEqual({ remoteUrl: `${repo.htmlUrl}/pull/1`, pullRequestNumber: 1, targetBranchName: 'main' });
    expect(await branchFiles('add-orders')).toEqual({
      'README.md': '# Platform\n',
      'services/orders/catalog-info.yaml': 'kind: Component\n',
      'services/orders/src/main.ts': 'main();\n',
    });
    // The base branch is untouched.
    expect(await branchFiles('main')).toEqual({ 'README.md': '# Platform\n', 'services/old.yaml': 'old: true\n' });
  });

  it('refuses an existing branch unless update is set, and then adds a commit to its pull request', async () => {
    await expect(run(pr(), { repoUrl, branchName: 'add-orders', title: 'Again' }, { 'x.txt': 'x' })).rejects.toThrow(
      /branch add-orders already exists in acme\/platform; set update: true/,
    );
    const ctx = await run(
      pr(),
      { repoUrl, branchName: 'add-orders', title: 'Add the orders service (v2)', description: 'Updated', targetPath: 'services/orders', update: true },
      { 'catalog-info.yaml': 'kind: Component\nspec: {}\n' },
    );
    const repo = github.repos.get('acme/platform')!;
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]).toMatchObject({ title: 'Add the orders service (v2)', body: 'Updated' });
    expect(ctx.outputs.pullRequestNumber).toBe(1);
    expect((await branchFiles('add-orders'))['services/orders/catalog-info.yaml']).toBe('kind: Component\nspec: {}\n');
  });

  it('names the missing base branch', async () => {
    await expect(run(pr(), { repoUrl, branchName: 'b', title: 't', targetBranchName: 'release' })).rejects.toThrow(
      /The branch release does not exist in acme\/platform on ghe\.example\.test/,
    );
  });

  it('lists the files it would commit in a dry run, without calling GitHub', async () => {
    const before = github.exchanges.length;
    const ctx = await run(pr(), { repoUrl, branchName: 'dry', title: 't', targetPath: 'docs' }, { 'index.md': '# Docs\n' }, true);
    expect(github.exchanges.length).toBe(before);
    expect(ctx.outputs).toEqual({ remoteUrl: `https://${HOST}/acme/platform/pull/0`, pullRequestNumber: 0, targetBranchName: 'main' });
    expect(ctx.logs).toContain('  docs/index.md');
  });

  it('says which scope the token lacks when GitHub hides the repository', async () => {
    await expect(run(pr(), { repoUrl, branchName: 'scoped', title: 't', token: github.gitHost.readToken }, { 'a.txt': 'a' })).rejects.toThrow(
      /answered GET .*\/repos\/acme\/platform with HTTP 403: .*; the token needs the "repo" scope \(it has public_repo\)/,
    );
  });
});

describe('repository automation actions', () => {
  it('github:actions:dispatch starts a workflow with inputs', async () => {
    await run(createGithubActionsDispatchAction(deps), { repoUrl, workflowId: 'deploy.yaml', branchOrTagName: 'main', workflowInputs: { env: 'prod' } });
    expect(github.repos.get('acme/platform')!.dispatches).toEqual([{ workflowId: 'deploy.yaml', body: { ref: 'main', inputs: { env: 'prod' } } }]);
  });

  it('github:webhook adds a hook with its configuration', async () => {
    await run(createGithubWebhookAction(deps), {
      repoUrl,
      webhookUrl: 'https://portal.example.test/api/catalog/webhooks/github',
      webhookSecret: 'hush',
      events: ['push', 'pull_request'],
      contentType: 'json',
    });
    expect(github.repos.get('acme/platform')!.hooks).toEqual([
      {
        config: { url: 'https://portal.example.test/api/catalog/webhooks/github', content_type: 'json', secret: 'hush', insecure_ssl: '0' },
        events: ['push', 'pull_request'],
        active: true,
      },
    ]);
  });

  it('github:pages:enable turns Pages on, and reports GitHub’s conflict the second time', async () => {
    await run(createGithubPagesEnableAction(deps), { repoUrl, sourcePath: '/docs' });
    expect(github.repos.get('acme/platform')!.pages).toEqual({ build_type: 'workflow', source: { branch: 'main', path: '/docs' } });
    await expect(run(createGithubPagesEnableAction(deps), { repoUrl })).rejects.toThrow(/HTTP 409: GitHub Pages is already enabled/);
  });

  it('github:environment:create creates the environment with policies, variables and sealed secrets', async () => {
    await run(createGithubEnvironmentCreateAction(deps), {
      repoUrl,
      name: 'production',
      deploymentBranchPolicy: { protected_branches: false, custom_branch_policies: true },
      customBranchPolicyNames: ['release/*'],
      customTagPolicyNames: ['v*'],
      environmentVariables: { REGION: 'eu' },
      secrets: { TOKEN: 'prod-token' },
      waitTimer: 5,
    });
    expect(github.repos.get('acme/platform')!.environments.production).toEqual({
      settings: { wait_timer: 5, deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } },
      policies: [
        { name: 'release/*', type: 'branch' },
        { name: 'v*', type: 'tag' },
      ],
      variables: { REGION: 'eu' },
      secrets: { TOKEN: 'prod-token' },
    });
  });

  it('github:issues:label labels an issue', async () => {
    await run(createGithubIssuesLabelAction(deps), { repoUrl, number: 1, labels: ['scaffolded', 'needs-review'] });
    expect(github.repos.get('acme/platform')!.labels[1]).toEqual(['scaffolded', 'needs-review']);
  });

  it('each of them calls nothing in a dry run', async () => {
    const before = github.exchanges.length;
    await run(createGithubActionsDispatchAction(deps), { repoUrl, workflowId: 1, branchOrTagName: 'main' }, {}, true);
    await run(createGithubWebhookAction(deps), { repoUrl, webhookUrl: 'https://x.example.test/hook' }, {}, true);
    await run(createGithubPagesEnableAction(deps), { repoUrl }, {}, true);
    await run(createGithubEnvironmentCreateAction(deps), { repoUrl, name: 'staging' }, {}, true);
    await run(createGithubIssuesLabelAction(deps), { repoUrl, number: 2, labels: ['x'] }, {}, true);
    expect(github.exchanges.length).toBe(before);
  });
});

describe('the stand-in GitHub', () => {
  it('flags requests the description does not have, bodies it does not take and answers it does not declare', async () => {
    const octokit = createOctokit({ host: HOST, apiBaseUrl: github.apiBaseUrl, auth: github.gitHost.writeToken });
    await expect(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', { owner: 'acme', repo: 'platform' })).rejects.toThrow(/HTTP 404/);
    await expect(octokit.request('POST /orgs/{org}/repos', { org: 'acme', name: 'x', private: 'yes' as unknown as boolean })).rejects.toThrow(/HTTP 422/);
    expect(github.violations.splice(0)).toEqual([
      "GET /repos/acme/platform/no-such-thing is not an operation of GitHub's description",
      'repos/create-in-org request body: /private must be boolean',
    ]);
    const openApi = GithubOpenApi.load();
    const { operation } = openApi.match('GET', '/repos/acme/platform/git/ref/heads%2Fmain')!;
    expect(openApi.checkResponse(operation, 200, { ref: 'refs/heads/main' })).toMatch(/git\/get-ref HTTP 200 response: .*must have required property/);
    expect(openApi.checkResponse(operation, 201, {})).toMatch(/does not answer HTTP 201/);
  });
});

describe('the example pull-request template', () => {
  it('opens a labelled pull request whose files are the rendered skeleton', async () => {
    await github.addRepository('acme', 'services', { 'README.md': '# Services\n' });
    const templateFile = path.join(import.meta.dirname, '__fixtures__/add-service-pr/template.yaml');
    const template = yaml.load(await fs.promises.readFile(templateFile, 'utf8')) as { spec: Pick<TaskSpec, 'steps' | 'output'> };
    const root = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'github-template-'));
    const templater = await SecureTemplater.create();
    try {
      await fs.promises.mkdir(path.join(root, 'workspace'));
      await fs.promises.mkdir(path.join(root, 'scratch'));
      const result = await runTask({
        taskId: 'example',
        spec: {
          apiVersion: 'scaffolder.backstage.io/v1beta3',
          templateInfo: { entityRef: 'template:default/add-service-to-platform', baseUrl: templateFile },
          parameters: { name: 'billing', owner: 'group:default/payments', replicas: 3, repoUrl: `${HOST}?owner=acme&repo=services` },
          steps: template.spec.steps,
          output: template.spec.output,
        },
        secrets: {},
        actions: new ActionRegistry([createFetchTemplateAction(github.gitHost.createReader()), ...createGithubActions(deps)]),
        templater,
        workspacePath: path.join(root, 'workspace'),
        scratchPath: path.join(root, 'scratch'),
        signal: new AbortController().signal,
        dryRun: false,
        log: () => {},
      });
      expect(result.error).toBeUndefined();
      const repo = github.repos.get('acme/services')!;
      expect(result.output).toEqual({ links: [{ title: 'Pull request', url: `${repo.htmlUrl}/pull/1` }] });
      expect(repo.pulls[0]).toMatchObject({ title: 'Add billing', head: 'add-billing', base: 'main', body: 'Adds billing, owned by group:default/payments.' });
      expect(repo.labels[1]).toEqual(['scaffolded']);
      const files = await cloneFiles(repo.cloneUrl, 'add-billing', github.gitHost.readToken);
      expect(files['services/billing/values.yaml']).toBe('service: "billing"\nreplicas: 3\n');
      expect(yaml.load(files['services/billing/catalog-info.yaml']!)).toMatchObject({
        metadata: { name: 'billing' },
        spec: { owner: 'group:default/payments' },
      });
      expect(Object.keys(files).sort()).toEqual(['README.md', 'services/billing/catalog-info.yaml', 'services/billing/values.yaml']);
    } finally {
      templater.dispose();
      await fs.promises.rm(root, { recursive: true, force: true });
    }
  });
});
