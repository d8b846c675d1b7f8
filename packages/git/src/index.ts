export { GitReader } from './reader/GitReader.js';
export type { GitReaderOptions } from './reader/GitReader.js';
export type { ParsedLocation } from './reader/parseLocation.js';
export type { PathChange } from './reader/treeReading.js';
export { GitRemoteError } from './reader/remote.js';
export { GitReadError } from './reader/GitReadError.js';
export { createGitHost } from './host/createGitHost.js';
export type { GitHost, GitHostOptions, PushEvent } from './host/createGitHost.js';
export type { HostedRepository } from './host/repositories.js';
export { commitAndPush } from './writer/commitAndPush.js';
export type { CommitAndPushOptions } from './writer/commitAndPush.js';
export {
  gitConfigSection,
  gitConfigSections,
  integrationsConfigSection,
  readingConfigSection,
  readGitSettings,
} from './config.js';
export type { GitIntegration, GitSettings } from './config.js';
export { createGitReader } from './createGitReader.js';
