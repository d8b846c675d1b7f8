import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext, type TestActionContext } from '../../__fixtures__/actionContext.js';
import type { TemplateAction } from '../types.js';
import { startGitlabStandIn, type GitlabStandIn } from './__fixtures__/gitlabStandIn.js';
import { createGitlabGroupEnsureExistsAction, createGitlabPipelineTriggerAction, createGitlabProjectVariableAction } from './gitlabApiActions.js';
import { createPublishGitlabAction } from './publishGitlab.js';

const run = promisify(execFile);
const HOST = 'gitlab.example.test';

let gitHost: TestGitHost;
let gitlab: GitlabStandIn;
let ctx: TestActionContext<unknown>;

beforeAll(async () => {
  gitHost = await startTestGitHost();
  gitlab = await startGitlabStandIn(gitHost);
});
afterAll(async () => {
  await gitlab.close();
  await gitHost.close();
});
afterEach(async () => {
  await ctx?.cleanup();
  expect(gitlab.schemaProblems).toEqual([]);
});

const deps = (apiBaseUrl = gitlab.apiBaseUrl, token = gitlab.token) => ({
  integrations: [{ type: 'gitlab' as const, host: HOST, token }],
  apiBaseUrls: { [HOST]: apiBaseUrl },
});

/** The skeleton a template would have rendered into the workspace. */
const SKELETON: Record<string, string> = {
  'README.md': '# orders\n',
  'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\n',
  'src/index.ts': 'export {};\n',
};

async function runAction(action: TemplateAction, input: Record<string, unknown>) {
  ctx = await createActionContext<unknown>(action.schema.input.parse(input));
  for (const [file, content] of Object.entries(SKELETON)) {
    await fs.promises.mkdir(path.dirname(path.join(ctx.workspacePath, file)), { recursive: true });
    await fs.promises.writeFile(path.join(ctx.workspacePath, file), content);
  }
  await action.handler(ctx as never);
  return ctx.outputs;
}

