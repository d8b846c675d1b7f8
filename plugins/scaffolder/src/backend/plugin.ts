import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readConfigSections, runMigrations, type BackendPlugin, type Permissions, type PluginEnvironment } from '@portal/backend-common';
import { integrationsConfigSection, readGitSettings, type GitHost, type GitReader } from '@portal/git';
import { ActionRegistry } from './actions/ActionRegistry.js';
import { createGithubActions } from './actions/github/index.js';
import { createBuiltinActions } from './actions/builtin/index.js';
import type { TemplateAction } from './actions/types.js';
import type { ScaffolderCatalogClient } from './catalogClient.js';
import { scaffolderConfigSection } from './config.js';
import { createRouter } from './routes/createRouter.js';
import { scaffolderMigrations, SCAFFOLDER_MIGRATIONS_TABLE } from './migrations/index.js';
import { TaskWorker } from './tasks/TaskWorker.js';
import { createTaskUserTokens } from './tasks/taskUserTokens.js';

export interface ScaffolderPluginEnvironment extends PluginEnvironment {
  gitReader: GitReader;
  gitHost: Pick<GitHost, 'createRepository'>;
  catalog: ScaffolderCatalogClient;
  /** Who may run templates, cancel tasks and read other people's tasks; without it, anyone with credentials. */
  permissions?: Permissions;
  /** What relative directories in config resolve against; the process's working directory by default. */
  cwd?: string;
  /** Actions besides the built-in ones. */
  actions?: TemplateAction[];
}

export type ScaffolderPlugin = BackendPlugin & { actions: ActionRegistry; worker: TaskWorker };

/** API base URLs configured per host (`integrations.gitlab[].apiBaseUrl`…), for publish:gitlab. */
function apiBaseUrlsOf(config: PluginEnvironment['config']): Record<string, string> {
  const { integrations } = readConfigSections(config, { integrations: integrationsConfigSection });
  const out: Record<string, string> = {};
  for (const list of Object.values(integrations)) {
    for (const entry of list) if (entry.apiBaseUrl) out[entry.host.toLowerCase()] = entry.apiBaseUrl;
  }
  return out;
}

export async function createScaffolderPlugin(env: ScaffolderPluginEnvironment): Promise<ScaffolderPlugin> {
  const { scaffolder: config } = readConfigSections(env.config, { scaffolder: scaffolderConfigSection });
  await runMigrations(env.knex, { tableName: SCAFFOLDER_MIGRATIONS_TABLE, migrations: scaffolderMigrations });
  const git = readGitSettings({ config: env.config, baseUrl: env.baseUrl, serviceToken: env.serviceToken });
  // Without a service token there is nothing shared to sign with: tokens then hold on this replica only.
  const userTokens = createTaskUserTokens(env.serviceToken ?? randomBytes(32).toString('hex'));
  env.httpAuth.addResolver(userTokens.resolver);
  const actions = new ActionRegistry([
    ...createBuiltinActions({
      reader: env.gitReader,
      catalog: env.catalog,
      gitHost: env.gitHost,
      localHost: new URL(env.baseUrl).host,
      serviceToken: env.serviceToken,
      integrations: git.integrations,
      apiBaseUrls: apiBaseUrlsOf(env.config),
      utilities: { baseUrl: env.baseUrl, userTokens },
    }),
    ...createGithubActions({ integrations: readConfigSections(env.config, { integrations: integrationsConfigSection }).integrations.github }),
    ...(env.actions ?? []),
  ]);
  const templater = { timeoutMs: config.templateTimeout };
  const worker = new TaskWorker({
    knex: env.knex,
    logger: env.logger.child({ plugin: 'scaffolder' }),
    actions,
    catalog: env.catalog,
    options: {
      concurrentTasksLimit: config.concurrentTasksLimit,
      workspaceDirectory: path.resolve(env.cwd ?? process.cwd(), config.workspaceDirectory),
      heartbeatIntervalMs: config.taskHeartbeatInterval,
      heartbeatTimeoutMs: config.taskTimeout,
      pollIntervalMs: config.taskPollInterval,
      maxAttempts: 3,
      templater,
    },
  });
  const router = createRouter({
    knex: env.knex,
    logger: env.logger,
    httpAuth: env.httpAuth,
    catalog: env.catalog,
    actions,
    permissions: env.permissions,
    templater,
    repoHosts: git.integrations.map(integration => integration.host),
    onTaskCreated: () => worker.wake(),
  });
  return {
    id: 'scaffolder',
    router,
    actions,
    worker,
    // concurrentTasksLimit 0 makes a replica that serves the API but runs no tasks.
    start: async () => {
      if (config.concurrentTasksLimit > 0) worker.start();
    },
    stop: () => worker.stop(),
  };
}
