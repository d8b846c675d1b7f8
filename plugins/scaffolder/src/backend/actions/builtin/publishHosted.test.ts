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
import { createPublishGitlabAction } from './publishHosted.js';

const run = promisify(execFile);

// A small stand-in for the GitLab REST API: it creates the repository on a real git
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
  integrations: [{ type: 'gitlab' as const, host: 'gitlab.example.test', token: gitHost.writeToken }],
  apiBaseUrls: { 'gitlab.example.test': `${apiUrl}/gitlab` },
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

describe('publish:gitlab and publish:git', () => {
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
