export { startBackend } from './startBackend.js';
export type { StartBackendOptions, RunningBackend } from './startBackend.js';
