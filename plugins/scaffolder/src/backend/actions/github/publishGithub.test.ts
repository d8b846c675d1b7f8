import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext } from '../../__fixtures__/actionContext.js';
import type { GithubActionDeps } from './githubClient.js';
import { createGithubRepoCreateAction, createGithubRepoPushAction, createPublishGithubAction } from './publishGithub.js';
import { cloneFiles } from './testing/bareRepository.js';
import { startFakeGithub, type FakeGithub } from './testing/startFakeGithub.js';

const HOST = 'ghe.example.test';
const app = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
let github: FakeGithub;
let closedPort: number;

beforeAll(async () => {
  github = await startFakeGithub({
    accounts: { acme: 'Organization', octo: 'User', robots: 'Organization' },
    tokens: gitHost => ({
      [gitHost.writeToken]: { login: 'octo', scopes: ['repo', 'workflow', 'admin:repo_hook'] },
      [gitHost.readToken]: { login: 'octo', scopes: ['read:org', 'gist'] },
    }),
    apps: [{ appId: 4242, publicKey: app.publicKey, installations: [{ id: 7, account: 'robots' }] }],
  });
});

afterAll(() => github.close());

beforeAll(async () => {
  // A port nothing listens on: the address of a GitHub that is down.
  const probe = net.createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise(resolve => probe.close(resolve));
});

// Every exchange is checked against GitHub's description; a test that caused a mismatch fails here.
afterEach(() => {
  expect(github.violations.splice(0)).toEqual([]);
});

const deps = (overrides: Partial<GithubActionDeps['integrations'][number]> = {}): GithubActionDeps => ({
  integrations: [{ host: HOST, apiBaseUrl: github.apiBaseUrl, token: github.gitHost.writeToken, ...overrides }],
});

async function withWorkspace<T>(
  input: T,
  files: Record<string, string>,
  run: (ctx: Awaited<ReturnType<typeof createActionContext<T>>>) => Promise<void>,
  isDryRun = false,
) {
  const ctx = await createActionContext(input, { isDryRun });
  try {
    for (const [file, text] of Object.entries(files)) {
      await fs.promises.mkdir(path.dirname(path.join(ctx.workspacePath, file)), { recursive: true });
      await fs.promises.writeFile(path.join(ctx.workspacePath, file), text);
    }
    await run(ctx);
  } finally {
    await ctx.cleanup();
  }
}

const parse = <T extends { schema: { input: { parse(v: unknown): unknown } } }>(action: T, input: Record<string, unknown>) =>
  action.schema.input.parse(input) as never;

