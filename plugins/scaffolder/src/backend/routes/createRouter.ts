import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, NotFoundError, parseRequest, requireWriter, type Credentials, type HttpAuth, type Logger, type Permissions } from '@portal/backend-common';
import express, { type Router } from 'express';
import type { Knex } from 'knex';
import type { ActionRegistry } from '../actions/ActionRegistry.js';
import { writeWorkspaceFile } from '../actions/workspacePaths.js';
import type { ScaffolderCatalogClient } from '../catalogClient.js';
import { insertTask } from '../tasks/database/insertTask.js';
import { requestTaskCancel } from '../tasks/database/requestTaskCancel.js';
import { selectTask, selectTaskEvents, selectTasks, type DbTaskView } from '../tasks/database/selectTasks.js';
import { dryRunTemplate } from '../tasks/dryRun.js';
import { loadTemplate, taskSpecOf, TEMPLATE_API_VERSION, type LoadedTemplate } from '../templates/loadTemplate.js';
import { validateValues } from '../templates/validateValues.js';
import type { TemplaterOptions } from '../templating/SecureTemplater.js';
import { eventView, streamTaskEvents } from './eventStream.js';
import { createTaskBody, dryRunBody, eventsQuery, listTasksQuery } from '../../common/requestSchemas.js';

export interface RouterDeps {
  knex: Knex;
  logger: Logger;
  httpAuth: HttpAuth;
  catalog: ScaffolderCatalogClient;
  actions: ActionRegistry;
  /**
   * The permission policy: who may run templates, cancel a task, read other people's tasks.
   * Without it, any caller with credentials may do all of these.
   */
  permissions?: Permissions;
  /** Called after a task is stored, so this replica's worker picks it up at once. */
  onTaskCreated?: () => void;
  templater?: Partial<TemplaterOptions>;
  /** The hosts the publish actions can create repositories on: where a RepoUrlPicker may point by default. */
  repoHosts: string[];
}

/** Who created a task: the person's entity ref, or the token's subject. */
function creatorOf(credentials: Credentials): string {
  return credentials.type === 'user' ? credentials.userEntityRef : credentials.subject;
}

function taskView(row: DbTaskView) {
  return {
    id: row.id,
    spec: row.spec,
    status: row.status,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    lastHeartbeatAt: row.heartbeat_at ? new Date(row.heartbeat_at).toISOString() : undefined,
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : undefined,
    attempts: row.attempts,
    state: row.state,
    output: row.output ?? undefined,
    error: row.error ?? undefined,
  };
}

async function userOf(catalog: ScaffolderCatalogClient, credentials: Credentials) {
  if (credentials.type !== 'user') return undefined;
  const entity = await catalog.getEntityByRef(credentials.userEntityRef).catch(() => undefined);
  return { ref: credentials.userEntityRef, entity };
}

