export {
  PortalError,
  InputError,
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
  ServiceUnavailableError,
  isPortalError,
} from './errors.js';
export type { FieldProblem } from './errors.js';
export { ConfigError } from './config/ConfigError.js';
export { loadConfig, configFilesFromArgv, mergeConfig, isPlainObject } from './config/loadConfig.js';
export type { ConfigObject, LoadConfigOptions } from './config/loadConfig.js';
export { defineConfigSection, readConfigSections } from './config/readConfig.js';
export type { ConfigSection } from './config/readConfig.js';
export { durationSchema, parseDuration } from './config/duration.js';
export { createLogger, requestContext } from './logging/createLogger.js';
export type { Logger, LoggerOptions } from './logging/createLogger.js';
export { createDatabase, databaseConfigSection } from './database/createDatabase.js';
export type { DatabaseConfig } from './database/createDatabase.js';
export { runMigrations } from './database/runMigrations.js';
export type { Migration, RunMigrationsOptions } from './database/runMigrations.js';
export { createHttpAuth, staticTokenResolver, externalAccessSchema, tokenOfAuthorization, isReadOnly } from './auth/httpAuth.js';
export type { Credentials, CredentialsResolver, HttpAuth, ExternalAccessConfig } from './auth/httpAuth.js';
export {
  createAdminCheck,
  createPermissionPolicy,
  createPermissions,
  defaultPermissionRules,
  permissionActions,
  ownershipModes,
  permissionConfigSchema,
} from './auth/permissions.js';
export type {
  OwnershipMode,
  PermissionAction,
  PermissionConfig,
  PermissionDecision,
  PermissionPolicy,
  PermissionResource,
  PermissionRule,
  Permissions,
} from './auth/permissions.js';
export { errorHandler, notFoundHandler } from './http/errorHandler.js';
export type { ErrorResponseBody } from './http/errorHandler.js';
export { parseRequest } from './http/parseRequest.js';
export type { RequestPart } from './http/parseRequest.js';
export { requestLogging } from './http/requestLogging.js';
export { bodyAfterCredentials } from './http/bodyAfterCredentials.js';
export type { BodyAfterCredentialsOptions } from './http/bodyAfterCredentials.js';
export { requireWriter } from './auth/requireWriter.js';
export type { PluginEnvironment, BackendPlugin } from './plugin.js';
