/**
 * Stand-ins for the providers the scaffolder talks to, for other packages' tests (the end-to-end
 * tests start a portal whose GitHub integration points at one).
 */
export { startFakeGithub } from '../backend/actions/github/testing/startFakeGithub.js';
export type { FakeGithub, FakeGithubOptions, FakeRepository } from '../backend/actions/github/testing/startFakeGithub.js';
export { cloneFiles } from '../backend/actions/github/testing/bareRepository.js';
