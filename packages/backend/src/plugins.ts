import type { RequestHandler } from 'express';
import {
  createPermissionPolicy,
  createPermissions,
  readConfigSections,
  type BackendPlugin,
  type ConfigSection,
  type PluginEnvironment,
} from '@portal/backend-common';
import { createGitHost, createGitReader, gitConfigSections } from '@portal/git';
import { authConfigSection, createAuthPlugin, createCatalogIdentity, permissionConfigSection } from '@portal/plugin-auth/backend';
import { catalogConfigSection, createCatalogPlugin } from '@portal/plugin-catalog/backend';
import { createScaffolderPlugin, scaffolderConfigSection } from '@portal/plugin-scaffolder/backend';
import { createTechdocsPlugin, techdocsConfigSection } from '@portal/plugin-techdocs/backend';
import { examplesConfigSection, seedExamples } from './seed/seedExamples.js';

/** Every plugin's config section, validated together at boot so all problems show at once. */
export const pluginConfigSections: Record<string, ConfigSection> = {
  ...gitConfigSections,
  catalog: catalogConfigSection,
  techdocs: techdocsConfigSection,
  scaffolder: scaffolderConfigSection,
  auth: authConfigSection,
  permission: permissionConfigSection,
  examples: examplesConfigSection,
};

export interface CreatedPlugins {
  plugins: BackendPlugin[];
  rawHandlers: Array<{ path: string; handler: RequestHandler }>;
  extraRoutes: Array<{ path: string; handler: RequestHandler }>;
  /** Runs once the server answers every route (seeding pushes to the portal's own git host). */
  afterStart: () => Promise<void>;
}

/**
 * Creates the backend plugins in dependency order: git, then the catalog (which reads from git),
 * then the plugins that use the catalog. Each factory runs its own migrations before returning.
 */
export async function createPlugins(env: PluginEnvironment & { cwd: string }): Promise<CreatedPlugins> {
  const sections = readConfigSections(env.config, { permission: permissionConfigSection, examples: examplesConfigSection });
  const permissions = createPermissions({ httpAuth: env.httpAuth, policy: createPermissionPolicy(sections.permission) });
  const gitReader = createGitReader(env, { cwd: env.cwd });

  // The catalog is created after the git host, whose pushes it must hear about: the hook reads it late.
  const late: { catalog?: Awaited<ReturnType<typeof createCatalogPlugin>> } = {};
  const gitHost = createGitHost({
    env,
    cwd: env.cwd,
    onPush: event => late.catalog?.client.refreshLocationsForRepo(event.repoUrl),
  });
  const catalog = await createCatalogPlugin({ ...env, gitReader, permissions });
  late.catalog = catalog;
  const techdocs = await createTechdocsPlugin({ ...env, gitReader, catalog: catalog.client });
  const scaffolder = await createScaffolderPlugin({ ...env, gitReader, gitHost, catalog: catalog.client, permissions });
  // Registers the session-cookie resolver (with its CSRF check) on env.httpAuth.
  const auth = await createAuthPlugin({ ...env, catalog: createCatalogIdentity(catalog.client) });

  const metrics: RequestHandler = async (_req, res) => {
    res.type(catalog.metricsRegistry.contentType).send(await catalog.metricsRegistry.metrics());
  };
  return {
    plugins: [gitHost.plugin, catalog, techdocs, scaffolder, auth],
    rawHandlers: [
      { path: '/git', handler: gitHost.smartHttp },
      // The webhook checks an HMAC over the body exactly as sent, so it reads the body itself.
      { path: '/api/catalog/webhooks/git', handler: catalog.webhookHandler },
    ],
    extraRoutes: [{ path: '/metrics', handler: metrics }],
    afterStart: async () => {
      if (!sections.examples.seed) return;
      await seedExamples({
        settings: sections.examples,
        gitHost,
        catalog: catalog.client,
        baseUrl: env.baseUrl,
        serviceToken: env.serviceToken,
        logger: env.logger,
        cwd: env.cwd,
      });
    },
  };
}
