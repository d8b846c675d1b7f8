import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NotFoundError } from '@portal/backend-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHost, type TestGitHost } from '../testing/index.js';
import { commitAndPush } from '../writer/commitAndPush.js';
import type { GitReader } from './GitReader.js';
import { GitReadError } from './GitReadError.js';

const execFileAsync = promisify(execFile);

describe('GitReader: absent paths and unreadable caches', () => {
  let host: TestGitHost;
  let work: string;
  let repoUrl: string;
  let head: string;
  /** A cache holding `head`, fetched once and copied by each test. */
  let fetchedCache: string;
  let copies = 0;

  beforeAll(async () => {
    host = await startTestGitHost();
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-read-failures-'));
    repoUrl = (await host.host.createRepository({ owner: 'acme', name: 'fragile' })).cloneUrl;
    const tree = path.join(work, 'tree');
    for (const [file, text] of Object.entries({ 'catalog-info.yaml': 'kind: Component\n', 'README.md': '# Fragile\n', 'docs/index.md': '# Docs\n' })) {
      await fs.promises.mkdir(path.dirname(path.join(tree, file)), { recursive: true });
      await fs.promises.writeFile(path.join(tree, file), text);
    }
    head = (await commitAndPush({ dir: tree, remoteUrl: repoUrl, token: host.writeToken, message: 'One', author: { name: 'Ada', email: 'ada@example.com' } }))
      .commit;
    fetchedCache = path.join(work, 'fetched');
    expect(await host.createReader({ cacheDir: fetchedCache }).fetch(repoUrl)).toBe(head);
  });
  afterAll(async () => {
    await host.close();
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  /**
   * A reader over a copy of the fetched cache. Readers of one process share what they have read
   * of a cache folder, so a new folder is what a restarted backend would see: only the disk.
   */
  async function coldReader(): Promise<{ reader: GitReader; gitdir: string }> {
    const cacheDir = path.join(work, `copy-${++copies}`);
    await fs.promises.cp(fetchedCache, cacheDir, { recursive: true });
    const [name] = await fs.promises.readdir(cacheDir);
    return { reader: host.createReader({ cacheDir }), gitdir: path.join(cacheDir, name!) };
  }

  const git = async (gitdir: string, ...args: string[]) => (await execFileAsync('git', ['--git-dir', gitdir, ...args])).stdout.trim();

  /** Turns the cache's packs into loose objects, one file each, so a test can damage one object. */
  async function unpack(gitdir: string): Promise<void> {
    const packDir = path.join(gitdir, 'objects', 'pack');
    for (const name of (await fs.promises.readdir(packDir)).filter(n => n.endsWith('.pack'))) {
      const moved = path.join(gitdir, name);
      await fs.promises.rename(path.join(packDir, name), moved);
      await fs.promises.rm(path.join(packDir, name.replace(/\.pack$/, '.idx')));
      await execFileAsync('sh', ['-c', `git --git-dir "${gitdir}" unpack-objects -q < "${moved}"`]);
      await fs.promises.rm(moved);
    }
  }

  const looseFile = async (gitdir: string, spec: string) => {
    const oid = await git(gitdir, 'rev-parse', spec);
    return path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
  };

  async function truncate(file: string, bytes: number): Promise<void> {
    await fs.promises.chmod(file, 0o644); // git writes objects read-only
    await fs.promises.truncate(file, bytes);
  }

  it('answers NotFoundError only for paths the commit does not hold', async () => {
    const { reader } = await coldReader();
    for (const missing of ['missing.md', 'docs/missing.md', 'README.md/inside', 'docs']) {
      await expect(reader.readFile(repoUrl, head, missing)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(reader.listFiles(repoUrl, head, 'no-such-folder')).rejects.toBeInstanceOf(NotFoundError);
    await expect(reader.listFiles(repoUrl, head, 'README.md')).rejects.toBeInstanceOf(NotFoundError);
    expect((await reader.readFile(repoUrl, head, 'docs/index.md')).toString()).toBe('# Docs\n');
  });

  it('answers GitReadError, never NotFoundError, for a commit the cache does not hold', async () => {
    const { reader } = await coldReader();
    const failure = (await reader.readFile(repoUrl, 'f'.repeat(40), 'catalog-info.yaml').catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(GitReadError);
    expect(failure).not.toBeInstanceOf(NotFoundError);
    expect(failure.message).toMatch(/is not in the git cache/);
    await expect(reader.listFiles(repoUrl, 'f'.repeat(40))).rejects.toBeInstanceOf(GitReadError);
  });

  it('answers GitReadError for a missing or truncated object, and the next fetch rebuilds the cache', async () => {
    const { reader, gitdir } = await coldReader();
    await unpack(gitdir);
    expect((await reader.readFile(repoUrl, head, 'README.md')).toString()).toBe('# Fragile\n');

    // A file whose contents are gone: the path is in the tree, its object is not.
    await fs.promises.rm(await looseFile(gitdir, `${head}:catalog-info.yaml`));
    const missing = (await reader.readFile(repoUrl, head, 'catalog-info.yaml').catch((error: unknown) => error)) as Error;
    expect(missing).toBeInstanceOf(GitReadError);
    expect(missing).not.toBeInstanceOf(NotFoundError);
    expect(missing.message).toMatch(/catalog-info\.yaml at commit/);

    // A folder cut short: nothing under it can be looked up, so nothing under it is "absent".
    await truncate(await looseFile(gitdir, `${head}:docs`), 10);
    await expect(reader.readFile(repoUrl, head, 'docs/index.md')).rejects.toBeInstanceOf(GitReadError);
    await expect(reader.readFile(repoUrl, head, 'docs/missing.md')).rejects.toBeInstanceOf(GitReadError);
    await expect(reader.listFiles(repoUrl, head, 'docs')).rejects.toBeInstanceOf(GitReadError);

    // The commit is still in the cache, so only the read saw the damage; the fetch starts afresh.
    expect(await reader.fetch(repoUrl)).toBe(head);
    expect((await reader.readFile(repoUrl, head, 'catalog-info.yaml')).toString()).toBe('kind: Component\n');
    expect(await reader.listFiles(repoUrl, head, 'docs')).toEqual(['docs/index.md']);
  });

  it('answers GitReadError for a truncated pack and for an unreadable pack folder', async () => {
    const truncated = await coldReader();
    const packDir = path.join(truncated.gitdir, 'objects', 'pack');
    const [pack] = (await fs.promises.readdir(packDir)).filter(n => n.endsWith('.pack'));
    await truncate(path.join(packDir, pack!), (await fs.promises.stat(path.join(packDir, pack!))).size - 40);
    await expect(truncated.reader.readFile(repoUrl, head, 'catalog-info.yaml')).rejects.toBeInstanceOf(GitReadError);
    expect(await truncated.reader.fetch(repoUrl)).toBe(head);
    expect((await truncated.reader.readFile(repoUrl, head, 'catalog-info.yaml')).toString()).toBe('kind: Component\n');

    // A file where the pack folder was: it cannot be listed, which is not the same as empty.
    const unlistable = await coldReader();
    const folder = path.join(unlistable.gitdir, 'objects', 'pack');
    await fs.promises.rm(folder, { recursive: true });
    await fs.promises.writeFile(folder, 'not a folder');
    await expect(unlistable.reader.readFile(repoUrl, head, 'catalog-info.yaml')).rejects.toBeInstanceOf(GitReadError);
    await expect(unlistable.reader.listFiles(repoUrl, head)).rejects.toBeInstanceOf(GitReadError);
    expect(await unlistable.reader.fetch(repoUrl)).toBe(head);
    expect(await unlistable.reader.listFiles(repoUrl, head)).toEqual(['README.md', 'catalog-info.yaml', 'docs/index.md']);
  });
});
