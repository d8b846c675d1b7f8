import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError, NotFoundError } from '@portal/backend-common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHost, type TestGitHost } from '../testing/index.js';
import { commitAndPush } from '../writer/commitAndPush.js';
import { GitReadError } from './GitReadError.js';
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

  /** Pushes a commit holding exactly `files` to a repository, building it in a work folder of its own. */
  const pusherTo = (remoteUrl: () => string, folder: string) => async (files: Record<string, string>, message: string) => {
    const dir = path.join(work, folder);
    await writeTree(dir, files);
    return (await commitAndPush({ dir, remoteUrl: remoteUrl(), token: host.writeToken, message, author })).commit;
  };
  const push = pusherTo(() => repoUrl, 'tree');

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
    const pushTo = pusherTo(() => shallowUrl, 'shallow-tree');
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

  it('gets a file back whose contents only an earlier commit than the cache holds had', async () => {
    const reader = host.createReader({ cacheDir: path.join(work, 'revert-cache') });
    const revertUrl = (await host.host.createRepository({ owner: 'acme', name: 'revert' })).cloneUrl;
    const pushTo = pusherTo(() => revertUrl, 'revert-tree');
    await pushTo({ 'a.md': 'the first words\n' }, 'One');
    const two = await pushTo({ 'a.md': 'other words\n' }, 'Two');
    expect(await reader.fetch(revertUrl)).toBe(two);
    // The host holds this contents (commit One) but the cache, which starts at Two, does not:
    // the fetch must tell the host where the cache stops, or the host assumes it has it.
    const three = await pushTo({ 'a.md': 'the first words\n' }, 'Three');
    // With reachability bitmaps the host knows everything One's history holds, and leaves out
    // what it believes the cache has.
    await execFileAsync('git', ['--git-dir', path.join(host.directory, 'acme', 'revert.git'), 'repack', '-adbq']);
    expect(await reader.fetch(revertUrl)).toBe(three);
    expect((await reader.readFile(revertUrl, three, 'a.md')).toString()).toBe('the first words\n');
    expect(await reader.changedPaths(revertUrl, two, three)).toEqual([{ path: 'a.md', change: 'modified' }]);
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

  it('lists the paths two commits differ in as git does: names that sort around folders, kinds that change, a large folder', async () => {
    const reader = host.createReader();
    const layoutUrl = (await host.host.createRepository({ owner: 'acme', name: 'layout' })).cloneUrl;
    const dir = path.join(work, 'layout');
    await fs.promises.mkdir(dir, { recursive: true });
    const gitAt = async (...args: string[]) =>
      (
        await execFileAsync('git', args, {
          cwd: dir,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: author.name,
            GIT_AUTHOR_EMAIL: author.email,
            GIT_COMMITTER_NAME: author.name,
            GIT_COMMITTER_EMAIL: author.email,
          },
        })
      ).stdout.trim();
    const write = async (file: string, content: string) => {
      await fs.promises.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.promises.writeFile(path.join(dir, file), content);
    };
    const commitAndPushAll = async (message: string) => {
      await gitAt('add', '-A');
      await gitAt('commit', '-qm', message);
      await gitAt('push', '-q', layoutUrl.replace('http://', `http://bench:${host.writeToken}@`), 'main');
      return gitAt('rev-parse', 'HEAD');
    };
    await gitAt('init', '-q', '-b', 'main');
    // Around the folder `svc`: `svc-a` and `svc.b` sort before it (as `svc/`), `svc0` after it.
    for (const file of ['svc/a.yaml', 'svc-a/x.yaml', 'svc.b', 'svc0', 'foo', 'foo.txt', 'foo-bar/x.yaml', 'run.sh']) await write(file, `${file}\n`);
    // A folder large enough that its stored form is kept for the next diff.
    for (let i = 0; i < 3000; i++) await write(`big/service-${String(i).padStart(4, '0')}.yaml`, `name: service-${i}\n`);
    await fs.promises.symlink('svc.b', path.join(dir, 'link'));
    const before = await commitAndPushAll('Before');
    expect(await reader.fetch(layoutUrl)).toBe(before);

    await fs.promises.rm(path.join(dir, 'foo'));
    await write('foo/inner.yaml', 'now a folder\n');
    await fs.promises.rm(path.join(dir, 'svc.b'));
    await write('svc.b/c.yaml', 'now a folder too\n');
    await write('svc-a/x.yaml', 'changed\n');
    await write('svc/b.yaml', 'added\n');
    await fs.promises.rm(path.join(dir, 'svc0'));
    await write('big/service-1500.yaml', 'changed\n');
    await fs.promises.rm(path.join(dir, 'big/service-2999.yaml'));
    await write('big/service-3000.yaml', 'added\n');
    await write('big/a-first.yaml', 'added first\n');
    await fs.promises.chmod(path.join(dir, 'run.sh'), 0o755);
    await fs.promises.rm(path.join(dir, 'link'));
    await fs.promises.symlink('foo.txt', path.join(dir, 'link'));
    const after = await commitAndPushAll('After');
    expect(await reader.fetch(layoutUrl)).toBe(after);

    const byGit = (await gitAt('diff', '--name-status', '--no-renames', before, after))
      .split('\n')
      .map(line => {
        const [status, file] = line.split('\t') as [string, string];
        return { path: file, change: status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified' };
      })
      .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    expect(byGit).toHaveLength(13);
    // Files of the wide folder, read one by one: the first by searching its stored bytes, the rest through its index.
    expect((await reader.readFile(layoutUrl, after, 'big/service-1500.yaml')).toString()).toBe('changed\n');
    await expect(reader.readFile(layoutUrl, after, 'big/service-2999.yaml')).rejects.toBeInstanceOf(NotFoundError);
    for (const i of [0, 1, 10, 999, 1499, 1501, 2000, 2998, 7, 3, 42, 2500]) {
      expect((await reader.readFile(layoutUrl, after, `big/service-${String(i).padStart(4, '0')}.yaml`)).toString()).toBe(`name: service-${i}\n`);
    }
    expect((await reader.readFile(layoutUrl, after, 'big/a-first.yaml')).toString()).toBe('added first\n');
    expect((await reader.readFile(layoutUrl, before, 'big/service-2999.yaml')).toString()).toBe('name: service-2999\n');
    expect(await reader.changedPaths(layoutUrl, before, after)).toEqual(byGit);
    expect(await reader.changedPaths(layoutUrl, after, before)).toEqual(
      byGit.map(c => ({ ...c, change: c.change === 'added' ? 'deleted' : c.change === 'deleted' ? 'added' : c.change })),
    );
  });

  it('builds the commit on top of an existing branch, so pushes are fast-forwards', async () => {
    const bare = path.join(host.directory, 'acme', 'service.git');
    const { stdout } = await execFileAsync('git', ['--git-dir', bare, 'log', '--format=%H %an <%ae> %s', 'main']);
    expect(stdout.trim().split('\n')).toEqual([`${second} Ada Lovelace <ada@example.com> Second`, `${first} Ada Lovelace <ada@example.com> First`]);
  });

  it('reads tags, following annotated tags to their commit', async () => {
    const bare = path.join(host.directory, 'acme', 'service.git');
    await execFileAsync('git', [
      '--git-dir',
      bare,
      '-c',
      'user.name=Ada',
      '-c',
      'user.email=ada@example.com',
      'tag',
      '-a',
      'v1.0.0',
      '-m',
      'First release',
      first,
    ]);
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
    // The commit went with its pack: the cache cannot say whether the file exists.
    await expect(reader.readFile(repoUrl, head, 'catalog-info.yaml')).rejects.toBeInstanceOf(GitReadError);
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
    const failure = (await reader.headCommit(repoUrl).catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(GitRemoteError);
    expect(failure.message).toMatch(/refused the portal's credentials.*401/);
    expect(failure.message).not.toContain(token);
    await expect(reader.fetch(repoUrl)).rejects.toBeInstanceOf(GitRemoteError);
    const readOnly = host.createReader({ token: host.readToken });
    expect(await readOnly.headCommit(repoUrl)).toBe(second);
  });
});