describe('publish:github', () => {
  const skeleton = { 'README.md': '# orders\n', 'catalog-info.yaml': 'kind: Component\n', 'src/index.ts': 'export {};\n' };

  it('creates an organisation repository with its settings, pushes the skeleton, protects the branch and adds the rest', async () => {
    const action = createPublishGithubAction(deps());
    const input = parse(action, {
      repoUrl: `${HOST}?owner=acme&repo=orders`,
      description: 'Orders service',
      homepage: 'https://orders.example.test',
      repoVisibility: 'public',
      deleteBranchOnMerge: true,
      allowRebaseMerge: false,
      allowAutoMerge: true,
      hasWiki: false,
      access: 'acme/platform',
      collaborators: [
        { user: 'alice', access: 'push' },
        { team: 'sre', access: 'maintain' },
      ],
      topics: ['Backend', 'orders'],
      repoVariables: { REGION: 'eu-west-1' },
      secrets: { DEPLOY_KEY: 's3cr3t value' },
      requiredApprovingReviewCount: 2,
      requireCodeOwnerReviews: true,
      requiredStatusCheckContexts: ['ci/build'],
      bypassPullRequestAllowances: { users: ['release-bot'] },
      gitCommitMessage: 'Create orders',
      gitAuthorName: 'Alice',
      gitAuthorEmail: 'alice@example.test',
    });
    await withWorkspace(input, skeleton, async ctx => {
      await action.handler(ctx);
      const repo = github.repos.get('acme/orders')!;
      expect(repo.settings).toMatchObject({
        name: 'orders',
        description: 'Orders service',
        homepage: 'https://orders.example.test',
        private: false,
        visibility: 'public',
        delete_branch_on_merge: true,
        allow_rebase_merge: false,
        allow_auto_merge: true,
        has_wiki: false,
      });
      expect(github.exchanges.find(e => e.operationId === 'repos/create-in-org')).toBeDefined();
      expect(ctx.outputs).toEqual({
        remoteUrl: repo.cloneUrl,
        repoContentsUrl: `${repo.htmlUrl}/blob/main`,
        commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      });
      expect(await cloneFiles(repo.cloneUrl, 'main', github.gitHost.readToken)).toEqual(skeleton);
      expect(repo.protection.main).toMatchObject({
        enforce_admins: true,
        required_status_checks: { strict: true, contexts: ['ci/build'] },
        required_pull_request_reviews: {
          required_approving_review_count: 2,
          require_code_owner_reviews: true,
          bypass_pull_request_allowances: { users: ['release-bot'] },
        },
        restrictions: null,
      });
      expect(repo.teams).toEqual({ platform: 'admin', sre: 'maintain' });
      expect(repo.collaborators).toEqual({ alice: 'push' });
      expect(repo.topics).toEqual(['backend', 'orders']);
      expect(repo.variables).toEqual({ REGION: 'eu-west-1' });
      // The stand-in opens the sealed box with the repository's private key, as GitHub does.
      expect(repo.secrets).toEqual({ DEPLOY_KEY: 's3cr3t value' });
      const sent = github.exchanges.find(e => e.operationId === 'actions/create-or-update-repo-secret')!;
      expect(JSON.stringify(sent.body)).not.toContain('s3cr3t');
    });
  });

  it("creates a user's repository through /user/repos, and refuses internal visibility there", async () => {
    const action = createPublishGithubAction(deps());
    await withWorkspace(parse(action, { repoUrl: `${HOST}?owner=octo&repo=dotfiles`, protectDefaultBranch: false }), { 'a.txt': 'a' }, async ctx => {
      await action.handler(ctx);
      expect(github.exchanges.filter(e => e.operationId === 'repos/create-for-authenticated-user')).toHaveLength(1);
      expect(github.repos.get('octo/dotfiles')!.protection).toEqual({});
    });
    await withWorkspace(parse(action, { repoUrl: `${HOST}?owner=octo&repo=internal-one`, repoVisibility: 'internal' }), {}, async ctx => {
      await expect(action.handler(ctx)).rejects.toThrow(/octo is a user account on ghe\.example\.test: internal visibility/);
    });
  });

  it('calls nothing in a dry run and outputs the addresses the repository would have', async () => {
    const before = github.exchanges.length;
    const action = createPublishGithubAction(deps({ apiBaseUrl: `http://127.0.0.1:${closedPort}/api/v3` }));
    await withWorkspace(
      parse(action, { repoUrl: `${HOST}?owner=acme&repo=dry`, defaultBranch: 'trunk' }),
      skeleton,
      async ctx => {
        await action.handler(ctx);
        expect(ctx.outputs).toEqual({
          remoteUrl: `https://${HOST}/acme/dry.git`,
          repoContentsUrl: `https://${HOST}/acme/dry/blob/trunk`,
          commitHash: '0000000000000000000000000000000000000000',
        });
        expect(ctx.logs.join('\n')).toMatch(/would create acme\/dry on ghe\.example\.test and push 3 file\(s\)/);
      },
      true,
    );
    expect(github.exchanges.length).toBe(before);
    expect(github.repos.has('acme/dry')).toBe(false);
  });

  it('names the host, the URL and the cause when GitHub cannot be reached', async () => {
    const action = createPublishGithubAction(deps({ apiBaseUrl: `http://127.0.0.1:${closedPort}/api/v3` }));
    await withWorkspace(parse(action, { repoUrl: `${HOST}?owner=acme&repo=x` }), {}, async ctx => {
      await expect(action.handler(ctx)).rejects.toThrow(
        new RegExp(`^Could not reach GitHub at ghe\\.example\\.test: GET http://127\\.0\\.0\\.1:${closedPort}/api/v3/users/acme failed: .*ECONNREFUSED`),
      );
    });
  });

  it("names the status and GitHub's message when it refuses, without the token", async () => {
    const action = createPublishGithubAction(deps());
    await withWorkspace(parse(action, { repoUrl: `${HOST}?owner=acme&repo=orders` }), {}, async ctx => {
      const error = await action.handler(ctx).catch((e: unknown) => e as Error);
      expect(String(error)).toMatch(
        /GitHub at ghe\.example\.test answered POST http:\/\/127\.0\.0\.1:\d+\/api\/v3\/orgs\/acme\/repos with HTTP 422: Repository creation failed\.; name already exists on this account/,
      );
      expect(String(error)).not.toContain(github.gitHost.writeToken);
    });
  });

  it('says which scope a token lacks', async () => {
    const action = createPublishGithubAction(deps());
    await withWorkspace(parse(action, { repoUrl: `${HOST}?owner=acme&repo=scoped`, token: github.gitHost.readToken }), {}, async ctx => {
      await expect(action.handler(ctx)).rejects.toThrow(
        /answered POST .*\/orgs\/acme\/repos with HTTP 403: Resource not accessible by personal access token; the token needs the "repo" or "public_repo" scope \(it has read:org, gist\)/,
      );
    });
  });

  it('refuses a GitHub Enterprise host without apiBaseUrl and a host with no integration, before any request', async () => {
    const action = createPublishGithubAction({ integrations: [{ host: HOST, token: 't' }] });
    await withWorkspace(parse(action, { repoUrl: `${HOST}?owner=acme&repo=x` }), {}, async ctx => {
      await expect(action.handler(ctx)).rejects.toThrow(/integration for ghe\.example\.test has no apiBaseUrl.*https:\/\/ghe\.example\.test\/api\/v3/);
    });
    await withWorkspace(parse(action, { repoUrl: 'git.elsewhere.test?owner=acme&repo=x' }), {}, async ctx => {
      await expect(action.handler(ctx)).rejects.toThrow(/No GitHub integration is configured for git\.elsewhere\.test/);
    });
  });

  it("authenticates as a GitHub App's installation on the owner's account", async () => {
    const action = createPublishGithubAction(deps({ token: undefined, apps: [{ appId: 4242, privateKey: app.privateKey }] }));
    await withWorkspace(
      parse(action, { repoUrl: `${HOST}?owner=robots&repo=fleet`, protectDefaultBranch: false }),
      { 'fleet.yaml': 'size: 3\n' },
      async ctx => {
        await action.handler(ctx);
        const tokenRequest = github.exchanges.find(e => e.operationId === 'apps/create-installation-access-token')!;
        expect(tokenRequest).toMatchObject({ status: 201, path: '/api/v3/app/installations/7/access_tokens' });
        expect(tokenRequest.authorization).toMatch(/^bearer /i);
        const created = github.exchanges.find(e => e.operationId === 'repos/create-in-org' && e.path === '/api/v3/orgs/robots/repos')!;
        expect(created.authorization).toBe(`token ${github.gitHost.serviceToken}`);
        expect(await cloneFiles(github.repos.get('robots/fleet')!.cloneUrl, 'main', github.gitHost.readToken)).toEqual({ 'fleet.yaml': 'size: 3\n' });
      },
    );
  });
});

