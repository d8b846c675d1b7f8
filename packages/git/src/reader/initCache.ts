import fs from 'node:fs';
import git from 'isomorphic-git';

/** A bare repository whose remote maps branches and tags to themselves, as fetched. */
export async function initCache(gitdir: string, url: string): Promise<void> {
  await git.init({ fs, gitdir, bare: true, defaultBranch: 'main' });
  await git.setConfig({ fs, gitdir, path: 'remote.origin.url', value: url });
  await git.setConfig({ fs, gitdir, path: 'remote.origin.fetch', value: '+refs/heads/*:refs/remotes/origin/*' });
  await git.setConfig({ fs, gitdir, path: 'remote.origin.fetch', value: '+refs/tags/*:refs/tags/*', append: true });
}
