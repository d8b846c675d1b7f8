import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError, NotFoundError } from '@portal/backend-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHost, type TestGitHost } from '../testing/index.js';
import { commitAndPush } from '../writer/commitAndPush.js';
import { GitRemoteError } from './remote.js';

const execFileAsync = promisify(execFile);
const author = { name: 'Ada Lovelace', email: 'ada@example.com' };

async function writeTree(dir: string, files: Record<string, string>) {
  await fs.promises.rm(dir, { recursive: true, force: true });
  for (const [file, content] of Object.entries(files)) {
    await fs.promises.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.promises.writeFile(path.join(dir, file), content);
  }
}

describe('GitReader against the local git host', () => {
  let host: TestGitHost;
  let work: string;
  let repoUrl: string;
  let first: string;
  let second: string;

  const push = async (files: Record<string, string>, message: string) => {
    const dir = path.join(work, 'tree');
    await writeTree(dir, files);
    return (await commitAndPush({ dir, remoteUrl: repoUrl, token: host.writeToken, message, author })).commit;
  };

  beforeAll(async () => {
    host = await startTestGitHost();
    work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-reader-'));
    repoUrl = (await host.host.createRepository({ owner: 'acme', name: 'service' })).cloneUrl;
    first = await push(
      {
        'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: service\n',
        'README.md': '# Service\n',
        'docs/index.md': '# Docs\n',
        'docs/guide/setup.md': '# Setup\n',
      },
      'First',
    );
  });
  afterAll(async () => {
    await host.close();
    await fs.promises.rm(work, { recursive: true, force: true });
  });

  it("parses the local host's web URLs into the clone URL its pushes report", () => {
    const reader = host.createReader();
    expect(reader.parseUrl(`${host.baseUrl}/git/acme/service/blob/main/catalog-info.yaml`)).toMatchObject({
      repoUrl,
      ref: 'main',
      path: 'catalog-info.yaml',
      kind: 'blob',
    });
    const root = reader.parseUrl(`${host.baseUrl}/git/acme/service.git`);
    expect(root).toMatchObject({ repoUrl, path: '', kind: 'tree' });
    expect(root.ref).toBeUndefined();
  });

  it('asks the remote for the head commit without downloading anything', async () => {
    const cacheDir = path.join(work, 'head-cache');
    const reader = host.createReader({ cacheDir });
    expect(await reader.headCommit(repoUrl)).toBe(first);
    // Unchanged: the same answer, and still nothing stored locally.
    expect(await reader.headCommit(repoUrl, 'main')).toBe(first);
    expect(fs.existsSync(cacheDir)).toBe(false);
    await expect(reader.headCommit(repoUrl, 'no-such-branch')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores a first fetch as a one-commit shallow clone that git itself checks clean, and adds later pushes to it', async () => {
    const cacheDir = path.join(work, 'shallow-cache');
    const reader = host.createReader({ cacheDir });
    const shallowUrl = (await host.host.createRepository({ owner: 'acme', name: 'shallow' })).cloneUrl;
    const pushTo = async (files: Record<string, string>, message: string) => {
      const dir = path.join(work, 'shallow-tree');
      await writeTree(dir, files);
      return (await commitAndPush({ dir, remoteUrl: shallowUrl, token: host.writeToken, message, author })).commit;
    };
    await pushTo({ 'a.md': '# A\n' }, 'One');
    const head = await pushTo({ 'a.md': '# A\n', 'b.md': '# B\n' }, 'Two');
    expect(await reader.fetch(shallowUrl)).toBe(head);
    const [gitdir] = (await fs.promises.readdir(cacheDir)).map(name => path.join(cacheDir, name));
    const gitIn = async (...args: string[]) => (await execFileAsync('git', ['--git-dir', gitdir!, ...args])).stdout.trim();
    expect((await fs.promises.readFile(path.join(gitdir!, 'shallow'), 'utf8')).trim()).toBe(head);
    // fsck reads every object through the index written for the pack, and checks the commit's tree is whole.
    await gitIn('fsck', '--no-dangling', '--strict');
    expect(await gitIn('rev-list', '--count', head)).toBe('1');

    const later = await pushTo({ 'a.md': '# A\n', 'b.md': '# B\n', 'NEW.md': '# New\n' }, 'Three');
    const packsBefore = (await fs.promises.readdir(path.join(gitdir!, 'objects', 'pack'))).length;
    expect(await reader.fetch(shallowUrl)).toBe(later);
    expect((await reader.readFile(shallowUrl, later, 'NEW.md')).toString()).toBe('# New\n');
    expect((await fs.promises.readdir(path.join(gitdir!, 'objects', 'pack'))).length).toBe(packsBefore + 2);
    await gitIn('fsck', '--no-dangling');
    expect(await gitIn('rev-list', '--count', later)).toBe('2');
  });

  it('fetches, reads files and trees, reads an old commit after a push, and lists changed paths', async () => {
    const reader = host.createReader();
    expect(await reader.fetch(repoUrl, 'main')).toBe(first);
    expect((await reader.readFile(repoUrl, first, 'docs/index.md')).toString()).toBe('# Docs\n');
    expect(await reader.listFiles(repoUrl, first)).toEqual(['README.md', 'catalog-info.yaml', 'docs/guide/setup.md', 'docs/index.md']);
    expect(await reader.listFiles(repoUrl, first, 'docs')).toEqual(['docs/guide/setup.md', 'docs/index.md']);
    await expect(reader.readFile(repoUrl, first, 'missing.md')).rejects.toBeInstanceOf(NotFoundError);

    second = await push(
      {
        'catalog-info.yaml': 'kind: Component\nmetadata:\n  name: service\n',
        'docs/index.md': '# Docs, revised\n',
        'docs/guide/setup.md': '# Setup\n',
        'docs/guide/deploy.md': '# Deploy\n',
      },
      'Second',
    );
    expect(await reader.headCommit(repoUrl)).toBe(second);
    expect(await reader.fetch(repoUrl)).toBe(second);
    expect((await reader.readFile(repoUrl, second, 'docs/index.md')).toString()).toBe('# Docs, revised\n');
    // The old commit stays readable: the shallow fetch adds to the cache, it does not replace it.
    expect((await reader.readFile(repoUrl, first, 'README.md')).toString()).toBe('# Service\n');
    await expect(reader.readFile(repoUrl, second, 'README.md')).rejects.toBeInstanceOf(NotFoundError);

    expect(await reader.changedPaths(repoUrl, first, second)).toEqual([
      { path: 'README.md', change: 'deleted' },
      { path: 'docs/guide/deploy.md', change: 'added' },
      { path: 'docs/index.md', change: 'modified' },
    ]);
    expect(await reader.changedPaths(repoUrl, second, second)).toEqual([]);
    // A commit that was never fetched: the caller must re-read everything.
    expect(await reader.changedPaths(repoUrl, 'f'.repeat(40), second)).toBeUndefined();
  });

  it('builds the commit on top of an existing branch, so pushes are fast-forwards', async () => {
    const bare = path.join(host.directory, 'acme', 'service.git');
    const { stdout } = await execFileAsync('git', ['--git-dir', bare, 'log', '--format=%H %an <%ae> %s', 'main']);
    expect(stdout.trim().split('\n')).toEqual([`${second} Ada Lovelace <ada@example.com> Second`, `${first} Ada Lovelace <ada@example.com> First`]);
  });

  it('reads tags, following annotated tags to their commit', async () => {
    const bare = path.join(host.directory, 'acme', 'service.git');
    await execFileAsync('git', ['--git-dir', bare, '-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', 'tag', '-a', 'v1.0.0', '-m', 'First release', first]);
    await execFileAsync('git', ['--git-dir', bare, 'tag', 'light', second]);
    const reader = host.createReader();
    expect(await reader.headCommit(repoUrl, 'v1.0.0')).toBe(first);
    expect(await reader.fetch(repoUrl, 'v1.0.0')).toBe(first);
    expect(await reader.fetch(repoUrl, 'light')).toBe(second);
    expect((await reader.readFile(repoUrl, first, 'README.md')).toString()).toBe('# Service\n');
    expect(await reader.changedPaths(repoUrl, first, second)).toHaveLength(3);
  });

  it("pushes with the host's own token, and only to hosts it accepts", async () => {
    const reader = host.createReader();
    const { cloneUrl } = await host.host.createRepository({ owner: 'acme', name: 'scaffolded' });
    const dir = path.join(work, 'scaffolded');
    await writeTree(dir, { 'catalog-info.yaml': 'kind: Component\n', 'bin/run.sh': '#!/bin/sh\necho hi\n' });
    await fs.promises.chmod(path.join(dir, 'bin/run.sh'), 0o755);
    const { commit } = await reader.commitAndPush({ dir, repoUrl: cloneUrl, message: 'Create from template', author });
    expect(await reader.fetch(cloneUrl)).toBe(commit);
    expect(await reader.listFiles(cloneUrl, commit)).toEqual(['bin/run.sh', 'catalog-info.yaml']);
    const { stdout } = await execFileAsync('git', ['--git-dir', path.join(host.directory, 'acme', 'scaffolded.git'), 'ls-tree', '-r', 'main']);
    expect(stdout).toMatch(/^100755 blob \w+\tbin\/run\.sh$/m);
    await expect(reader.commitAndPush({ dir, repoUrl: 'https://evil.example.com/a/b.git', message: 'x', author })).rejects.toBeInstanceOf(InputError);
  });

  it('rebuilds a cache that was deleted or damaged', async () => {
    const cacheDir = path.join(work, 'fragile-cache');
    const reader = host.createReader({ cacheDir });
    const head = await reader.fetch(repoUrl);
    await fs.promises.rm(cacheDir, { recursive: true });
    expect(await reader.fetch(repoUrl)).toBe(head);
    expect((await reader.readFile(repoUrl, head, 'catalog-info.yaml')).toString()).toContain('name: service');

    const [gitdir] = await fs.promises.readdir(cacheDir);
    const packs = path.join(cacheDir, gitdir!, 'objects', 'pack');
    for (const file of await fs.promises.readdir(packs)) await fs.promises.rm(path.join(packs, file));
    await expect(reader.readFile(repoUrl, head, 'catalog-info.yaml')).rejects.toBeInstanceOf(NotFoundError);
    expect(await reader.fetch(repoUrl)).toBe(head);
    expect((await reader.readFile(repoUrl, head, 'catalog-info.yaml')).toString()).toContain('name: service');
  });

  it('keeps the cache sound when two readers fetch and read the same repository at once', async () => {
    const cacheDir = path.join(work, 'shared-cache');
    const readers = [host.createReader({ cacheDir }), host.createReader({ cacheDir })];
    const before = await host.createReader().headCommit(repoUrl);
    const rounds = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const reader = readers[i % 2]!;
        const commit = await reader.fetch(repoUrl);
        const files = await reader.listFiles(repoUrl, commit);
        const contents = await Promise.all(files.map(file => reader.readFile(repoUrl, commit, file)));
        return { commit, files: files.length, bytes: contents.reduce((sum, c) => sum + c.length, 0) };
      }),
    );
    expect(new Set(rounds.map(round => round.commit))).toEqual(new Set([before]));
    expect(new Set(rounds.map(round => `${round.files}/${round.bytes}`)).size).toBe(1);
    const [gitdir] = await fs.promises.readdir(cacheDir);
    await execFileAsync('git', ['--git-dir', path.join(cacheDir, gitdir!), 'fsck', '--no-dangling']);
  });

  it('refuses hosts that are neither integrations nor allowed', async () => {
    const reader = host.createReader();
    expect(() => reader.parseUrl('https://evil.example.com/acme/service/blob/main/catalog-info.yaml')).toThrow(InputError);
    await expect(reader.headCommit('https://evil.example.com/acme/service.git')).rejects.toBeInstanceOf(InputError);
    await expect(reader.fetch('http://169.254.169.254/latest/meta-data.git')).rejects.toBeInstanceOf(InputError);
    expect(() => reader.parseUrl(`file:///etc/passwd`)).toThrow(InputError);
    const allowing = host.createReader({ allowedHosts: ['*.example.com'] });
    expect(allowing.parseUrl('https://git.example.com/acme/service/blob/main/x.yaml')).toMatchObject({
      repoUrl: 'https://git.example.com/acme/service.git',
    });
  });

  it('fails clearly with a wrong token and never shows the token', async () => {
    const token = 'definitely-the-wrong-token';
    const reader = host.createReader({ token });
    const failure = await reader.headCommit(repoUrl).catch(error => error as Error);
    expect(failure).toBeInstanceOf(GitRemoteError);
    expect(failure.message).toMatch(/refused the portal's credentials.*401/);
    expect(failure.message).not.toContain(token);
    await expect(reader.fetch(repoUrl)).rejects.toBeInstanceOf(GitRemoteError);
    const readOnly = host.createReader({ token: host.readToken });
    expect(await readOnly.headCommit(repoUrl)).toBe(second);
  });
});