describe('github:repo:create and github:repo:push', () => {
  it('creates an empty repository, then pushes to it and protects the branch', async () => {
    const create = createGithubRepoCreateAction(deps());
    await withWorkspace(parse(create, { repoUrl: `${HOST}?owner=acme&repo=two-step`, topics: ['Two'] }), {}, async ctx => {
      await create.handler(ctx);
      expect(ctx.outputs.remoteUrl).toBe(github.repos.get('acme/two-step')!.cloneUrl);
      expect(github.repos.get('acme/two-step')!.topics).toEqual(['two']);
    });
    const push = createGithubRepoPushAction(deps());
    await withWorkspace(
      parse(push, { repoUrl: `${HOST}?owner=acme&repo=two-step`, sourcePath: 'site', requiredCommitSigning: true }),
      { 'site/index.md': '# Hi\n', 'other.txt': 'not pushed' },
      async ctx => {
        await push.handler(ctx);
        const repo = github.repos.get('acme/two-step')!;
        expect(ctx.outputs.repoContentsUrl).toBe(`${repo.htmlUrl}/blob/main`);
        expect(await cloneFiles(repo.cloneUrl, 'main', github.gitHost.readToken)).toEqual({ 'index.md': '# Hi\n' });
        expect(Object.keys(repo.protection)).toEqual(['main']);
        expect(repo.signedCommitsRequired).toEqual(['main']);
      },
    );
  });
});
