import { verify } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import git from 'isomorphic-git';
import sodium from 'libsodium-wrappers';
import { flattenTree, seedBranch, writeNestedTree, type TreeFile } from './bareRepository.js';
import { GithubOpenApi } from './githubOpenApi.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = Record<string, Json>;

export interface FakeRepository {
  owner: string;
  name: string;
  gitdir: string;
  cloneUrl: string;
  htmlUrl: string;
  defaultBranch: string;
  /** The body it was created with, and later updates. */
  settings: Body;
  topics: string[];
  collaborators: Record<string, string>;
  teams: Record<string, string>;
  variables: Record<string, string>;
  /** Secrets as GitHub would decrypt them. */
  secrets: Record<string, string>;
  protection: Record<string, Body>;
  signedCommitsRequired: string[];
  hooks: Body[];
  pages?: Body;
  environments: Record<string, { settings: Body; policies: Body[]; variables: Record<string, string>; secrets: Record<string, string> }>;
  pulls: Array<{
    number: number;
    title: string;
    body: string;
    head: string;
    base: string;
    draft: boolean;
    state: 'open' | 'closed';
    reviewers: string[];
    teamReviewers: string[];
  }>;
  dispatches: Array<{ workflowId: string; body: Body }>;
  labels: Record<number, string[]>;
}

export interface RecordedExchange {
  method: string;
  path: string;
  operationId?: string;
  authorization?: string;
  body: unknown;
  status: number;
  response: unknown;
}

export interface FakeGithubApp {
  appId: number;
  /** PEM: the stand-in checks each app JWT's RS256 signature with it. */
  publicKey: string;
  installations: Array<{ id: number; account: string }>;
}

export interface FakeGithubOptions {
  /** Account logins and whether each is a user or an organisation. */
  accounts: Record<string, 'User' | 'Organization'>;
  /** Tokens by value: whose they are and their classic OAuth scopes. The git host's tokens work as they are. */
  tokens: (gitHost: TestGitHost) => Record<string, { login: string; scopes: string[] }>;
  apps?: FakeGithubApp[];
}

export interface FakeGithub {
  /** `http://127.0.0.1:port/api/v3`, as a GitHub Enterprise Server's API base would be. */
  apiBaseUrl: string;
  gitHost: TestGitHost;
  repos: Map<string, FakeRepository>;
  exchanges: RecordedExchange[];
  /** Requests or responses that do not match GitHub's published description; tests expect none. */
  violations: string[];
  /** A repository that already exists, with text files on its default branch. */
  addRepository(owner: string, name: string, files: Record<string, string>): Promise<FakeRepository>;
  close(): Promise<void>;
}

interface Call {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Body;
  login: string;
  repo?: FakeRepository;
}
type Reply = { status: number; body?: Json; headers?: Record<string, string> };
interface Route {
  /** Classic OAuth scopes that allow the call; none means any authenticated caller. */
  scopes?: string[];
  handle(call: Call): Promise<Reply> | Reply;
}

/** GitHub's error body: a message, a link to the docs, and for validation failures the problems. */
const failure = (status: number, message: string, errors?: Json[]): Reply => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest', ...(errors ? { errors } : {}) },
});
const notFound = failure(404, 'Not Found');

function decodeJwt(token: string, publicKey: string): { iss?: string | number } | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  return ok ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss?: string | number }) : undefined;
}

/**
 * A stand-in for GitHub's REST API that does just what the portal's GitHub actions ask of it,
 * against real bare repositories served over smart HTTP by the portal's own git host. Each request
 * and each response is checked against GitHub's published OpenAPI description.
 */
