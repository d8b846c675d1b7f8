// Times the git reader against the portal's own git host on loopback:
//   npm run bench:git
// Prints how long "has anything changed?" takes (one ls-refs exchange, no objects), and how long
// it takes to fetch and read a repository of 1,000 files at a commit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startTestGitHost } from '../src/testing/index.js';
import { commitAndPush } from '../src/writer/commitAndPush.js';

const FILES = 1000;
const HEAD_CHECKS = 200;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, min ${sorted[0]!.toFixed(1)} ms`;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

const host = await startTestGitHost();
const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'portal-bench-git-'));
try {
  const { cloneUrl } = await host.host.createRepository({ owner: 'bench', name: 'thousand-files' });
  const tree = path.join(work, 'tree');
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(tree, `team-${i % 20}`, `service-${i % 50}`);
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(path.join(dir, `file-${i}.yaml`), `kind: Component\nmetadata:\n  name: component-${i}\n${'# padding\n'.repeat(20)}`);
  }
  const { commit } = await commitAndPush({
    dir: tree,
    remoteUrl: cloneUrl,
    token: host.writeToken,
    message: 'Bench',
    author: { name: 'Bench', email: 'bench@example.com' },
  });

  const reader = host.createReader();
  for (let i = 0; i < 10; i++) await reader.headCommit(cloneUrl);
  const checks: number[] = [];
  for (let i = 0; i < HEAD_CHECKS; i++) {
    const [head, ms] = await time(() => reader.headCommit(cloneUrl));
    if (head !== commit) throw new Error('the head moved during the benchmark');
    checks.push(ms);
  }

  const [, fetchMs] = await time(() => reader.fetch(cloneUrl));
  const [, refetchMs] = await time(() => reader.fetch(cloneUrl));
  const [files, listMs] = await time(() => reader.listFiles(cloneUrl, commit));
  if (files.length !== FILES) throw new Error(`expected ${FILES} files, listed ${files.length}`);
  const [, sequentialMs] = await time(async () => {
    for (const file of files) await reader.readFile(cloneUrl, commit, file);
  });
  const [, parallelMs] = await time(() => Promise.all(files.map(file => reader.readFile(cloneUrl, commit, file))));

  console.log(`git bench on loopback (${os.cpus().length} CPUs, node ${process.version})`);
  console.log(`  head check, no change (${HEAD_CHECKS} runs): ${summary(checks)}`);
  console.log(`  first shallow fetch of ${FILES} files: ${fetchMs.toFixed(0)} ms; fetch again, unchanged: ${refetchMs.toFixed(1)} ms`);
  console.log(`  list ${FILES} files at a commit: ${listMs.toFixed(1)} ms`);
  console.log(`  read ${FILES} files at a commit: ${sequentialMs.toFixed(0)} ms one by one, ${parallelMs.toFixed(0)} ms all at once`);
} finally {
  await host.close();
  await fs.promises.rm(work, { recursive: true, force: true });
}
