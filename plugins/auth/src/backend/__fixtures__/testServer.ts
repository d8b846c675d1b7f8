import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import { getEntityRelations, type Entity } from '@portal/catalog-model';
import {
  createHttpAuth,
  createLogger,
  createPermissionPolicy,
  createPermissions,
  errorHandler,
  notFoundHandler,
  permissionConfigSchema,
  readConfigSections,
  type ConfigObject,
  type HttpAuth,
  type Permissions,
} from '@portal/backend-common';
import type { TestDatabase } from '@portal/backend-common/testing';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../common/index.js';
import { authConfigSection, permissionConfigSection } from '../config.js';
import { createAuthPlugin } from '../createAuthPlugin.js';
import { loadSessionSecret } from '../database/loadSessionSecret.js';
import { createStaticIdentityCatalog, type IdentityCatalog } from '../identity/IdentityCatalog.js';
import { resolveSignIn } from '../identity/signInResolvers.js';
import { SessionStore } from '../session/SessionStore.js';
import { SessionTokens } from '../session/sessionToken.js';

export const API_TOKEN = 'script-token-0123456789';

export interface TestServer {
  url: string;
  permissions: Permissions;
  /**
   * Signs the User of this name in as a provider's callback would (the catalog's groups resolved
   * under this server's config) and returns the headers a browser would send with a write.
   */
  signInAs(name: string): Promise<{ cookie: string; 'x-csrf-token': string }>;
  close(): Promise<void>;
}

/**
 * The auth plugin mounted as the backend mounts plugins (JSON body, httpAuth before every router,
 * the shared error handler), on a real port, with `extraRouters` beside it under /api.
 */
export async function startTestServer(options: {
  db: TestDatabase;
  /** The config, or a function of the server's URL making it (for providers that must know the callback URL). */
  config: ConfigObject | ((url: string) => ConfigObject | Promise<ConfigObject>);
  entities: Entity[];
  /** Read instead of `entities`, for tests that change the catalog while sessions last. */
  catalog?: IdentityCatalog;
  nodeEnv?: string;
  extraRouters?: (permissions: Permissions, httpAuth: HttpAuth) => Record<string, Router>;
  /** Known before the plugin starts, as the backend's baseUrl is; defaults to the server's own URL. */
  port?: number;
}): Promise<TestServer> {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = typeof options.config === 'function' ? await options.config(url) : options.config;
  const logger = createLogger({ level: 'silent' });
  const catalog = options.catalog ?? createStaticIdentityCatalog(options.entities);
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: API_TOKEN, subject: 'scripts' } }] });
  const plugin = await createAuthPlugin({
    config,
    knex: options.db.knex,
    logger,
    httpAuth,
    baseUrl: url,
    serviceToken: 'unused-service-token',
    catalog,
    nodeEnv: options.nodeEnv ?? 'development',
  });
  const permissions = createPermissions({
    httpAuth,
    policy: createPermissionPolicy(permissionConfigSchema.parse(config.permission ?? {})),
  });
  // As the backend does: a proxy on the same machine (TLS termination) is believed about the scheme.
  app.set('trust proxy', 'loopback');
  const api = express.Router();
  api.use(express.json());
  api.use(httpAuth.middleware);
  api.use('/auth', plugin.router);
  for (const [id, router] of Object.entries(options.extraRouters?.(permissions, httpAuth) ?? {})) api.use(`/${id}`, router);
  api.use(notFoundHandler);
  app.use('/api', api);
  app.use(errorHandler(logger));
  const sections = readConfigSections(config, { auth: authConfigSection, permission: permissionConfigSection });
  const tokens = new SessionTokens(sections.auth.session.secret ?? (await loadSessionSecret({ knex: options.db.knex })));
  const sessions = new SessionStore({
    knex: options.db.knex,
    tokens,
    catalog,
    ownership: sections.permission.ownership,
    durationMs: sections.auth.session.duration,
    refreshIntervalMs: sections.auth.session.refreshInterval,
    cacheTtlMs: 0,
  });
  const byName = { resolvers: [{ resolver: 'usernameMatchingUserEntityName' as const }], dangerouslyAllowSignInWithoutUserInCatalog: false };
  return {
    url,
    permissions,
    signInAs: async name => {
      const session = await sessions.start(await resolveSignIn({ provider: 'test', username: name }, catalog, byName, sections.permission.ownership));
      const csrf = tokens.csrfToken(session);
      return { cookie: `${SESSION_COOKIE}=${tokens.sign(session)}; ${CSRF_COOKIE}=${csrf}`, 'x-csrf-token': csrf };
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * User and Group entities of a small organisation, with relations in both directions as the
 * catalog stores them:
 *
 *   company ─ engineering ─┬─ payments (jane) ─ payments-api (pia)
 *                          ├─ search (sam)
 *                          └─ web-team (wendy)
 *   engineering's own member: erin          platform (root; gina through `spec.members`)
 *   rogue (mallory) names platform as its parent; platform does not list it
 *   claimer (carl) lists payments among its children; payments' parent is engineering
 *   visitors (guest)
 */
export function exampleOrg(): Entity[] {
  const user = (name: string, email: string, memberOf: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email, displayName: name[0]!.toUpperCase() + name.slice(1) }, memberOf },
  });
  const group = (name: string, spec: { parent?: string; children?: string[]; members?: string[] } = {}): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...spec },
  });
  return withRelations([
    user('jane', 'jane.doe@example.com', ['payments']),
    user('sam', 'sam@example.com', ['search']),
    user('root', 'root@example.com', ['platform']),
    user('guest', 'guest@example.com', ['visitors']),
    user('wendy', 'wendy@example.com', ['web-team']),
    user('erin', 'erin@example.com', ['engineering']),
    user('pia', 'pia@example.com', ['payments-api']),
    user('gina', 'gina@example.com', []),
    user('mallory', 'mallory@example.com', ['rogue']),
    user('carl', 'carl@example.com', ['claimer']),
    group('payments', { parent: 'engineering' }),
    group('payments-api', { parent: 'payments' }),
    group('search', { parent: 'engineering' }),
    group('web-team', { parent: 'engineering' }),
    group('engineering', { parent: 'company' }),
    group('company'),
    group('platform', { members: ['gina'] }),
    group('rogue', { parent: 'platform' }),
    group('claimer', { children: ['payments'] }),
    group('visitors'),
  ]);
}

/** Adds the relations the catalog would store: each entity gets those its spec and others' specs imply. */
export function withRelations(entities: Entity[]): Entity[] {
  const pairs = entities.flatMap(e => getEntityRelations(e));
  return entities.map(entity => {
    const self = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
    const relations = pairs.filter(p => p.sourceRef === self).map(p => ({ type: p.type, targetRef: p.targetRef }));
    return { ...entity, relations: [...new Map(relations.map(r => [`${r.type} ${r.targetRef}`, r])).values()] };
  });
}