export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const openApi = GithubOpenApi.load();
  await sodium.ready;
  const gitHost = await startTestGitHost();
  const tokens = options.tokens(gitHost);
  const keyPair = sodium.crypto_box_keypair();
  const publicKey = { key_id: '3380204578043523366', key: sodium.to_base64(keyPair.publicKey, sodium.base64_variants.ORIGINAL) };
  const open = (sealed: string) =>
    sodium.to_string(sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), keyPair.publicKey, keyPair.privateKey));
  const installationTokens = new Map<string, string>();
  const repos = new Map<string, FakeRepository>();
  const exchanges: RecordedExchange[] = [];
  const violations: string[] = [];
  let nextId = 1000;
  let webBase = '';

  const fill = (operationId: string, status: number, values: Json) => openApi.fill(openApi.responseSchema(operationId, status), values);
  const account = (login: string) => ({ login, id: 1, type: options.accounts[login] ?? 'User', html_url: `${webBase}/${login}` });
  const repoJson = (repo: FakeRepository) => ({
    ...repo.settings,
    id: 1,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: account(repo.owner),
    private: repo.settings.private ?? true,
    visibility: (repo.settings.visibility as string | undefined) ?? (repo.settings.private === false ? 'public' : 'private'),
    html_url: repo.htmlUrl,
    clone_url: repo.cloneUrl,
    default_branch: repo.defaultBranch,
    topics: repo.topics,
  });
  const refJson = (repo: FakeRepository, ref: string, sha: string) => ({
    ref,
    node_id: 'REF_node',
    url: `${webBase}/api/v3/repos/${repo.owner}/${repo.name}/git/${ref}`,
    object: { type: 'commit', sha, url: `${webBase}/api/v3/repos/${repo.owner}/${repo.name}/git/commits/${sha}` },
  });
  const commitJson = async (repo: FakeRepository, sha: string) => {
    const { commit } = await git.readCommit({ fs, gitdir: repo.gitdir, oid: sha });
    const person = (p: typeof commit.author) => ({ name: p.name, email: p.email, date: new Date(p.timestamp * 1000).toISOString() });
    return {
      sha,
      message: commit.message,
      author: person(commit.author),
      committer: person(commit.committer),
      tree: { sha: commit.tree, url: `${webBase}/trees/${commit.tree}` },
      parents: commit.parent.map(p => ({ sha: p, url: `${webBase}/commits/${p}`, html_url: `${webBase}/commit/${p}` })),
    };
  };
  const resolveBranch = async (repo: FakeRepository, ref: string) => {
    try {
      return await git.resolveRef({ fs, gitdir: repo.gitdir, ref: `refs/${ref}` });
    } catch {
      return undefined;
    }
  };
  const pullJson = (repo: FakeRepository, pull: FakeRepository['pulls'][number]) => ({
    number: pull.number,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    state: pull.state,
    html_url: `${repo.htmlUrl}/pull/${pull.number}`,
    head: { ref: pull.head, label: `${repo.owner}:${pull.head}`, sha: 'placeholder', repo: repoJson(repo), user: account(repo.owner) },
    base: { ref: pull.base, label: `${repo.owner}:${pull.base}`, sha: 'placeholder', repo: repoJson(repo), user: account(repo.owner) },
    requested_reviewers: pull.reviewers.map(login => account(login)),
  });

  const createRepo = async (operationId: string, owner: string, body: Body): Promise<Reply> => {
    const name = String(body.name);
    if (repos.has(`${owner}/${name}`)) {
      return failure(422, 'Repository creation failed.', [
        { resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' },
      ]);
    }
    const hosted = await gitHost.host.createRepository({ owner, name });
    const repo = newRepository(owner, name, hosted.cloneUrl, body);
    return { status: 201, body: fill(operationId, 201, repoJson(repo)) };
  };
  const newRepository = (owner: string, name: string, cloneUrl: string, settings: Body): FakeRepository => {
    const repo: FakeRepository = {
      owner,
      name,
      gitdir: path.join(gitHost.directory, owner, `${name}.git`),
      cloneUrl,
      htmlUrl: `${webBase}/${owner}/${name}`,
      defaultBranch: 'main',
      settings,
      topics: [],
      collaborators: {},
      teams: {},
      variables: {},
      secrets: {},
      protection: {},
      signedCommitsRequired: [],
      hooks: [],
      environments: {},
      pulls: [],
      dispatches: [],
      labels: {},
    };
    repos.set(`${owner}/${name}`, repo);
    return repo;
  };

  const routes: Record<string, Route> = {
    'users/get-by-username': {
      handle: ({ params }) =>
        options.accounts[params.username!]
          ? { status: 200, body: fill('users/get-by-username', 200, { ...account(params.username!), type: options.accounts[params.username!]! }) }
          : notFound,
    },
    'repos/create-in-org': { scopes: ['repo', 'public_repo'], handle: ({ params, body }) => createRepo('repos/create-in-org', params.org!, body) },
    'repos/create-for-authenticated-user': {
      scopes: ['repo', 'public_repo'],
      handle: ({ login, body }) => createRepo('repos/create-for-authenticated-user', login, body),
    },
    'repos/get': { scopes: ['repo'], handle: ({ repo }) => ({ status: 200, body: fill('repos/get', 200, repoJson(repo!)) }) },
    'repos/update': {
      scopes: ['repo'],
      handle: ({ repo, body }) => {
        Object.assign(repo!.settings, body);
        return { status: 200, body: fill('repos/update', 200, repoJson(repo!)) };
      },
    },
    'repos/update-branch-protection': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        repo!.protection[params.branch!] = body;
        return { status: 200, body: fill('repos/update-branch-protection', 200, { url: `${repo!.htmlUrl}/branches/${params.branch}/protection` }) };
      },
    },
    'repos/create-commit-signature-protection': {
      scopes: ['repo'],
      handle: ({ repo, params }) => {
        repo!.signedCommitsRequired.push(params.branch!);
        return { status: 200, body: { url: `${repo!.htmlUrl}/protection/required_signatures`, enabled: true } };
      },
    },
    'repos/add-collaborator': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        repo!.collaborators[params.username!] = String(body.permission ?? 'push');
        return { status: 204 };
      },
    },
    'teams/add-or-update-repo-permissions-in-org': {
      scopes: ['repo'],
      handle: ({ params, body }) => {
        const repo = repos.get(`${params.owner}/${params.repo}`);
        if (!repo) return notFound;
        repo.teams[params.team_slug!] = String(body.permission ?? 'push');
        return { status: 204 };
      },
    },
    'repos/replace-all-topics': {
      scopes: ['repo'],
      handle: ({ repo, body }) => {
        repo!.topics = body.names as string[];
        return { status: 200, body: { names: repo!.topics } };
      },
    },
    'actions/create-repo-variable': {
      scopes: ['repo'],
      handle: ({ repo, body }) => {
        repo!.variables[String(body.name)] = String(body.value);
        return { status: 201, body: {} };
      },
    },
    'actions/get-repo-public-key': { scopes: ['repo'], handle: () => ({ status: 200, body: publicKey }) },
    'actions/create-or-update-repo-secret': {
      scopes: ['repo'],
      handle: ({ repo, params, body }): Reply => {
        if (body.key_id !== publicKey.key_id) return failure(422, 'Bad key id');
        repo!.secrets[params.secret_name!] = open(String(body.encrypted_value));
        return { status: 201, body: {} };
      },
    },
    'git/get-ref': {
      scopes: ['repo'],
      handle: async ({ repo, params }) => {
        const sha = await resolveBranch(repo!, params.ref!);
        return sha ? { status: 200, body: refJson(repo!, `refs/${params.ref}`, sha) } : notFound;
      },
    },
    'git/create-blob': {
      scopes: ['repo'],
      handle: async ({ repo, body }) => {
        const blob = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
        const sha = await git.writeBlob({ fs, gitdir: repo!.gitdir, blob });
        return { status: 201, body: { url: `${repo!.htmlUrl}/blobs/${sha}`, sha } };
      },
    },
    'git/get-commit': {
      scopes: ['repo'],
      handle: async ({ repo, params }) => ({ status: 200, body: fill('git/get-commit', 200, await commitJson(repo!, params.commit_sha!)) }),
    },
    'git/create-tree': {
      scopes: ['repo'],
      handle: async ({ repo, body }) => {
        const gitdir = repo!.gitdir;
        const files = body.base_tree ? await flattenTree(gitdir, String(body.base_tree)) : new Map<string, TreeFile>();
        for (const entry of body.tree as Body[]) {
          const entryPath = String(entry.path);
          if (entry.sha === null) files.delete(entryPath);
          else if (typeof entry.content === 'string')
            files.set(entryPath, { mode: String(entry.mode), oid: await git.writeBlob({ fs, gitdir, blob: Buffer.from(entry.content) }) });
          else files.set(entryPath, { mode: String(entry.mode), oid: String(entry.sha) });
        }
        const sha = await writeNestedTree(gitdir, files);
        const { tree } = await git.readTree({ fs, gitdir, oid: sha });
        return {
          status: 201,
          body: fill('git/create-tree', 201, {
            sha,
            url: `${repo!.htmlUrl}/trees/${sha}`,
            truncated: false,
            tree: tree.map(e => ({ path: e.path, mode: e.mode, type: e.type, sha: e.oid })),
          }),
        };
      },
    },
    'git/create-commit': {
      scopes: ['repo'],
      handle: async ({ repo, body }) => {
        const author = body.author as { name: string; email: string; date?: string };
        const who = {
          name: author.name,
          email: author.email,
          timestamp: Math.floor(Date.parse(author.date ?? new Date().toISOString()) / 1000),
          timezoneOffset: 0,
        };
        const sha = await git.writeCommit({
          fs,
          gitdir: repo!.gitdir,
          commit: { message: String(body.message), tree: String(body.tree), parent: body.parents as string[], author: who, committer: who },
        });
        const json = await commitJson(repo!, sha);
        return {
          status: 201,
          body: fill('git/create-commit', 201, {
            ...json,
            html_url: `${repo!.htmlUrl}/commit/${sha}`,
            verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
          }),
        };
      },
    },
    'git/create-ref': {
      scopes: ['repo'],
      handle: async ({ repo, body }) => {
        const ref = String(body.ref);
        if (await resolveBranch(repo!, ref.replace(/^refs\//, ''))) return failure(422, 'Reference already exists');
        await git.writeRef({ fs, gitdir: repo!.gitdir, ref, value: String(body.sha) });
        return { status: 201, body: refJson(repo!, ref, String(body.sha)) };
      },
    },
    'git/update-ref': {
      scopes: ['repo'],
      handle: async ({ repo, params, body }) => {
        const current = await resolveBranch(repo!, params.ref!);
        if (!current) return failure(422, 'Reference does not exist');
        const sha = String(body.sha);
        const fastForward = current === sha || (await git.isDescendent({ fs, gitdir: repo!.gitdir, oid: sha, ancestor: current, depth: -1 }));
        if (!fastForward && body.force !== true) return failure(422, 'Update is not a fast forward');
        await git.writeRef({ fs, gitdir: repo!.gitdir, ref: `refs/${params.ref}`, value: sha, force: true });
        return { status: 200, body: refJson(repo!, `refs/${params.ref}`, sha) };
      },
    },
    'pulls/list': {
      scopes: ['repo'],
      handle: ({ repo, query }) => {
        const head = query.get('head');
        const base = query.get('base');
        const state = query.get('state') ?? 'open';
        const found = repo!.pulls.filter(
          p => (!head || `${repo!.owner}:${p.head}` === head) && (!base || p.base === base) && (state === 'all' || p.state === state),
        );
        return {
          status: 200,
          body: fill(
            'pulls/list',
            200,
            found.map(p => pullJson(repo!, p)),
          ),
        };
      },
    },
    'pulls/create': {
      scopes: ['repo'],
      handle: async ({ repo, body }) => {
        const head = String(body.head);
        if (!(await resolveBranch(repo!, `heads/${head}`)))
          return failure(422, 'Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        const pull = {
          number: repo!.pulls.length + 1,
          title: String(body.title),
          body: String(body.body ?? ''),
          head,
          base: String(body.base),
          draft: body.draft === true,
          state: 'open' as const,
          reviewers: [],
          teamReviewers: [],
        };
        repo!.pulls.push(pull);
        return { status: 201, body: fill('pulls/create', 201, pullJson(repo!, pull)) };
      },
    },
    'pulls/update': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const pull = repo!.pulls.find(p => p.number === Number(params.pull_number));
        if (!pull) return failure(422, 'No such pull request');
        if (typeof body.title === 'string') pull.title = body.title;
        if (typeof body.body === 'string') pull.body = body.body;
        return { status: 200, body: fill('pulls/update', 200, pullJson(repo!, pull)) };
      },
    },
    'pulls/request-reviewers': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const pull = repo!.pulls.find(p => p.number === Number(params.pull_number));
        if (!pull) return { status: 422 };
        pull.reviewers.push(...((body.reviewers as string[] | undefined) ?? []));
        pull.teamReviewers.push(...((body.team_reviewers as string[] | undefined) ?? []));
        return { status: 201, body: fill('pulls/request-reviewers', 201, pullJson(repo!, pull)) };
      },
    },
    'actions/create-workflow-dispatch': {
      scopes: ['repo', 'workflow'],
      handle: ({ repo, params, body }) => {
        repo!.dispatches.push({ workflowId: params.workflow_id!, body });
        return { status: 204 };
      },
    },
    'repos/create-webhook': {
      scopes: ['admin:repo_hook', 'write:repo_hook', 'repo'],
      handle: ({ repo, body }) => {
        repo!.hooks.push(body);
        const id = nextId++;
        return {
          status: 201,
          body: fill('repos/create-webhook', 201, {
            id,
            name: 'web',
            active: body.active ?? true,
            events: body.events ?? ['push'],
            config: { ...(body.config as Body), secret: '********' },
          }),
        };
      },
    },
    'repos/create-pages-site': {
      scopes: ['repo'],
      handle: ({ repo, body }) => {
        if (repo!.pages) return failure(409, 'GitHub Pages is already enabled.');
        repo!.pages = body;
        return {
          status: 201,
          body: fill('repos/create-pages-site', 201, {
            build_type: body.build_type ?? 'legacy',
            html_url: `https://${repo!.owner}.pages.example.test/${repo!.name}`,
          }),
        };
      },
    },
    'repos/create-or-update-environment': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const name = params.environment_name!;
        repo!.environments[name] ??= { settings: {}, policies: [], variables: {}, secrets: {} };
        repo!.environments[name].settings = body;
        return {
          status: 200,
          body: fill('repos/create-or-update-environment', 200, { id: nextId++, name, deployment_branch_policy: body.deployment_branch_policy ?? null }),
        };
      },
    },
    'repos/create-deployment-branch-policy': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const environment = repo!.environments[params.environment_name!];
        if (!environment) return { status: 404 };
        environment.policies.push(body);
        return { status: 200, body: { id: nextId++, name: String(body.name), type: String(body.type ?? 'branch') } };
      },
    },
    'actions/create-environment-variable': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const environment = repo!.environments[params.environment_name!];
        if (!environment) return notFound;
        environment.variables[String(body.name)] = String(body.value);
        return { status: 201, body: {} };
      },
    },
    'actions/get-environment-public-key': { scopes: ['repo'], handle: () => ({ status: 200, body: publicKey }) },
    'actions/create-or-update-environment-secret': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const environment = repo!.environments[params.environment_name!];
        if (!environment || body.key_id !== publicKey.key_id) return { status: 204 };
        environment.secrets[params.secret_name!] = open(String(body.encrypted_value));
        return { status: 201, body: {} };
      },
    },
    'issues/add-labels': {
      scopes: ['repo'],
      handle: ({ repo, params, body }) => {
        const labels = (repo!.labels[Number(params.issue_number)] ??= []);
        labels.push(...(body.labels as string[]));
        return {
          status: 200,
          body: fill(
            'issues/add-labels',
            200,
            labels.map((name, i) => ({ id: i + 1, name, color: 'ededed' })),
          ),
        };
      },
    },
  };

  /** App endpoints authenticate with the app's JWT rather than a token. */
  const appRoutes: Record<string, (app: FakeGithubApp, params: Record<string, string>) => Reply> = {
    'apps/list-installations': app => ({
      status: 200,
      body: fill(
        'apps/list-installations',
        200,
        app.installations.map(i => ({ id: i.id, account: account(i.account), app_id: app.appId })),
      ),
    }),
    'apps/create-installation-access-token': (app, params) => {
      const installation = app.installations.find(i => i.id === Number(params.installation_id));
      if (!installation) return notFound;
      // The git host only knows its own tokens, so the installation token is its service token.
      installationTokens.set(gitHost.serviceToken, installation.account);
      return { status: 201, body: fill('apps/create-installation-access-token', 201, { token: gitHost.serviceToken, expires_at: '2099-01-01T00:00:00Z' }) };
    },
  };

  async function answer(req: http.IncomingMessage, raw: string): Promise<{ reply: Reply; operationId?: string; body: unknown }> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const apiPath = url.pathname.replace(/^\/api\/v3/, '');
    const matched = openApi.match(req.method ?? 'GET', apiPath);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return { reply: failure(400, 'Problems parsing JSON'), body: raw };
    }
    if (!matched) {
      violations.push(`${req.method} ${apiPath} is not an operation of GitHub's description`);
      return { reply: notFound, body };
    }
    const { operation, params } = matched;
    const problem = openApi.checkRequest(operation, body);
    if (problem) {
      violations.push(problem);
      return { reply: failure(422, `Invalid request: ${problem}`), operationId: operation.operationId, body };
    }
    const authorization = req.headers.authorization ?? '';
    const [scheme, credential = ''] = authorization.split(' ');
    const appRoute = appRoutes[operation.operationId];
    if (appRoute) {
      const app = (options.apps ?? []).find(a => scheme?.toLowerCase() === 'bearer' && decodeJwt(credential, a.publicKey)?.iss?.toString() === String(a.appId));
      if (!app) return { reply: failure(401, 'A JSON web token could not be decoded'), operationId: operation.operationId, body };
      return { reply: appRoute(app, params), operationId: operation.operationId, body };
    }
    const route = routes[operation.operationId];
    if (!route) {
      violations.push(`The stand-in has no handler for ${operation.operationId}`);
      return { reply: failure(404, 'Not Found'), operationId: operation.operationId, body };
    }
    const installationOwner = installationTokens.get(credential);
    const user = tokens[credential];
    const login = installationOwner ?? user?.login;
    if (!login) return { reply: failure(401, 'Bad credentials'), operationId: operation.operationId, body };
    // Classic tokens carry scopes, and GitHub says which it has and which the endpoint takes.
    const headers: Record<string, string> = installationOwner
      ? {}
      : { 'x-oauth-scopes': user!.scopes.join(', '), 'x-accepted-oauth-scopes': (route.scopes ?? []).join(', ') };
    if (!installationOwner && route.scopes && !route.scopes.some(scope => user!.scopes.includes(scope))) {
      const status = operation.responses.has('403') ? 403 : 404;
      return {
        reply: {
          status,
          headers,
          body: {
            message: status === 403 ? 'Resource not accessible by personal access token' : 'Not Found',
            documentation_url: 'https://docs.github.com/rest',
          },
        },
        operationId: operation.operationId,
        body,
      };
    }
    const repo = params.owner && params.repo ? repos.get(`${params.owner}/${params.repo}`) : undefined;
    if (params.owner && params.repo && !repo && operation.operationId !== 'teams/add-or-update-repo-permissions-in-org') {
      return { reply: { ...notFound, headers }, operationId: operation.operationId, body };
    }
    const reply = await route.handle({ params, query: url.searchParams, body: (body ?? {}) as Body, login, repo });
    return { reply: { ...reply, headers: { ...headers, ...reply.headers } }, operationId: operation.operationId, body };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk as Buffer));
    req.on('end', () => {
      void (async () => {
        const { reply, operationId, body } = await answer(req, Buffer.concat(chunks).toString('utf8')).catch(error => ({
          reply: failure(500, String(error)) as Reply,
          operationId: undefined,
          body: undefined,
        }));
        if (operationId) {
          const matched = openApi.match(req.method ?? 'GET', new URL(req.url ?? '/', 'http://stand-in').pathname.replace(/^\/api\/v3/, ''))!;
          const problem = openApi.checkResponse(matched.operation, reply.status, reply.body);
          if (problem) violations.push(problem);
        }
        exchanges.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          operationId,
          authorization: req.headers.authorization,
          body,
          status: reply.status,
          response: reply.body,
        });
        res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...reply.headers });
        res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      })();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  webBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiBaseUrl: `${webBase}/api/v3`,
    gitHost,
    repos,
    exchanges,
    violations,
    addRepository: async (owner, name, files) => {
      const hosted = await gitHost.host.createRepository({ owner, name });
      const repo = newRepository(owner, name, hosted.cloneUrl, { name, private: true });
      await seedBranch(repo.gitdir, repo.defaultBranch, files);
      return repo;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await gitHost.close();
    },
  };
}
