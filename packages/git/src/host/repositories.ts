import fs from 'node:fs';
import path from 'node:path';
import { ConflictError, InputError } from '@portal/backend-common';
import git from 'isomorphic-git';
import { execGit } from './gitCli.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Throws InputError unless the name is safe as one directory name (no `..`, no `.git` suffix). */
export function validateRepoName(kind: 'owner' | 'name', value: string): string {
  if (!NAME.test(value) || value.includes('..') || value.toLowerCase().endsWith('.git')) {
    throw new InputError(
      `The ${kind} "${value}" is not valid: use letters, digits, '.', '_' and '-', start with a letter or digit, at most 100 characters, no '..' and no .git suffix`,
    );
  }
  return value;
}

/** The bare repository's directory; refuses any name that could leave the git directory. */
export function repoDirectory(root: string, owner: string, name: string): string {
  const dir = path.resolve(root, validateRepoName('owner', owner), `${validateRepoName('name', name)}.git`);
  const relative = path.relative(path.resolve(root), dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new InputError('The repository path leaves the git directory');
  return dir;
}

export function repositoryExists(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'HEAD'));
}

export interface HostedRepository {
  owner: string;
  name: string;
  description: string;
  cloneUrl: string;
  webUrl: string;
  /** The time of the default branch's last commit, or of the repository's creation when it is empty. */
  updatedAt: string;
}

export function repositoryUrls(baseUrl: string, owner: string, name: string) {
  const repoBase = `${baseUrl}/git/${owner}/${name}`;
  return { cloneUrl: `${repoBase}.git`, webUrl: `${repoBase}/tree/main` };
}

const DEFAULT_DESCRIPTION = /^Unnamed repository;/;

export async function createRepository(options: {
  root: string;
  baseUrl: string;
  owner: string;
  name: string;
  description?: string;
}): Promise<HostedRepository> {
  const dir = repoDirectory(options.root, options.owner, options.name);
  await fs.promises.mkdir(path.dirname(dir), { recursive: true });
  try {
    // mkdir without `recursive` fails when the directory exists, so two creators cannot both win.
    await fs.promises.mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new ConflictError(`The repository ${options.owner}/${options.name} already exists`);
    }
    throw error;
  }
  try {
    await execGit(['init', '--bare', '--quiet', '--initial-branch=main', '--template=', dir]);
    const description = (options.description ?? '').replace(/\s+/g, ' ').trim();
    await fs.promises.writeFile(path.join(dir, 'description'), `${description}\n`);
  } catch (error) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return describeRepository(options.root, options.baseUrl, options.owner, options.name);
}

export async function describeRepository(root: string, baseUrl: string, owner: string, name: string): Promise<HostedRepository> {
  const dir = repoDirectory(root, owner, name);
  const description = await fs.promises
    .readFile(path.join(dir, 'description'), 'utf8')
    .then(text => (DEFAULT_DESCRIPTION.test(text) ? '' : text.trim()))
    .catch(() => '');
  let updatedAt: Date;
  try {
    const head = await git.resolveRef({ fs, gitdir: dir, ref: 'HEAD' });
    const { commit } = await git.readCommit({ fs, gitdir: dir, oid: head });
    updatedAt = new Date(commit.committer.timestamp * 1000);
  } catch {
    // No commits yet.
    updatedAt = (await fs.promises.stat(dir)).mtime;
  }
  return { owner, name, description, ...repositoryUrls(baseUrl, owner, name), updatedAt: updatedAt.toISOString() };
}

/** Every hosted repository, sorted by owner and name. */
export async function listRepositories(root: string, baseUrl: string): Promise<HostedRepository[]> {
  const owners = await fs.promises.readdir(root, { withFileTypes: true }).catch(() => []);
  const found: Array<{ owner: string; name: string }> = [];
  for (const owner of owners) {
    if (!owner.isDirectory() || !NAME.test(owner.name)) continue;
    const entries = await fs.promises.readdir(path.join(root, owner.name), { withFileTypes: true });
    for (const entry of entries) {
      const name = entry.name.replace(/\.git$/, '');
      if (!entry.isDirectory() || !entry.name.endsWith('.git') || !NAME.test(name)) continue;
      if (repositoryExists(path.join(root, owner.name, entry.name))) found.push({ owner: owner.name, name });
    }
  }
  found.sort((a, b) => `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`));
  return Promise.all(found.map(repo => describeRepository(root, baseUrl, repo.owner, repo.name)));
}
