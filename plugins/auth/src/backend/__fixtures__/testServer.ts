import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import type { Entity } from '@portal/catalog-model';
import {
  createHttpAuth,
  createLogger,
  createPermissionPolicy,
  createPermissions,
  errorHandler,
  notFoundHandler,
  permissionConfigSchema,
  type ConfigObject,
  type Permissions,
} from '@portal/backend-common';
import type { TestDatabase } from '@portal/backend-common/testing';
import { createAuthPlugin } from '../createAuthPlugin.js';
import { createStaticIdentityCatalog } from '../identity/IdentityCatalog.js';

export const API_TOKEN = 'script-token-0123456789';

export interface TestServer {
  url: string;
  permissions: Permissions;
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
  nodeEnv?: string;
  extraRouters?: (permissions: Permissions) => Record<string, Router>;
  /** Known before the plugin starts, as the backend's baseUrl is; defaults to the server's own URL. */
  port?: number;
}): Promise<TestServer> {
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = typeof options.config === 'function' ? await options.config(url) : options.config;
  const logger = createLogger({ level: 'silent' });
  const httpAuth = createHttpAuth({ externalAccess: [{ type: 'static', options: { token: API_TOKEN, subject: 'scripts' } }] });
  const plugin = await createAuthPlugin({
    config,
    knex: options.db.knex,
    logger,
    httpAuth,
    baseUrl: url,
    serviceToken: 'unused-service-token',
    catalog: createStaticIdentityCatalog(options.entities),
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
  for (const [id, router] of Object.entries(options.extraRouters?.(permissions) ?? {})) api.use(`/${id}`, router);
  api.use(notFoundHandler);
  app.use('/api', api);
  app.use(errorHandler(logger));
  return {
    url,
    permissions,
    close: () => new Promise<void>(resolve => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** User and Group entities of a small organisation, relations included as the catalog returns them. */
export function exampleOrg(): Entity[] {
  const user = (name: string, email: string, memberOf: string[]): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email, displayName: name[0]!.toUpperCase() + name.slice(1) }, memberOf },
    relations: memberOf.map(g => ({ type: 'memberOf', targetRef: `group:default/${g}` })),
  });
  const group = (name: string, parent?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: parent ? [{ type: 'childOf', targetRef: `group:default/${parent}` }] : [],
  });
  return [
    user('jane', 'jane.doe@example.com', ['payments']),
    user('sam', 'sam@example.com', ['search']),
    user('root', 'root@example.com', ['platform']),
    user('guest', 'guest@example.com', ['visitors']),
    group('payments', 'engineering'),
    group('search', 'engineering'),
    group('engineering', 'company'),
    group('company'),
    group('platform'),
    group('visitors'),
  ];
}
