export { startTestGitHost } from './startTestGitHost.js';
export type { TestGitHost } from './startTestGitHost.js';
