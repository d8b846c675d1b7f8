import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { startBackend, type RunningBackend } from '../startBackend.js';
import { isolatedConfigLines, makeTempConfig } from '../testing.js';
import { SEEDED_KINDS } from './seedExamples.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const TOKEN = 'seed-test-token-123';
// Asynchronous on purpose: the server under test runs in this process and must keep answering git.
const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** The entities the seeded files declare: the Location entities generated for each location and target are left out. */
async function entityRefs(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/catalog/entities/by-query?limit=100&orderField=metadata.name,asc`);
  const body = (await res.json()) as { items: Array<{ kind: string; metadata: { name: string } }> };
  return body.items
    .filter(e => !(e.kind === 'Location' && e.metadata.name.startsWith('generated-')))
    .map(e => `${e.kind}:${e.metadata.name}`)
    .sort();
}

describe('seeding the examples on first start', () => {
  let backend: RunningBackend | undefined;
  afterEach(async () => {
    await backend?.shutdown();
    backend = undefined;
  });

  /**
   * A server of its own that seeds the fixtures, over app-config.yaml's defaults (its catalog rules
   * included). With a port, every start keeps the same base URL, so the seeded locations do too.
   */
  function seedingServer(port?: number) {
    const { dir, file } = makeTempConfig('');
    fs.writeFileSync(
      file,
      [
        ...isolatedConfigLines(dir, { backend: ['auth:', `  externalAccess: [{ type: static, options: { token: ${TOKEN}, subject: test } }]`] }).map(line =>
          port && line.startsWith('  listen:') ? `  listen: { port: ${port}, host: 127.0.0.1 }` : line,
        ),
        'examples:',
        '  seed: true',
        '  portalDocs: false',
        `  catalogDirectory: ${JSON.stringify(path.join(here, '__fixtures__/examples'))}`,
        `  templatesDirectory: ${JSON.stringify(path.join(here, '__fixtures__/templates'))}`,
      ].join('\n'),
    );
    const start = () => startBackend({ argv: ['--config', file], cwd: repoRoot, env: { ...process.env, PORT: '' }, logger: createLogger({ level: 'silent' }) });
    return { dir, start };
  }

  const expected = ['Component:cart', 'Group:shop-team', 'Location:shop', 'Location:template-tiny', 'System:shop', 'Template:tiny'];

  it('puts each example on the local git host once, registers it, and keeps what people push later', { timeout: 120_000 }, async () => {
    const { dir, start } = seedingServer();
    backend = await start();
    // The Group arrives although the default rules refuse Groups to registered locations: seeded ones are trusted.
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
    const git = (...args: string[]) => run('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], { cwd: clone });
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

  it('trusts seeded locations an earlier start registered without trust, so their Groups come back', { timeout: 120_000 }, async () => {
    const { start } = seedingServer(await freePort());
    backend = await start();
    expect(await entityRefs(backend.url)).toEqual(expected);

    // The seeded locations as a database holds them when they were registered like any other:
    // no kinds of their own, so a refresh refuses the Group and says why.
    await backend.knex('catalog_locations').update({ allow_kinds: null });
    const refresh = await fetch(`${backend.url}/api/catalog/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: 'location:default/shop' }),
    });
    expect(refresh.status).toBe(200);
    expect(await entityRefs(backend.url)).not.toContain('Group:shop-team');
    const errors = await backend.knex('catalog_errors').where({ type: 'rule' }).pluck('message');
    expect(errors).toEqual([expect.stringContaining('Kind Group may not be added from url:')]);
    await backend.shutdown();

    // The next start trusts the seeded locations it knows before their next refresh.
    backend = await start();
    await expect.poll(() => entityRefs(backend!.url), { timeout: 10_000 }).toEqual(expected);
    expect(await backend.knex('catalog_errors').select('message')).toEqual([]);
    const kinds = await backend.knex('catalog_locations').where({ origin: 'api' }).pluck('allow_kinds');
    expect(kinds).toEqual([SEEDED_KINDS, SEEDED_KINDS]);
  });
});
