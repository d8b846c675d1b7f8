import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAuth, createLogger, createPermissionPolicy, createPermissions, errorHandler } from '@portal/backend-common';
import { gitCommandLine, startTestGitHost, type TestGitHost } from '../testing/index.js';
import { createGitHost, type PushEvent } from './createGitHost.js';

const cli = (args: string[], cwd?: string) => gitCommandLine(args, cwd);

describe('the local git host', () => {
  let host: TestGitHost;
  let work: string;
  const pushes: PushEvent[] = [];
  let onNextPush: (() => void) | undefined;

  beforeAll(async () => {
    host = await startTestGitHost({
      onPush: event => {
        pushes.push(event);
        onNextPush?.();
      },
    });
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-git-cli-'));
  });
  afterAll(async () => {
    await host.close();
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  const withToken = (token: string, owner: string, name: string) => `${host.baseUrl.replace('http://', `http://portal:${token}@`)}/git/${owner}/${name}.git`;

  it('creates repositories through the API and lists them', async () => {
    const api = request(host.baseUrl);
    const created = await api
      .post('/api/git/repos')
      .set('Authorization', `Bearer ${host.writeToken}`)
      .send({ owner: 'acme', name: 'payments', description: 'Takes the money' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ owner: 'acme', name: 'payments', cloneUrl: `${host.baseUrl}/git/acme/payments.git` });

    const again = await api.post('/api/git/repos').set('Authorization', `Bearer ${host.writeToken}`).send({ owner: 'acme', name: 'payments' });
    expect(again.status).toBe(409);

    const listed = await api.get('/api/git/repos').set('Authorization', `Bearer ${host.readToken}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        owner: 'acme',
        name: 'payments',
        description: 'Takes the money',
        cloneUrl: `${host.baseUrl}/git/acme/payments.git`,
        webUrl: `${host.baseUrl}/git/acme/payments/tree/main`,
        updatedAt: expect.any(String),
      },
    ]);
  });

  it('refuses bad names, anonymous callers and read-only tokens when creating', async () => {
    const api = request(host.baseUrl);
    for (const name of ['../escape', '..', '.hidden', 'a/b', 'x.git', 'a'.repeat(101)]) {
      const res = await api.post('/api/git/repos').set('Authorization', `Bearer ${host.writeToken}`).send({ owner: 'acme', name });
      expect(res.status, name).toBe(400);
    }
    expect((await api.post('/api/git/repos').send({ owner: 'acme', name: 'anon' })).status).toBe(401);
    const readOnly = await api.post('/api/git/repos').set('Authorization', `Bearer ${host.readToken}`).send({ owner: 'acme', name: 'ro' });
    expect(readOnly.status).toBe(403);
    expect(fs.readdirSync(path.join(host.directory, 'acme')).sort()).toEqual(['payments.git']);
  });

  it('lets the git command line clone and push, and reports pushes from the server side', async () => {
    await host.host.createRepository({ owner: 'acme', name: 'cli' });
    const clone = path.join(work, 'cli');
    await cli(['clone', '--quiet', withToken(host.writeToken, 'acme', 'cli'), clone]);
    await fs.promises.writeFile(path.join(clone, 'catalog-info.yaml'), 'kind: Component\n');
    await cli(['add', '.'], clone);
    await cli(['commit', '--quiet', '-m', 'First'], clone);
    const pushed = new Promise<void>(resolve => (onNextPush = resolve));
    await cli(['push', '--quiet', 'origin', 'HEAD:main'], clone);
    await pushed;
    const commit = await cli(['rev-parse', 'HEAD'], clone);
    expect(pushes.at(-1)).toEqual({
      owner: 'acme',
      repo: 'cli',
      repoUrl: `${host.baseUrl}/git/acme/cli.git`,
      ref: 'refs/heads/main',
      branch: 'main',
      commit,
    });

    // Many branches make git compress its fetch request, which must reach git intact.
    for (let i = 0; i < 60; i++) await cli(['branch', `feature-with-a-long-name-${i}`], clone);
    await cli(['push', '--quiet', 'origin', '--all'], clone);
    const second = path.join(work, 'cli-again');
    await cli(['clone', '--quiet', '--no-single-branch', withToken(host.readToken, 'acme', 'cli'), second]);
    expect(await fs.promises.readFile(path.join(second, 'catalog-info.yaml'), 'utf8')).toBe('kind: Component\n');
    expect((await cli(['branch', '-r'], second)).split('\n')).toHaveLength(62);

    const raw = await request(host.baseUrl).get('/git/acme/cli/blob/main/catalog-info.yaml').set('Authorization', `Bearer ${host.readToken}`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toContain('text/plain');
    expect(raw.text).toBe('kind: Component\n');
  });

  it('asks anonymous git clients for credentials and refuses wrong or read-only tokens', async () => {
    await host.host.createRepository({ owner: 'acme', name: 'guarded' });
    const anonymous = await request(host.baseUrl).get('/git/acme/guarded.git/info/refs?service=git-upload-pack');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="portal"');
    await expect(cli(['clone', '--quiet', `${host.baseUrl}/git/acme/guarded.git`, path.join(work, 'anon')])).rejects.toThrow(/Username|Authentication/);
    await expect(cli(['clone', '--quiet', withToken('not-a-valid-token', 'acme', 'guarded'), path.join(work, 'wrong')])).rejects.toThrow(
      /Authentication failed|401/,
    );

    const clone = path.join(work, 'guarded');
    await cli(['clone', '--quiet', withToken(host.readToken, 'acme', 'guarded'), clone]);
    await fs.promises.writeFile(path.join(clone, 'README.md'), '# Guarded\n');
    await cli(['add', '.'], clone);
    await cli(['commit', '--quiet', '-m', 'Try'], clone);
    await expect(cli(['push', '--quiet', 'origin', 'HEAD:main'], clone)).rejects.toThrow(/403/);
    expect(await cli(['--git-dir', path.join(host.directory, 'acme', 'guarded.git'), 'for-each-ref'])).toBe('');

    const missing = await request(host.baseUrl).get('/git/acme/nothing.git/info/refs?service=git-upload-pack').set('Authorization', `Bearer ${host.readToken}`);
    expect(missing.status).toBe(404);
    const dumb = await request(host.baseUrl).get('/git/acme/guarded.git/HEAD').set('Authorization', `Bearer ${host.readToken}`);
    expect(dumb.status).toBe(404);
  });
});

describe('creating repositories over the API', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-git-owners-'));
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: 'owners-read-token', subject: 'reader', access: 'read' } }] });
  // People as the session resolver would give them: a user and its direct groups.
  const people: Record<string, string[]> = {
    jane: ['user:default/jane', 'group:default/web-team'],
    ops: ['user:default/ops', 'group:default/platform'],
  };
  httpAuth.addResolver(req => {
    const name = req.headers['x-test-user'];
    return typeof name === 'string' ? { type: 'user', userEntityRef: `user:default/${name}`, ownershipEntityRefs: people[name]! } : undefined;
  });
  const permissions = createPermissions({ httpAuth, policy: createPermissionPolicy({ admins: ['group:default/platform'] }) });
  const logger = createLogger({ level: 'silent' });
  const host = createGitHost({ directory: scratch, env: { config: {}, logger, httpAuth, baseUrl: 'http://localhost:7007' }, permissions });
  const app = express();
  app.use('/api/git', httpAuth.middleware, host.plugin.router);
  app.use(errorHandler(logger));
  const create = (who: Record<string, string>, owner: string, name: string) => request(app).post('/api/git/repos').set(who).send({ owner, name });

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('lets people create under their own name and their teams, and only admins elsewhere', async () => {
    expect((await create({ 'x-test-user': 'jane' }, 'web-team', 'checkout-ui')).status).toBe(201);
    expect((await create({ 'x-test-user': 'jane' }, 'jane', 'scratchpad')).status).toBe(201);
    const squat = await create({ 'x-test-user': 'jane' }, 'payments-team', 'ledger');
    expect(squat.status).toBe(403);
    expect(squat.body.error.message).toContain('group:default/payments-team');
    expect((await create({ 'x-test-user': 'ops' }, 'payments-team', 'ledger')).status).toBe(201);
    expect((await create({ authorization: 'Bearer owners-read-token' }, 'web-team', 'read-only')).status).toBe(403);
    expect((await create({}, 'web-team', 'anonymous')).status).toBe(401);
  });
});
