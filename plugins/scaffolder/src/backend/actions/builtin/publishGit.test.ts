import { startTestGitHost, type TestGitHost } from '@portal/git/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActionContext } from '../../__fixtures__/actionContext.js';
import { createPublishGitAction } from './publishGit.js';

let gitHost: TestGitHost;
beforeAll(async () => {
  gitHost = await startTestGitHost();
});
afterAll(() => gitHost.close());

describe('publish:git', () => {
  it('refuses hosts with no integration and repo names that could leave the git directory', async () => {
    const action = createPublishGitAction({
      gitHost: gitHost.host,
      localHost: new URL(gitHost.baseUrl).host,
      serviceToken: gitHost.serviceToken,
      integrations: [],
    });
    for (const repoUrl of [
      'unknown.example.test?owner=a&repo=b',
      `${new URL(gitHost.baseUrl).host}?owner=..&repo=x`,
      `${new URL(gitHost.baseUrl).host}?owner=a&repo=../../x`,
    ]) {
      const ctx = await createActionContext({ repoUrl, defaultBranch: 'main', gitCommitMessage: 'Initial commit', description: 'd' });
      try {
        await expect(action.handler(ctx)).rejects.toThrow(/integration|not valid/);
      } finally {
        await ctx.cleanup();
      }
    }
  });
});
