import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The environment every git process of the host runs with: nothing inherited from the server
 * (no tokens, no user config), only what git needs. Receive-pack is switched on here because
 * the host itself decides who may push, before git ever runs.
 */
export function cleanGitEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

export async function execGit(args: string[], options: { cwd?: string } = {}): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { env: cleanGitEnv(), cwd: options.cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Branch and tag heads of a bare repository, to tell what a push changed. */
export async function readRefs(gitdir: string): Promise<Map<string, string>> {
  const out = await execGit(['--git-dir', gitdir, 'for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/tags']);
  const refs = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) refs.set(line.slice(space + 1), line.slice(0, space));
  }
  return refs;
}
