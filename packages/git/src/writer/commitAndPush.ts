import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { initCache } from '../reader/initCache.js';
import { httpClient, remoteError } from '../reader/remote.js';
import { GitRemoteError } from '../reader/remote.js';

export interface CommitAndPushOptions {
  /** The directory whose contents become the commit's tree (a `.git` folder in it is ignored). */
  dir: string;
  /** A smart-HTTP clone URL: the portal's own host, GitHub, GitLab, Gitea… */
  remoteUrl: string;
  /** Sent as the HTTP Basic password. */
  token?: string;
  /** The HTTP Basic user name; GitHub app tokens want `x-access-token`, GitLab OAuth tokens `oauth2`. */
  username?: string;
  branch?: string;
  message: string;
  /** The signed-in person; also the committer. */
  author: { name: string; email: string };
}

type TreeEntry = { mode: string; path: string; oid: string; type: 'blob' | 'tree' };

/** Writes a directory into the object store as a tree, the way `git add -A` would see it. */
async function writeDirectoryTree(gitdir: string, dir: string): Promise<string | undefined> {
  const entries: TreeEntry[] = [];
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const oid = await writeDirectoryTree(gitdir, full);
      // Git does not track empty folders.
      if (oid) entries.push({ mode: '040000', path: entry.name, oid, type: 'tree' });
    } else if (entry.isSymbolicLink()) {
      const target = await fs.promises.readlink(full);
      const oid = await git.writeBlob({ fs, gitdir, blob: Buffer.from(target) });
      entries.push({ mode: '120000', path: entry.name, oid, type: 'blob' });
    } else if (entry.isFile()) {
      const [content, stat] = await Promise.all([fs.promises.readFile(full), fs.promises.stat(full)]);
      const oid = await git.writeBlob({ fs, gitdir, blob: content });
      entries.push({ mode: stat.mode & 0o111 ? '100755' : '100644', path: entry.name, oid, type: 'blob' });
    }
  }
  if (entries.length === 0) return undefined;
  return git.writeTree({ fs, gitdir, tree: entries });
}

/**
 * Commits the contents of a directory and pushes the commit to a branch of a remote. When the
 * branch exists, the new commit is built on top of it (replacing its files), so the push is a
 * fast-forward; otherwise it is the branch's first commit.
 */
export async function commitAndPush(options: CommitAndPushOptions): Promise<{ commit: string }> {
  const branch = options.branch ?? 'main';
  const fullRef = `refs/heads/${branch}`;
  const headers: Record<string, string> = options.token
    ? { authorization: `Basic ${Buffer.from(`${options.username ?? 'x-access-token'}:${options.token}`).toString('base64')}` }
    : {};
  const gitdir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-commit-'));
  try {
    await initCache(gitdir, options.remoteUrl);
    let parent: string[] = [];
    try {
      const refs = await git.listServerRefs({ http: httpClient, url: options.remoteUrl, headers: { ...headers }, prefix: fullRef, protocolVersion: 2 });
      const existing = refs.find(entry => entry.ref === fullRef);
      if (existing) {
        await git.fetch({
          fs,
          http: httpClient,
          gitdir,
          url: options.remoteUrl,
          headers: { ...headers },
          ref: fullRef,
          singleBranch: true,
          depth: 1,
          tags: false,
        });
        parent = [existing.oid];
      }
    } catch (error) {
      throw remoteError(error, options.remoteUrl);
    }
    const tree = (await writeDirectoryTree(gitdir, options.dir)) ?? (await git.writeTree({ fs, gitdir, tree: [] }));
    const signature = { ...options.author, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: 0 };
    const commit = await git.commit({
      fs,
      gitdir,
      message: options.message,
      author: signature,
      committer: signature,
      tree,
      parent,
      ref: fullRef,
    });
    let result: Awaited<ReturnType<typeof git.push>>;
    try {
      result = await git.push({ fs, http: httpClient, gitdir, url: options.remoteUrl, headers: { ...headers }, ref: fullRef, remoteRef: fullRef });
    } catch (error) {
      throw remoteError(error, options.remoteUrl);
    }
    const refResult = result.refs[fullRef];
    if (!result.ok || (refResult && !refResult.ok)) {
      throw new GitRemoteError(`The push to ${options.remoteUrl} was refused: ${refResult?.error ?? result.error ?? 'unknown reason'}`);
    }
    return { commit };
  } finally {
    await fs.promises.rm(gitdir, { recursive: true, force: true });
  }
}
