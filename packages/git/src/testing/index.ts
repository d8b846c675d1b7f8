export { startTestGitHost } from './startTestGitHost.js';
export type { TestGitHost } from './startTestGitHost.js';
export { gitCommandLine } from './gitCommandLine.js';
