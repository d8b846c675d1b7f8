import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConflictError, InputError } from '@portal/backend-common';
import { cleanRepoPath } from '../reader/treeReading.js';
import { entryAt, resolveRef } from './browseRepository.js';
import { runGit } from './runGit.js';

export interface CommitFileInput {
  gitdir: string;
  branch: string;
  path: string;
  content: string;
  /** The branch's commit the change was made against; the commit is refused if the branch moved. */
  expectedCommit: string;
  message: string;
  author: { name: string; email: string };
}

/**
 * Commits one file's new content on top of a branch, without a working copy: a throw-away index
 * read from the expected commit, the new blob, a tree, a commit, and a compare-and-swap of the
 * branch. When the branch is no longer at `expectedCommit` nothing is written over it: the
 * caller gets a ConflictError and the person can reload and apply their change again.
 */
export async function commitFile(input: CommitFileInput): Promise<{ commit: string; changed: boolean }> {
  const { gitdir, branch } = input;
  const filePath = cleanRepoPath(input.path);
  if (filePath === '') throw new InputError('Name the file to change');
  const head = await resolveRef(gitdir, branch);
  if (head !== input.expectedCommit) {
    throw new ConflictError(
      `The branch ${branch} has moved since the file was opened (now at ${head?.slice(0, 7) ?? 'no commit'}, opened at ${input.expectedCommit.slice(0, 7)}): reload the file and make the change again`,
    );
  }
  const existing = await entryAt(gitdir, head, filePath);
  if (existing && existing.type !== 'blob') throw new InputError(`${filePath} is a folder, not a file`);
  const mode = existing?.mode ?? '100644';
  const env = {
    GIT_AUTHOR_NAME: input.author.name,
    GIT_AUTHOR_EMAIL: input.author.email,
    GIT_COMMITTER_NAME: input.author.name,
    GIT_COMMITTER_EMAIL: input.author.email,
  };
  const git = async (args: string[], extra: { input?: string; env?: Record<string, string> } = {}) =>
    (await runGit(['--git-dir', gitdir, ...args], { input: extra.input, env: { ...env, ...extra.env } })).stdout.toString('utf8').trim();

  const blob = await git(['hash-object', '-w', '--stdin'], { input: input.content });
  if (existing?.oid === blob) return { commit: head, changed: false };
  const scratch = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-edit-'));
  try {
    const index = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    await git(['read-tree', head], { env: index });
    await git(['update-index', '--add', '--cacheinfo', `${mode},${blob},${filePath}`], { env: index });
    const tree = await git(['write-tree'], { env: index });
    const commit = await git(['commit-tree', tree, '-p', head, '-F', '-'], { input: input.message });
    // Compare-and-swap: git refuses to move the branch unless it still points at `head`.
    try {
      await git(['update-ref', '-m', `edit ${filePath}`, `refs/heads/${branch}`, commit, head]);
    } catch (error) {
      throw new ConflictError(`The branch ${branch} moved while the change was being saved: reload the file and make the change again`, { cause: error });
    }
    return { commit, changed: true };
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}
