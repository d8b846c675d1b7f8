import type { Request, RequestHandler } from 'express';
import {
  AuthenticationError,
  NotAllowedError,
  createPermissionPolicy,
  createPermissions,
  readConfigSections,
  type BackendPlugin,
  type BodyAfterCredentialsOptions,
  type ConfigSection,
  type PluginEnvironment,
} from '@portal/backend-common';
import { createGitHost, createGitReader, gitConfigSections } from '@portal/git';
import { authConfigSection, createAuthPlugin, createCatalogIdentity, permissionConfigSection } from '@portal/plugin-auth/backend';
import { CATALOG_READ_POSTS, CATALOG_SIGNED_POSTS, catalogConfigSection, createCatalogPlugin } from '@portal/plugin-catalog/backend';
import { createScaffolderPlugin, scaffolderConfigSection } from '@portal/plugin-scaffolder/backend';
import { createSearchPlugin } from '@portal/plugin-search/backend';
import { createTechdocsPlugin, techdocsConfigSection } from '@portal/plugin-techdocs/backend';
import { createRepositoryCatalog } from './repositoryCatalog.js';
import { examplesConfigSection, seedExamples, trustSeededExamples } from './seed/seedExamples.js';

/** Whether an API request (path below /api) is one of the catalog's routes in `paths`. */
const inCatalog = (paths: ReadonlySet<string>) => (req: Request) => req.path.startsWith('/catalog/') && paths.has(req.path.slice('/catalog'.length));
const catalogReadPost = inCatalog(CATALOG_READ_POSTS);
const catalogSignedPost = inCatalog(CATALOG_SIGNED_POSTS);

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
  /** Which API requests may send a body before who is asking is known (paths below /api). */
  bodies: BodyAfterCredentialsOptions;
  /** Runs once the server answers every route (seeding pushes to the portal's own git host). */
  afterStart: () => Promise<void>;
}

/**
 * Creates the backend plugins in dependency order: git, then the catalog (which reads from git),
 * then the plugins that use the catalog. Each factory runs its own migrations before returning.
 */
export async function createPlugins(env: PluginEnvironment & { cwd: string; nodeEnv?: string }): Promise<CreatedPlugins> {
  const sections = readConfigSections(env.config, { permission: permissionConfigSection, examples: examplesConfigSection });
  const production = env.nodeEnv === 'production';
  // In production nothing is readable anonymously unless the configuration says so; on a laptop
  // the catalog and docs stay one click away.
  const readRule = sections.permission.rules['catalog.entity.read'] ?? (production ? 'anyone' : 'public');
  const policy = createPermissionPolicy({ ...sections.permission, rules: { ...sections.permission.rules, 'catalog.entity.read': readRule } });
  const permissions = createPermissions({ httpAuth: env.httpAuth, policy });
  env.logger.info(
    readRule === 'public'
      ? 'The catalog and docs are readable without signing in (permission.rules.catalog.entity.read: public)'
      : `Reading the catalog and docs needs sign-in or an API token (permission.rules.catalog.entity.read: ${readRule})`,
  );
  const gitReader = createGitReader(env, { cwd: env.cwd });

  // The catalog is created after the git host, whose pushes it must hear about: the hook reads it late.
  const late: { catalog?: Awaited<ReturnType<typeof createCatalogPlugin>> } = {};
  const gitHost = createGitHost({
    env,
    cwd: env.cwd,
    permissions,
    onPush: event => late.catalog?.client.refreshLocationsForRepo(event.repoUrl),
    catalog: {
      ownersOf: target => repositoryCatalog().ownersOf(target),
      authorOf: ref => repositoryCatalog().authorOf(ref),
    },
  });
  const repositoryCatalog = () => createRepositoryCatalog(late.catalog!.client, env.baseUrl);
  const catalog = await createCatalogPlugin({ ...env, gitReader, permissions });
  late.catalog = catalog;
  // Before the catalog's scheduler starts, so the seeded examples are never read untrusted.
  if (sections.examples.seed) {
    await trustSeededExamples({ settings: sections.examples, gitHost, catalog: catalog.client, baseUrl: env.baseUrl, logger: env.logger, cwd: env.cwd });
  }
  const techdocs = await createTechdocsPlugin({ ...env, gitReader, catalog: catalog.client, permissions });
  const scaffolder = await createScaffolderPlugin({ ...env, gitReader, gitHost, catalog: catalog.client, permissions });
  // Listens to the catalog and the docs from here on; builds its index at start when it is empty.
  const search = await createSearchPlugin({ ...env, catalog: catalog.client, docs: techdocs.service, permissions });
  // Registers the session-cookie resolver (with its CSRF check) on env.httpAuth.
  const auth = await createAuthPlugin({ ...env, catalog: createCatalogIdentity(catalog.client) });

  // Metrics name repositories and timings: in production only API tokens (scrapers) read them.
  const metrics: RequestHandler = async (req, res) => {
    if (production) {
      const credentials = env.httpAuth.credentials(req);
      if (!credentials) throw new AuthenticationError('Metrics need an API token in production');
      if (credentials.type !== 'service') throw new NotAllowedError('Metrics are for API tokens, not signed-in people, in production');
    }
    res.type(catalog.metricsRegistry.contentType).send(await catalog.metricsRegistry.metrics());
  };
  return {
    plugins: [gitHost.plugin, catalog, techdocs, scaffolder, auth, search],
    rawHandlers: [{ path: '/git', handler: gitHost.smartHttp }],
    extraRoutes: [{ path: '/metrics', handler: metrics }],
    // Signing in is open, and so is the push webhook, which checks its signature itself; the
    // catalog's questions asked as POST bodies are reads.
    bodies: {
      open: req => req.path.startsWith('/auth/') || catalogSignedPost(req) || (readRule === 'public' && catalogReadPost(req)),
      reads: catalogReadPost,
    },
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