async function cloneFiles(url: string, branch: string): Promise<Record<string, string>> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gitlab-clone-'));
  try {
    await run('git', ['-c', `http.extraHeader=Authorization: Bearer ${gitHost.readToken}`, 'clone', '-q', '-b', branch, url, dir]);
    const { stdout } = await run('git', ['-C', dir, 'ls-files']);
    const files = stdout.trim().split('\n');
    return Object.fromEntries(await Promise.all(files.map(async file => [file, await fs.promises.readFile(path.join(dir, file), 'utf8')] as const)));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

describe('publish:gitlab against a GitLab stand-in, through gitbeaker', () => {
  it('creates the project in its namespace with settings, pushes the skeleton, then branches and variables', async () => {
    const out = await runAction(createPublishGitlabAction(deps()), {
      repoUrl: `${HOST}?owner=acme&repo=orders`,
      description: 'Orders service',
      repoVisibility: 'internal',
      defaultBranch: 'main',
      gitCommitMessage: 'Scaffolded',
      gitAuthorName: 'Jane',
      gitAuthorEmail: 'jane@example.com',
      topics: ['payments'],
      settings: { ci_config_path: '.gitlab/ci.yml', merge_method: 'ff' },
      setUserAsOwner: true,
      branches: [{ name: 'develop', create: true, protect: true }],
      projectVariables: [{ key: 'DEPLOY_ENV', value: 'staging', protected: true }],
    });
    const project = gitlab.projects.find(p => p.path_with_namespace === 'acme/orders')!;
    expect(project).toMatchObject({
      visibility: 'internal',
      description: 'Orders service',
      topics: ['payments'],
      settings: { ci_config_path: '.gitlab/ci.yml', merge_method: 'ff' },
    });
    expect(out).toEqual({
      remoteUrl: 'http://gitlab.test/acme/orders',
      repoContentsUrl: 'http://gitlab.test/acme/orders/-/blob/main',
      projectId: project.id,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    // What was pushed is the rendered skeleton, file for file.
    expect(await cloneFiles(project.http_url_to_repo, 'main')).toEqual(SKELETON);
    expect(await cloneFiles(project.http_url_to_repo, 'develop')).toEqual(SKELETON);
    const { stdout: log } = await run('git', ['--git-dir', project.repoDir, 'log', '-1', '--format=%H %an <%ae> %s', 'main']);
    expect(log.trim()).toBe(`${out.commitHash} Jane <jane@example.com> Scaffolded`);
    expect(gitlab.protectedBranches.get(project.id)).toEqual(['develop']);
    expect(gitlab.members.get(project.id)).toEqual([{ id: 7, username: 'jane', access_level: 50 }]);
    expect(gitlab.variables.get(project.id)).toEqual([
      expect.objectContaining({ key: 'DEPLOY_ENV', value: 'staging', protected: true, environment_scope: '*' }),
    ]);
  });

  it('says what GitLab refused: the status, its message, and the scope a token lacks', async () => {
    const input = { repoUrl: `${HOST}?owner=acme&repo=orders` };
    await expect(runAction(createPublishGitlabAction(deps()), input)).rejects.toThrow(
      `Creating the project acme/orders failed: GitLab at ${HOST} answered HTTP 400 to POST ${gitlab.apiBaseUrl}/projects: path has already been taken; name has already been taken.`,
    );
    await expect(runAction(createPublishGitlabAction(deps()), { repoUrl: `${HOST}?owner=nobody&repo=x` })).rejects.toThrow(
      /answered HTTP 404 .*namespaces\/nobody: 404 Namespace Not Found/,
    );
    await expect(runAction(createPublishGitlabAction(deps(undefined, gitlab.readOnlyToken)), { repoUrl: `${HOST}?owner=acme&repo=new` })).rejects.toThrow(
      /answered HTTP 403 to POST .*\/projects: insufficient_scope\. The token needs the "api" scope/,
    );
    await expect(runAction(createPublishGitlabAction(deps(undefined, 'wrong')), { repoUrl: `${HOST}?owner=acme&repo=new` })).rejects.toThrow(
      /answered HTTP 401 to GET .*namespaces\/acme: 401 Unauthorized\. The token needs the "api" scope/,
    );
  });

  it('names the host, the URL and the cause when GitLab cannot be reached', async () => {
    // A port nothing listens on: one that was free a moment ago.
    const probe = http.createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise(resolve => probe.close(resolve));
    const closed = `http://127.0.0.1:${port}/api/v4`;
    await expect(runAction(createPublishGitlabAction(deps(closed)), { repoUrl: `${HOST}?owner=acme&repo=x` })).rejects.toThrow(
      `Looking up the namespace acme failed: GitLab at ${HOST} (${closed}) could not be reached: ECONNREFUSED`,
    );
    await expect(runAction(createPublishGitlabAction({ integrations: [], apiBaseUrls: {} }), { repoUrl: `${HOST}?owner=acme&repo=x` })).rejects.toThrow(
      /No GitLab integration is configured for gitlab.example.test/,
    );
  });
});

describe('the other GitLab actions', () => {
  it('gitlab:group:ensureExists creates only the missing groups of a path', async () => {
    const out = await runAction(createGitlabGroupEnsureExistsAction(deps()), { repoUrl: HOST, path: 'acme/platform/tools' });
    const tools = gitlab.groups.find(g => g.full_path === 'acme/platform/tools')!;
    expect(out.groupId).toBe(tools.id);
    expect(gitlab.groups.find(g => g.id === tools.parent_id)?.full_path).toBe('acme/platform');
    const again = await runAction(createGitlabGroupEnsureExistsAction(deps()), { repoUrl: HOST, path: ['acme', 'platform', 'tools'] });
    expect(again.groupId).toBe(tools.id);
    expect(gitlab.groups.filter(g => g.full_path.startsWith('acme/platform'))).toHaveLength(2);
  });

  it('gitlab:projectVariable:create and gitlab:pipeline:trigger act on a project by path', async () => {
    await runAction(createPublishGitlabAction(deps()), { repoUrl: `${HOST}?owner=acme&repo=billing` });
    const project = gitlab.projects.find(p => p.path_with_namespace === 'acme/billing')!;
    await runAction(createGitlabProjectVariableAction(deps()), {
      repoUrl: HOST,
      projectId: 'acme/billing',
      key: 'TOKEN',
      value: 's3cret',
      masked: true,
      variableType: 'file',
    });
    expect(gitlab.variables.get(project.id)).toEqual([expect.objectContaining({ key: 'TOKEN', masked: true, variable_type: 'file' })]);
    await expect(runAction(createGitlabProjectVariableAction(deps()), { repoUrl: HOST, projectId: project.id, key: 'TOKEN', value: 'x' })).rejects.toThrow(
      /HTTP 400 to POST .*\/variables: key \(TOKEN\) has already been taken\./,
    );
    const out = await runAction(createGitlabPipelineTriggerAction(deps()), {
      repoUrl: HOST,
      projectId: project.id,
      branch: 'main',
      variables: { DEPLOY: 'yes' },
    });
    expect(out.pipelineUrl).toMatch(/^http:\/\/gitlab.test\/acme\/billing\/-\/pipelines\/\d+$/);
    expect(gitlab.pipelines).toContainEqual({ projectId: project.id, ref: 'main', variables: { DEPLOY: 'yes' } });
    // The trigger token was made for the run and removed after it.
    expect(gitlab.triggers.get(project.id)).toEqual([]);
  });
});