export function createRouter(deps: RouterDeps): Router {
  const { knex, httpAuth, catalog, actions, permissions } = deps;
  const pickerContext = { catalog, repoHosts: deps.repoHosts };
  const router = express.Router();

  /** A task the caller may see: their own, or any when the policy lets them read all. Others are 404, not 403: their ids stay private. */
  const visibleTask = async (req: express.Request, id: string | undefined): Promise<DbTaskView> => {
    const credentials = httpAuth.requireCredentials(req);
    const task = await selectTask({ knex, taskId: validTaskId(id) });
    const readsAll = !permissions || permissions.authorize(req, 'scaffolder.task.read.all').allowed;
    if (!task || (!readsAll && task.created_by !== creatorOf(credentials))) throw new NotFoundError(`There is no task ${id}`);
    return task;
  };
  router.use(express.json({ limit: '10mb' }));

  router.get('/v2/actions', (req, res) => {
    httpAuth.requireCredentials(req);
    res.json(actions.describe());
  });

  router.get('/v2/templates/:namespace/:kind/:name/parameter-schema', async (req, res) => {
    httpAuth.requireCredentials(req);
    const { namespace, kind, name } = req.params;
    const template = await loadTemplate(catalog, `${kind}:${namespace}/${name}`);
    res.json({
      title: template.entity.metadata.title ?? template.entity.metadata.name,
      description: template.entity.metadata.description,
      steps: template.pages.map(page => ({ title: page.title ?? 'Please enter the following information', description: page.description, schema: page })),
    });
  });

  router.post('/v2/tasks', async (req, res) => {
    const credentials = httpAuth.requireCredentials(req);
    permissions?.requirePermission(req, 'scaffolder.task.create');
    const body = parseRequest(createTaskBody, req.body, 'body');
    const template = await loadTemplate(catalog, body.templateRef);
    requireKnownActions(template, actions);
    await validateValues(template.pages, body.values, pickerContext);
    const userRef = credentials.type === 'user' ? credentials.userEntityRef : undefined;
    const { id } = await insertTask({ knex, spec: taskSpecOf(template, body.values, userRef), secrets: body.secrets, createdBy: creatorOf(credentials) });
    deps.onTaskCreated?.();
    res.status(201).json({ id });
  });

  router.get('/v2/tasks', async (req, res) => {
    const credentials = httpAuth.requireCredentials(req);
    const query = parseRequest(listTasksQuery, req.query, 'query');
    // Without the right to read everyone's tasks, the list is the caller's own whatever the filter says.
    if (permissions && !permissions.authorize(req, 'scaffolder.task.read.all').allowed) query.createdBy = creatorOf(credentials);
    const { tasks, totalTasks } = await selectTasks({ knex, ...query });
    res.json({ tasks: tasks.map(taskView), totalTasks });
  });

  router.get('/v2/tasks/:taskId', async (req, res) => {
    res.json(taskView(await visibleTask(req, req.params.taskId)));
  });

  router.get('/v2/tasks/:taskId/events', async (req, res) => {
    const taskId = (await visibleTask(req, req.params.taskId)).id;
    const { after } = parseRequest(eventsQuery, req.query, 'query');
    res.json((await selectTaskEvents({ knex, taskId, after })).map(eventView));
  });

  router.get('/v2/tasks/:taskId/eventstream', async (req, res) => {
    const taskId = (await visibleTask(req, req.params.taskId)).id;
    const { after } = parseRequest(eventsQuery, req.query, 'query');
    const lastEventId = Number(req.header('last-event-id'));
    await streamTaskEvents({ knex, taskId, after: after ?? (Number.isInteger(lastEventId) ? lastEventId : 0), req, res });
  });

  router.post('/v2/tasks/:taskId/cancel', async (req, res) => {
    requireWriter(httpAuth, req);
    const task = await visibleTask(req, req.params.taskId);
    permissions?.requirePermission(req, 'scaffolder.task.cancel', { ownerRefs: [task.created_by] });
    res.json(await requestTaskCancel({ knex, taskId: task.id }));
  });

  router.post('/v2/dry-run', async (req, res) => {
    const credentials = httpAuth.requireCredentials(req);
    permissions?.requirePermission(req, 'scaffolder.task.create');
    const body = parseRequest(dryRunBody, req.body, 'body');
    const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-dry-run-template-'));
    try {
      let template: LoadedTemplate;
      if (body.templateRef) {
        template = await loadTemplate(catalog, body.templateRef);
      } else {
        // The inline template's files go to a scratch folder, and its relative urls resolve there.
        for (const file of body.directoryContents) await writeWorkspaceFile(scratch, file.path, Buffer.from(file.base64Content, 'base64'));
        const entity = { ...body.template!, metadata: { name: 'dry-run', ...body.template!.metadata } } as LoadedTemplate['entity'];
        const inline = { getEntityByRef: async () => entity };
        entity.metadata.annotations = {
          ...(entity.metadata.annotations ?? {}),
          'backstage.io/managed-by-location': `file:${path.join(scratch, 'template.yaml')}`,
        };
        if (entity.apiVersion !== TEMPLATE_API_VERSION || entity.kind.toLowerCase() !== 'template') {
          throw new InputError(`The template must be kind Template with apiVersion ${TEMPLATE_API_VERSION}`);
        }
        template = await loadTemplate(inline, 'template:default/dry-run');
      }
      // A dry run still runs: the steps whose actions are missing are reported as skipped.
      await validateValues(template.pages, body.values, pickerContext);
      const user = await userOf(catalog, credentials);
      const spec = taskSpecOf(template, body.values, user?.ref);
      const result = await dryRunTemplate({
        spec,
        secrets: body.secrets,
        actions,
        user,
        templater: deps.templater,
      });
      // Backstage's dry-run shape: log lines under `body`, and the steps that were planned.
      res.json({
        status: result.status,
        error: result.error,
        state: result.state,
        output: result.output ?? {},
        log: result.log.map(line => ({ body: { message: line.message, stepId: line.stepId, level: line.level } })),
        directoryContents: result.directoryContents,
        steps: spec.steps.map(step => ({ id: step.id, name: step.name, action: step.action })),
      });
    } finally {
      await fs.promises.rm(scratch, { recursive: true, force: true });
    }
  });

  return router;
}

/** A template naming an action this portal does not have is refused before a task exists. */
function requireKnownActions(template: LoadedTemplate, actions: ActionRegistry): void {
  const unknown = template.spec.steps.filter(step => !actions.has(step.action)).map(step => step.action);
  if (unknown.length > 0)
    throw new InputError(`The template ${template.entityRef} uses actions this portal does not have: ${[...new Set(unknown)].join(', ')}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validTaskId(id: string | undefined): string {
  // Not a uuid cannot be a task; answering 404 here spares the database a cast error.
  if (!id || !UUID.test(id)) throw new NotFoundError(`There is no task ${id}`);
  return id;
}
