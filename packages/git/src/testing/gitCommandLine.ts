import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

// Asynchronous on purpose: a server under test in the same process must keep answering git.
const execFileAsync = promisify(execFile);

/** The command-line git client, with no user config and no prompts, committing as `author`. */
export async function gitCommandLine(args: string[], cwd?: string, author = { name: 'Ada', email: 'ada@example.com' }): Promise<string> {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
    },
  });
  return stdout.trim();
}
