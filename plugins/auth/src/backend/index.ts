export { createAuthPlugin } from './createAuthPlugin.js';
export type { AuthPluginEnvironment } from './createAuthPlugin.js';
export { authConfigSection, permissionConfigSection, signInResolverNames } from './config.js';
export type { AuthConfig, SignInResolverName } from './config.js';
export { createStaticIdentityCatalog } from './identity/IdentityCatalog.js';
export type { IdentityCatalog } from './identity/IdentityCatalog.js';
export { resolveOwnershipRefs } from './identity/ownershipRefs.js';
export { createCatalogIdentity } from './identity/catalogIdentity.js';
export type { IdentityCatalogClient } from './identity/catalogIdentity.js';
