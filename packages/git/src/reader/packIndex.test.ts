import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, indexPack } from './packIndex.js';

const git = (cwd: string, args: string[], input?: string) =>
  execFileSync('git', args, {
    cwd,
    input,
    env: { ...process.env, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@example.com' },
  });

describe('indexPack', () => {
  let repo: string;
  let objects: string;

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-index-'));
    git(repo, ['init', '-q', '-b', 'main']);
    // Versions of similar files, so git stores most of them as deltas, some in long chains.
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} of a catalog file with enough text to be worth a delta`);
    for (let version = 0; version < 12; version++) {
      for (let file = 0; file < 8; file++) {
        const edited = lines.map((line, i) => (i % (file + 3) === version % (file + 3) ? `${line} (edit ${version})` : line));
        fs.mkdirSync(path.join(repo, `dir-${file % 3}`), { recursive: true });
        fs.writeFileSync(path.join(repo, `dir-${file % 3}`, `file-${file}.yaml`), edited.join('\n'));
      }
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-qm', `version ${version}`]);
    }
    git(repo, ['tag', '-a', 'v1', '-m', 'a tag']);
    objects = git(repo, ['rev-list', '--objects', '--all']).toString();
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  // pack-objects writes its own index beside the pack: ours must be the same bytes.
  const packWith = (name: string, options: string[]) => {
    const base = path.join(repo, name);
    const checksum = git(repo, ['pack-objects', ...options, base], objects)
      .toString()
      .trim();
    return { pack: fs.readFileSync(`${base}-${checksum}.pack`), idx: fs.readFileSync(`${base}-${checksum}.idx`), checksum };
  };

  /** How many delta chain lengths `git verify-pack` reports for the pack. */
  const deltaChains = (name: string, checksum: string) =>
    (
      git(repo, ['verify-pack', '-v', `${name}-${checksum}.idx`])
        .toString()
        .match(/^chain length = \d+/gm) ?? []
    ).length;

  it('indexes a pack of offset deltas as git does', () => {
    const { pack, idx, checksum } = packWith('ofs', ['--delta-base-offset', '--window=50', '--depth=50']);
    expect(deltaChains('ofs', checksum)).toBeGreaterThan(1);
    const indexed = indexPack(pack);
    expect(indexed.checksum).toBe(checksum);
    expect(indexed.objectCount).toBe(objects.trim().split('\n').length);
    expect(indexed.idx.equals(idx)).toBe(true);
  });

  it('indexes a pack of deltas that name their base by id as git does', () => {
    const { pack, idx, checksum } = packWith('ref', ['--window=50', '--depth=50']);
    expect(deltaChains('ref', checksum)).toBeGreaterThan(1);
    expect(indexPack(pack).idx.equals(idx)).toBe(true);
  });

  it('keeps the trees of at least the size asked for, as git stores them, whole or rebuilt from deltas', () => {
    const { pack } = packWith('trees', ['--delta-base-offset', '--window=50', '--depth=50']);
    const trees = git(repo, ['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)', '--batch-all-objects'])
      .toString()
      .trim()
      .split('\n')
      .map(line => line.split(' '))
      .filter(([, type]) => type === 'tree')
      .map(([oid, , size]) => ({ oid: oid!, size: Number(size) }));
    const wide = trees.filter(tree => tree.size >= 100).map(tree => tree.oid);
    // Some trees on each side of the line, so the size is what decides.
    expect(wide.length).toBeGreaterThan(0);
    expect(wide.length).toBeLessThan(trees.length);
    const kept = indexPack(pack, { keepTreesOf: 100 }).trees;
    expect([...kept.keys()].sort()).toEqual(wide.sort());
    for (const [oid, contents] of kept) expect(contents.equals(git(repo, ['cat-file', 'tree', oid]))).toBe(true);
    expect(indexPack(pack).trees.size).toBe(0);
  });

  it('refuses a damaged pack and a delta that copies outside its base', () => {
    const { pack } = packWith('bad', ['--delta-base-offset']);
    const damaged = Buffer.from(pack);
    damaged[damaged.length - 30] ^= 0xff;
    expect(() => indexPack(damaged)).toThrow(/checksum/);
    expect(() => indexPack(Buffer.from('PACK but not really, just text of some length'))).toThrow();
    // Source size 3, target size 4, then "copy 4 bytes from offset 0".
    expect(() => applyDelta(Buffer.from('abc'), Buffer.from([3, 4, 0x90, 4]))).toThrow(/outside its base/);
    expect(applyDelta(Buffer.from('abc'), Buffer.from([3, 5, 0x90, 3, 2, 0x64, 0x65])).toString()).toBe('abcde');
  });
});
