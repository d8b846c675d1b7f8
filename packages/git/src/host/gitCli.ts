import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * The environment every git process of the host runs with: nothing inherited from the server
 * (no tokens, no user config), only what git needs. Receive-pack is switched on here because
 * the host itself decides who may push, before git ever runs.
 *
 * Packs the host sends are compressed at zlib's fastest level, as git compresses loose objects:
 * a push to a folder of 60,000 services changes that folder's 2.4 MB tree, which every fetch of
 * the push then sends whole, and level 1 deflates it in two thirds of the default level's time.
 * Sparse reachability walks (git's default since 2.27) cost more than they save in such wide
 * folders: counting what a fetch of one such push sends took 93–95 ms without them against
 * 111–154 ms with them.
 */
export function cleanGitEnv(extra: Record<string, string> = {}): Record<string, string> {
  const config: Array<[string, string]> = [
    ['http.receivepack', 'true'],
    ['pack.compression', '1'],
    ['pack.useSparse', 'false'],
  ];
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_COUNT: String(config.length),
    ...Object.fromEntries(
      config.flatMap(([key, value], i) => [
        [`GIT_CONFIG_KEY_${i}`, key],
        [`GIT_CONFIG_VALUE_${i}`, value],
      ]),
    ),
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
