import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestGitHost } from '@portal/git/testing';
import express from 'express';
import type { z } from 'zod';
import * as schemas from './gitlabSchemas.js';
import { addRepositoryRoutes, defaultBranchOf } from './gitlabStandInRepository.js';

const run = promisify(execFile);

type Project = z.output<typeof schemas.projectSchema> & { settings: Record<string, unknown>; repoDir: string };

export interface GitlabStandIn {
  /** The API base URL, ending in /api/v4. */
  apiBaseUrl: string;
  /** A token with the api and write_repository scopes: the git host's write token, so pushes work. */
  token: string;
  /** A token with only read_api. */
  readOnlyToken: string;
  projects: Project[];
  groups: Array<z.output<typeof schemas.groupSchema>>;
  variables: Map<number, Array<z.output<typeof schemas.variableSchema>>>;
  members: Map<number, Array<z.output<typeof schemas.memberSchema>>>;
  protectedBranches: Map<number, string[]>;
  triggers: Map<number, Array<z.output<typeof schemas.triggerSchema>>>;
  pipelines: Array<{ projectId: number; ref: string; variables: Record<string, string> }>;
  mergeRequests: Array<z.output<typeof schemas.mergeRequestSchema>>;
  /** Every API request, as `METHOD /path`, in order. */
  requests: string[];
  /** Every answer that did not match its schema; a test expects none. */
  schemaProblems: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for the part of GitLab's REST API the GitLab actions use. Projects are real bare
 * repositories on the test git host, so pushes and clones are real; every answer is checked
 * against the response schemas written from GitLab's API reference.
 */
export async function startGitlabStandIn(gitHost: TestGitHost): Promise<GitlabStandIn> {
  const state = {
    projects: [] as Project[],
    groups: [
      { id: 10, name: 'acme', path: 'acme', full_path: 'acme', parent_id: null, visibility: 'private', web_url: 'http://gitlab.test/groups/acme' },
    ] as Array<z.output<typeof schemas.groupSchema>>,
    variables: new Map(),
    members: new Map(),
    protectedBranches: new Map(),
    triggers: new Map(),
    pipelines: [] as GitlabStandIn['pipelines'],
    mergeRequests: [] as GitlabStandIn['mergeRequests'],
    requests: [] as string[],
    schemaProblems: [] as string[],
  };
  const user = { id: 7, username: 'jane', name: 'Jane Doe', state: 'active', web_url: 'http://gitlab.test/jane' };
  const users = [user, { id: 8, username: 'sam', name: 'Sam Roe', state: 'active', web_url: 'http://gitlab.test/sam' }];
  let nextId = 100;
  const app = express();
  app.use(express.json());
  const api = express.Router();
  app.use('/api/v4', api);

  // Each answer is checked against the schema of its route before it is sent.
  const reply = <S extends z.ZodType>(res: express.Response, status: number, schema: S, body: unknown) => {
    const checked = schema.safeParse(body);
    if (!checked.success) state.schemaProblems.push(`${res.req.method} ${res.req.originalUrl}: ${checked.error.message}`);
    res.status(status).json(body);
  };
  const fail = (res: express.Response, status: number, body: z.input<typeof schemas.errorSchema>) => reply(res, status, schemas.errorSchema, body);

  api.use((req, res, next) => {
    state.requests.push(`${req.method} ${req.path}`);
    const token = req.header('private-token');
    if (token === gitHost.writeToken) return next();
    if (token === 'read-only-token') {
      if (req.method === 'GET') return next();
      return fail(res, 403, {
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges than provided by the access token.',
        scope: 'api',
      });
    }
    fail(res, 401, { message: '401 Unauthorized' });
  });

  const projectOf = (req: express.Request, res: express.Response): Project | undefined => {
    const id = String(req.params.id);
    const project = state.projects.find(p => String(p.id) === id || p.path_with_namespace === id);
    if (!project) fail(res, 404, { message: '404 Project Not Found' });
    return project;
  };
  const view = ({ settings: _settings, repoDir: _repoDir, ...project }: Project) => project;

  api.get('/namespaces/:id', (req, res) => {
    const group = state.groups.find(g => g.full_path === req.params.id || String(g.id) === req.params.id);
    if (group)
      return reply(res, 200, schemas.namespaceSchema, {
        id: group.id,
        name: group.name,
        path: group.path,
        kind: 'group',
        full_path: group.full_path,
        parent_id: group.parent_id,
        web_url: group.web_url,
      });
    if (req.params.id === user.username)
      return reply(res, 200, schemas.namespaceSchema, {
        id: 1,
        name: user.name,
        path: user.username,
        kind: 'user',
        full_path: user.username,
        parent_id: null,
        web_url: user.web_url,
      });
    fail(res, 404, { message: '404 Namespace Not Found' });
  });

  api.post('/projects', async (req, res) => {
    const body = schemas.createProjectBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, { message: body.error.message });
    const namespace = state.groups.find(g => g.id === body.data.namespace_id);
    if (!namespace) return fail(res, 404, { message: '404 Namespace Not Found' });
    const projectPath = body.data.path ?? body.data.name!;
    if (state.projects.some(p => p.path_with_namespace === `${namespace.full_path}/${projectPath}`)) {
      return fail(res, 400, { message: { path: ['has already been taken'], name: ['has already been taken'] } });
    }
    const repo = await gitHost.host.createRepository({ owner: namespace.full_path.replace(/\//g, '-'), name: projectPath });
    const project: Project = {
      id: nextId++,
      name: body.data.name ?? projectPath,
      path: projectPath,
      path_with_namespace: `${namespace.full_path}/${projectPath}`,
      description: body.data.description ?? null,
      visibility: body.data.visibility ?? 'private',
      default_branch: null,
      topics: body.data.topics ?? [],
      http_url_to_repo: repo.cloneUrl,
      web_url: `http://gitlab.test/${namespace.full_path}/${projectPath}`,
      namespace: { id: namespace.id, path: namespace.path, full_path: namespace.full_path, kind: 'group' },
      settings: {},
      repoDir: path.join(gitHost.directory, new URL(repo.cloneUrl).pathname.replace(/^\/git\//, '')),
    };
    state.projects.push(project);
    reply(res, 201, schemas.projectSchema, view(project));
  });

  api.get('/projects/:id', async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    project.default_branch = await defaultBranchOf(project.repoDir);
    reply(res, 200, schemas.projectSchema, view(project));
  });

  addRepositoryRoutes(api, { projectOf, reply, fail, users, mergeRequests: state.mergeRequests, nextId: () => nextId++ });

  api.put('/projects/:id', (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    Object.assign(project.settings, req.body);
    reply(res, 200, schemas.projectSchema, view(project));
  });

  api.get('/user', (_req, res) => reply(res, 200, schemas.userSchema, user));

  api.post('/projects/:id/members', (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const member = { id: Number(req.body.user_id), username: user.username, access_level: Number(req.body.access_level) };
    state.members.set(project.id, [...(state.members.get(project.id) ?? []), member]);
    reply(res, 201, schemas.memberSchema, member);
  });

  api.post('/projects/:id/repository/branches', async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const { branch, ref } = { ...req.query, ...req.body } as { branch: string; ref: string };
    try {
      await run('git', ['--git-dir', project.repoDir, 'branch', branch, ref]);
    } catch {
      return fail(res, 400, { message: 'Invalid reference name' });
    }
    const { stdout } = await run('git', ['--git-dir', project.repoDir, 'rev-parse', branch]);
    reply(res, 201, schemas.branchSchema, {
      name: branch,
      merged: false,
      protected: false,
      default: false,
      web_url: `${project.web_url}/-/tree/${branch}`,
      commit: { id: stdout.trim() },
    });
  });

  api.post('/projects/:id/protected_branches', (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const name = String(req.body.name ?? req.query.name);
    state.protectedBranches.set(project.id, [...(state.protectedBranches.get(project.id) ?? []), name]);
    reply(res, 201, schemas.protectedBranchSchema, { id: nextId++, name });
  });

  api.post('/projects/:id/variables', (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const body = schemas.createVariableBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, { message: body.error.message });
    const list = state.variables.get(project.id) ?? [];
    if (list.some((v: { key: string }) => v.key === body.data.key)) return fail(res, 400, { message: { key: [`(${body.data.key}) has already been taken`] } });
    const variable = {
      key: body.data.key,
      value: body.data.value,
      variable_type: body.data.variable_type ?? 'env_var',
      protected: body.data.protected ?? false,
      masked: body.data.masked ?? false,
      raw: body.data.raw ?? false,
      environment_scope: body.data.environment_scope ?? '*',
    };
    state.variables.set(project.id, [...list, variable]);
    reply(res, 201, schemas.variableSchema, variable);
  });

  api.get('/groups', (req, res) => {
    const search = String(req.query.search ?? '');
    const found = state.groups.filter(g => g.full_path.includes(search) || g.name.includes(search.split('/').pop()!));
    reply(res, 200, schemas.groupSchema.array(), found);
  });

  api.post('/groups', (req, res) => {
    const body = schemas.createGroupBody.safeParse(req.body);
    if (!body.success) return fail(res, 400, { message: body.error.message });
    const parent = state.groups.find(g => g.id === body.data.parent_id);
    const fullPath = parent ? `${parent.full_path}/${body.data.path}` : body.data.path;
    const group = {
      id: nextId++,
      name: body.data.name,
      path: body.data.path,
      full_path: fullPath,
      parent_id: parent?.id ?? null,
      visibility: 'private' as const,
      web_url: `http://gitlab.test/groups/${fullPath}`,
    };
    state.groups.push(group);
    reply(res, 201, schemas.groupSchema, group);
  });

  api.post('/projects/:id/triggers', (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    const trigger = { id: nextId++, description: String(req.body.description), token: `glptt-${nextId}` };
    state.triggers.set(project.id, [...(state.triggers.get(project.id) ?? []), trigger]);
    reply(res, 201, schemas.triggerSchema, trigger);
  });

  api.post('/projects/:id/trigger/pipeline', express.raw({ type: 'multipart/form-data' }), async (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    // GitLab takes token, ref and variables[KEY] as query parameters or form fields; gitbeaker
    // sends the first two in the query and the variables as multipart form data.
    const form: Record<string, string> = {};
    if (Buffer.isBuffer(req.body) && req.body.length > 0) {
      const parsed = await new Request('http://stand-in/', {
        method: 'POST',
        headers: { 'content-type': req.header('content-type')! },
        body: new Uint8Array(req.body),
      }).formData();
      for (const [key, value] of parsed.entries()) form[key] = String(value);
    }
    const fields = { ...(req.query as Record<string, string>), ...form };
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(fields)) {
      const name = /^variables\[(\w+)\]$/.exec(key)?.[1];
      if (name) variables[name] = String(value);
    }
    const { token, ref } = fields;
    if (!(state.triggers.get(project.id) ?? []).some((t: { token: string }) => t.token === token)) return fail(res, 404, { message: '404 Not Found' });
    state.pipelines.push({ projectId: project.id, ref, variables });
    const id = nextId++;
    reply(res, 201, schemas.pipelineSchema, { id, ref, status: 'created', web_url: `${project.web_url}/-/pipelines/${id}` });
  });

  api.delete('/projects/:id/triggers/:triggerId', (req, res) => {
    const project = projectOf(req, res);
    if (!project) return;
    state.triggers.set(
      project.id,
      (state.triggers.get(project.id) ?? []).filter((t: { id: number }) => String(t.id) !== req.params.triggerId),
    );
    res.status(204).end();
  });

  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`,
    token: gitHost.writeToken,
    readOnlyToken: 'read-only-token',
    ...state,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
