import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { startBackend, type RunningBackend } from '../startBackend.js';
import { isolatedConfigLines, makeTempConfig } from '../testing.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const TOKEN = 'seed-test-token-123';
// Asynchronous on purpose: the server under test runs in this process and must keep answering git.
const run = promisify(execFile);

async function entityRefs(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/catalog/entities/by-query?limit=100&orderField=metadata.name,asc`);
  const body = (await res.json()) as { items: Array<{ kind: string; metadata: { name: string } }> };
  return body.items.map(e => `${e.kind}:${e.metadata.name}`).sort();
}

describe('seeding the examples on first start', () => {
  let backend: RunningBackend | undefined;
  afterEach(async () => {
    await backend?.shutdown();
    backend = undefined;
  });

  it('puts each example on the local git host once, registers it, and keeps what people push later', { timeout: 120_000 }, async () => {
    const { dir, file } = makeTempConfig('');
    fs.writeFileSync(
      file,
      [
        ...isolatedConfigLines(dir, { backend: ['auth:', `  externalAccess: [{ type: static, options: { token: ${TOKEN}, subject: test } }]`] }),
        'examples:',
        '  seed: true',
        '  portalDocs: false',
        `  catalogDirectory: ${JSON.stringify(path.join(here, '__fixtures__/examples'))}`,
        `  templatesDirectory: ${JSON.stringify(path.join(here, '__fixtures__/templates'))}`,
      ].join('\n'),
    );
    const start = () =>
      startBackend({ argv: ['--config', file], cwd: repoRoot, env: { ...process.env, PORT: '' }, logger: createLogger({ level: 'silent' }) });

    backend = await start();
    const expected = ['Component:cart', 'Group:shop-team', 'Location:shop', 'Location:template-tiny', 'System:shop', 'Template:tiny'];
    expect(await entityRefs(backend.url)).toEqual(expected);
    const repos = await (await fetch(`${backend.url}/api/git/repos`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(repos.map((r: { owner: string; name: string }) => `${r.owner}/${r.name}`).sort()).toEqual(['acme/shop', 'acme/template-tiny']);

    // Someone changes a seeded repository with plain git.
    const url = new URL(backend.url);
    const clone = path.join(dir, 'clone');
    const remote = `${url.protocol}//x:${TOKEN}@${url.host}/git/acme/shop.git`;
    await run('git', ['clone', '-q', remote, clone]);
    const cart = path.join(clone, 'services/cart/catalog-info.yaml');
    fs.writeFileSync(cart, fs.readFileSync(cart, 'utf8').replace('Keeps shopping carts', 'Keeps carts, now faster'));
    const git = (...args: string[]) =>
      run('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], { cwd: clone });
    await git('commit', '-qam', 'Describe the cart better');
    await git('push', '-q', 'origin', 'main');
    const cartDescription = async () => {
      const res = await fetch(`${backend!.url}/api/catalog/entities/by-name/component/default/cart`);
      return ((await res.json()) as { metadata: { description: string } }).metadata.description;
    };
    // The push itself tells the catalog, which re-reads the repository at once.
    await expect.poll(cartDescription, { timeout: 5_000 }).toBe('Keeps carts, now faster');
    await backend.shutdown();

    // A restart seeds nothing again: no duplicates, and the pushed change is still what the catalog shows.
    backend = await start();
    expect(await entityRefs(backend.url)).toEqual(expected);
    const locations = (await (await fetch(`${backend.url}/api/catalog/locations`)).json()) as unknown[];
    expect(locations).toHaveLength(2);
    expect(await cartDescription()).toBe('Keeps carts, now faster');
  });
});
