import { createAdminCheck, readConfigSections, runMigrations, type BackendPlugin, type PluginEnvironment } from '@portal/backend-common';
import { authConfigSection, permissionConfigSection } from './config.js';
import { loadSessionSecret } from './database/loadSessionSecret.js';
import type { IdentityCatalog } from './identity/IdentityCatalog.js';
import { AUTH_MIGRATIONS_TABLE, authMigrations } from './migrations/index.js';
import { createGithubStrategy } from './providers/githubStrategy.js';
import { OidcStrategy } from './providers/oidcStrategy.js';
import type { AuthProvider } from './providers/types.js';
import { createAuthRouter } from './router.js';
import { sessionCookieResolver } from './session/cookieResolver.js';
import { SessionStore } from './session/SessionStore.js';
import { SessionTokens } from './session/sessionToken.js';
import { PersonalTokens } from './tokens/PersonalTokens.js';
import { personalTokenResolver } from './tokens/personalTokenResolver.js';

export interface AuthPluginEnvironment extends PluginEnvironment {
  catalog: IdentityCatalog;
  /** Defaults to process.env.NODE_ENV; guest sign-in is refused in 'production'. */
  nodeEnv?: string;
}

/**
 * Sign-in, sessions and personal access tokens. Registers the session-cookie resolver on
 * env.httpAuth, which also checks the CSRF token of every cookie-authenticated write, and the
 * personal token resolver, so nothing needs mounting besides the router.
 */
export async function createAuthPlugin(env: AuthPluginEnvironment): Promise<BackendPlugin> {
  const { auth, permission } = readConfigSections(env.config, { auth: authConfigSection, permission: permissionConfigSection });
  await runMigrations(env.knex, { tableName: AUTH_MIGRATIONS_TABLE, migrations: authMigrations });
  const tokens = new SessionTokens(auth.session.secret ?? (await loadSessionSecret({ knex: env.knex })));
  const callbackUrl = (id: string) => `${env.baseUrl}/api/auth/${id}/handler/frame`;

  const providers: AuthProvider[] = [];
  const { github, oidc, guest } = auth.providers;
  if (github) {
    providers.push({
      id: 'github',
      title: github.title,
      signIn: github.signIn,
      strategy: createGithubStrategy({ config: github, callbackUrl: callbackUrl('github'), tokens, baseUrl: env.baseUrl }),
    });
  }
  if (oidc) {
    providers.push({
      id: 'oidc',
      title: oidc.title,
      signIn: oidc.signIn,
      strategy: new OidcStrategy({ config: oidc, callbackUrl: callbackUrl('oidc'), tokens, baseUrl: env.baseUrl }),
    });
  }
  const production = (env.nodeEnv ?? process.env.NODE_ENV) === 'production';
  const guestRefusal =
    guest && production && !guest.dangerouslyAllowOutsideDevelopment
      ? 'Guest sign-in is switched off in production (set auth.providers.guest.dangerouslyAllowOutsideDevelopment to allow it)'
      : undefined;
  if (guestRefusal) env.logger.warn(guestRefusal);

  const sessions = new SessionStore({
    knex: env.knex,
    tokens,
    catalog: env.catalog,
    ownership: permission.ownership,
    durationMs: auth.session.duration,
    refreshIntervalMs: auth.session.refreshInterval,
    cacheTtlMs: auth.session.cacheTtl,
  });
  env.httpAuth.addResolver(sessionCookieResolver({ tokens, sessions, baseUrl: env.baseUrl }));
  const personalTokens = new PersonalTokens({ knex: env.knex, catalog: env.catalog, ownership: permission.ownership, cacheTtlMs: auth.session.cacheTtl });
  env.httpAuth.addResolver(personalTokenResolver(personalTokens));
  const router = createAuthRouter({
    baseUrl: env.baseUrl,
    logger: env.logger,
    httpAuth: env.httpAuth,
    catalog: env.catalog,
    tokens,
    sessions,
    personalTokens,
    ownership: permission.ownership,
    providers,
    guest: guest ? { config: guest, refusal: guestRefusal } : undefined,
    isAdmin: createAdminCheck(permission),
  });
  return { id: 'auth', router };
}
