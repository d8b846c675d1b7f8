import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext } from '../../__fixtures__/actionContext.js';
import { createPublishGitAction } from './publishGit.js';
import { createPublishGithubAction, createPublishGitlabAction } from './publishHosted.js';

const run = promisify(execFile);

// A small stand-in for the GitHub and GitLab REST APIs: it creates the repository on a real git
// host, so the push that follows is a real one.
let gitHost: TestGitHost;
let api: http.Server;
let apiUrl: string;
const calls: Array<{ method: string; path: string; auth?: string; body: unknown }> = [];

beforeAll(async () => {
  gitHost = await startTestGitHost();
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    calls.push({ method: req.method, path: req.path, auth: req.headers.authorization ?? (req.headers['private-token'] as string), body: req.body });
    next();
  });
  const created = async (owner: string, name: string) => gitHost.host.createRepository({ owner, name });
  app.get('/github/users/:owner', (req, res) => res.json({ type: req.params.owner === 'acme' ? 'Organization' : 'User' }));
  app.post('/github/orgs/:owner/repos', async (req, res) => {
    if (req.headers.authorization !== `Bearer ${gitHost.writeToken}`) return void res.status(401).json({ message: 'Bad credentials' });
    const repo = await created(req.params.owner, req.body.name);
    res.status(201).json({ clone_url: repo.cloneUrl, html_url: repo.cloneUrl.replace(/\.git$/, '') });
  });
  app.post('/github/user/repos', (_req, res) => void res.status(422).json({ message: 'name already exists on this account' }));
  app.get('/gitlab/namespaces/:owner', (req, res) => res.json({ id: 42, path: req.params.owner }));
  app.post('/gitlab/projects', async (req, res) => {
    const repo = await created('group-42', req.body.path);
    res.status(201).json({ http_url_to_repo: repo.cloneUrl, web_url: repo.cloneUrl.replace(/\.git$/, '') });
  });
  api = http.createServer(app);
  await new Promise<void>(resolve => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => api.close(resolve));
  await gitHost.close();
});

const deps = () => ({
  integrations: [
    { type: 'github' as const, host: 'github.example.test', token: gitHost.writeToken },
    { type: 'gitlab' as const, host: 'gitlab.example.test', token: gitHost.writeToken },
  ],
  apiBaseUrls: { 'github.example.test': `${apiUrl}/github`, 'gitlab.example.test': `${apiUrl}/gitlab` },
});

async function cloneAndRead(url: string, file: string): Promise<string> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'publish-clone-'));
  try {
    await run('git', ['-c', `http.extraHeader=Authorization: Bearer ${gitHost.readToken}`, 'clone', '-q', url, dir]);
    return await fs.promises.readFile(path.join(dir, file), 'utf8');
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

const input = (repoUrl: string) => ({
  repoUrl,
  defaultBranch: 'main',
  gitCommitMessage: 'Initial commit',
  repoVisibility: 'private' as const,
  description: 'd',
});

describe('publish:github and publish:gitlab', () => {
  it('creates the repository through the API, pushes, and gives Backstage’s outputs', async () => {
    const ctx = await createActionContext(input('github.example.test?owner=acme&repo=widgets'));
    try {
      await fs.promises.writeFile(path.join(ctx.workspacePath, 'README.md'), 'widgets');
      await createPublishGithubAction(deps()).handler(ctx);
      expect(ctx.outputs.remoteUrl).toBe(`${gitHost.baseUrl}/git/acme/widgets.git`);
      expect(ctx.outputs.repoContentsUrl).toBe(`${gitHost.baseUrl}/git/acme/widgets/blob/main`);
      expect(ctx.outputs.commitHash).toMatch(/^[0-9a-f]{40}$/);
      expect(calls.find(c => c.path === '/github/orgs/acme/repos')?.body).toMatchObject({ name: 'widgets', private: true, description: 'd' });
      expect(await cloneAndRead(ctx.outputs.remoteUrl as string, 'README.md')).toBe('widgets');
    } finally {
      await ctx.cleanup();
    }
  });

  it('reports the API’s refusal without the token', async () => {
    const ctx = await createActionContext(input('github.example.test?owner=someone&repo=taken'));
    try {
      const error = await createPublishGithubAction(deps())
        .handler(ctx)
        .catch(e => e as Error);
      expect(String(error)).toMatch(/HTTP 422: name already exists/);
      expect(String(error)).not.toContain(gitHost.writeToken);
    } finally {
      await ctx.cleanup();
    }
  });

  it('publishes to GitLab', async () => {
    const ctx = await createActionContext(input('gitlab.example.test?owner=platform&repo=lib'));
    try {
      await fs.promises.writeFile(path.join(ctx.workspacePath, 'index.ts'), 'export {}');
      await createPublishGitlabAction(deps()).handler(ctx);
      expect(ctx.outputs.repoContentsUrl).toBe(`${gitHost.baseUrl}/git/group-42/lib/-/blob/main`);
      expect(calls.find(c => c.path === '/gitlab/projects')).toMatchObject({
        auth: gitHost.writeToken,
        body: { path: 'lib', namespace_id: 42, visibility: 'private' },
      });
      expect(await cloneAndRead(ctx.outputs.remoteUrl as string, 'index.ts')).toBe('export {}');
    } finally {
      await ctx.cleanup();
    }
  });

  it('publish:git refuses hosts with no integration and repo names that could leave the git directory', async () => {
    const action = createPublishGitAction({
      gitHost: gitHost.host,
      localHost: new URL(gitHost.baseUrl).host,
      serviceToken: gitHost.serviceToken,
      integrations: [],
    });
    for (const repoUrl of [
      'unknown.example.test?owner=a&repo=b',
      `${new URL(gitHost.baseUrl).host}?owner=..&repo=x`,
      `${new URL(gitHost.baseUrl).host}?owner=a&repo=../../x`,
    ]) {
      const ctx = await createActionContext({ ...input(repoUrl) });
      try {
        await expect(action.handler(ctx)).rejects.toThrow(/integration|not valid/);
      } finally {
        await ctx.cleanup();
      }
    }
  });
});
