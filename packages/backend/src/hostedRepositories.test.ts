import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@portal/backend-common';
import { gitCommandLine } from '@portal/git/testing';
import { startBackend, type RunningBackend } from './startBackend.js';
import { isolatedConfigLines, makeTempConfig } from './testing.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const APP_MARKER = '<title>repository pages test app</title>';

const git = (args: string[], cwd?: string) => gitCommandLine(args, cwd, { name: 'Guest', email: 'guest@shop.example' });

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

describe('hosted repositories: personal tokens, pages and editing, on a laptop server', () => {
  let backend: RunningBackend;
  let dir: string;
  let session: Record<string, string>;
  let readToken: string;
  let writeToken: string;
  const api = (p: string, init: RequestInit = {}) => fetch(`${backend.url}/api${p}`, init);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const cloneUrl = (token: string, repo: string) => `${backend.url.replace('http://', `http://anyone:${token}@`)}/git/${repo}.git`;

  beforeAll(async () => {
    const temp = makeTempConfig('');
    dir = temp.dir;
    const appDist = path.join(dir, 'app');
    fs.mkdirSync(appDist);
    fs.writeFileSync(path.join(appDist, 'index.html'), `<!doctype html>${APP_MARKER}`);
    fs.writeFileSync(
      temp.file,
      [
        ...isolatedConfigLines(dir),
        'examples:',
        '  seed: true',
        '  portalDocs: false',
        `  catalogDirectory: ${JSON.stringify(path.join(here, '__fixtures__/hosted'))}`,
        `  templatesDirectory: ${JSON.stringify(path.join(dir, 'no-templates'))}`,
        'auth: { providers: { guest: {} } }',
        'permission: { admins: [] }',
      ].join('\n'),
    );
    backend = await startBackend({
      argv: ['--config', temp.file],
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'development', PORT: '' },
      logger: createLogger({ level: 'silent' }),
      appDistDir: appDist,
    });
    await waitFor('the seeded cart', async () => (await api('/catalog/entities/by-name/component/default/cart')).ok);
    await waitFor('the seeded guest', async () => (await api('/catalog/entities/by-name/user/default/guest')).ok);

    // Signs in as the guest, as the sign-in page does, then makes a token of each scope.
    const signIn = await fetch(`${backend.url}/api/auth/guest/start`, { method: 'POST', redirect: 'manual', headers: { 'sec-fetch-site': 'same-origin' } });
    const cookies = signIn.headers.getSetCookie().map(c => c.split(';')[0]!);
    const csrf = decodeURIComponent(cookies.find(c => c.startsWith('portal-csrf='))!.slice('portal-csrf='.length));
    session = { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' };
    const make = async (scope: string) => {
      const response = await api('/auth/tokens', {
        method: 'POST',
        headers: { ...session, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${scope} token`, scope, expiresInDays: 7 }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { token: string }).token;
    };
    readToken = await make('read');
    writeToken = await make('write');
  }, 120_000);
  afterAll(async () => {
    await backend?.shutdown();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a browser opening repository addresses with the app, and git clients as before', async () => {
    const page = (p: string) => fetch(`${backend.url}${p}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    for (const p of [
      '/git/acme/shop/tree/main/services',
      '/git/acme/shop/blob/main/org.yaml',
      '/git/acme/shop/edit/main/org.yaml',
      '/git/acme/shop.git',
      '/git/acme/shop',
    ]) {
      const response = await page(p);
      expect(response.status, p).toBe(200);
      expect(await response.text(), p).toContain(APP_MARKER);
    }
    // Git's own endpoints are never pages, whatever the client accepts.
    const refs = await page('/git/acme/shop.git/info/refs?service=git-upload-pack');
    expect(refs.status).toBe(401);
    expect(refs.headers.get('www-authenticate')).toMatch(/Basic/);
    // A script asking for a file still gets the raw file.
    const raw = await fetch(`${backend.url}/git/acme/shop/blob/main/org.yaml`, { headers: bearer(readToken) });
    expect(raw.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await raw.text()).toContain('kind: Group');
  });

  it('takes a personal token as a bearer token and as git’s password, with its scope', async () => {
    const refresh = (token: string) =>
      api('/catalog/refresh', {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ entityRef: 'component:default/cart' }),
      });
    expect((await refresh(writeToken)).status).toBe(200);
    expect((await refresh(readToken)).status).toBe(403);

    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pat-clone-'));
    try {
      await git(['clone', '--quiet', cloneUrl(readToken, 'acme/shop'), path.join(work, 'shop')]);
      expect(fs.readFileSync(path.join(work, 'shop/services/cart/catalog-info.yaml'), 'utf8')).toContain('name: cart');

      // The guest's team namespace is theirs: a write token creates a repository there and pushes to it.
      const created = await api('/git/repos', {
        method: 'POST',
        headers: { ...bearer(writeToken), 'content-type': 'application/json' },
        body: JSON.stringify({ owner: 'shop-team', name: 'scratch' }),
      });
      expect(created.status).toBe(201);
      const scratch = path.join(work, 'scratch');
      await git(['clone', '--quiet', cloneUrl(writeToken, 'shop-team/scratch'), scratch]);
      fs.writeFileSync(path.join(scratch, 'README.md'), '# Scratch\n');
      await git(['add', 'README.md'], scratch);
      await git(['commit', '--quiet', '-m', 'First'], scratch);
      await git(['push', '--quiet', 'origin', 'HEAD:main'], scratch);
      const pushed = await api('/git/repos/shop-team/scratch/blob?path=README.md', { headers: bearer(readToken) });
      expect(((await pushed.json()) as { text: string }).text).toBe('# Scratch\n');

      // A read token clones but cannot push, and a write token cannot push where its person owns nothing.
      fs.writeFileSync(path.join(scratch, 'README.md'), '# Scratch, again\n');
      await git(['commit', '--quiet', '-am', 'Second'], scratch);
      await git(['remote', 'set-url', 'origin', cloneUrl(readToken, 'shop-team/scratch')], scratch);
      await expect(git(['push', '--quiet', 'origin', 'HEAD:main'], scratch)).rejects.toThrow(/403/);
      await git(['remote', 'set-url', 'origin', cloneUrl(writeToken, 'acme/shop')], scratch);
      await expect(git(['push', '--quiet', '--force', 'origin', 'HEAD:refs/heads/scratch'], scratch)).rejects.toThrow(/403/);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);

  it('lists a folder, reads files, the history and one commit’s changes, without signing in on a laptop', async () => {
    const tree = (await (await api('/git/repos/acme/shop/tree?path=services/cart')).json()) as {
      ref: string;
      commit: string;
      entries: unknown[];
      cloneUrl: string;
    };
    expect(tree.ref).toBe('main');
    expect(tree.cloneUrl).toBe(`${backend.url}/git/acme/shop.git`);
    expect(tree.entries).toEqual([
      { name: 'docs', path: 'services/cart/docs', type: 'tree' },
      { name: 'catalog-info.yaml', path: 'services/cart/catalog-info.yaml', type: 'blob' },
    ]);
    const blob = (await (await api(`/git/repos/acme/shop/blob?ref=${tree.commit}&path=services/cart/docs/index.md`)).json()) as {
      text: string;
      binary: boolean;
    };
    expect(blob).toMatchObject({ binary: false, text: '# Cart\n\nKeeps **shopping carts**.\n' });
    expect((await api('/git/repos/acme/shop/blob?path=services/nothing.yaml')).status).toBe(404);
    expect((await api('/git/repos/acme/shop/tree?ref=no-such-branch')).status).toBe(404);
    expect((await api('/git/repos/acme/shop/tree?ref=--upload-pack=evil')).status).toBe(400);

    const commits = (await (await api('/git/repos/acme/shop/commits?path=services/cart&limit=1')).json()) as { items: Array<{ sha: string; subject: string }> };
    const first = commits.items.at(-1)!;
    const diff = (await (await api(`/git/repos/acme/shop/commits/${first.sha}`)).json()) as { files: Array<{ path: string; change: string; patch: string }> };
    expect(diff.files.find(f => f.path === 'services/cart/docs/index.md')).toMatchObject({
      change: 'added',
      patch: expect.stringContaining('+Keeps **shopping carts**.'),
    });
  });

  it('saves an edit as its person on the branch, and the catalog has it within a second', async () => {
    const file = 'services/cart/catalog-info.yaml';
    const opened = (await (await api(`/git/repos/acme/shop/blob?path=${file}`)).json()) as { commit: string; text: string };
    const save = (headers: Record<string, string>, body: Record<string, unknown>) =>
      api('/git/repos/acme/shop/files', {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ branch: 'main', ...body }),
      });
    const content = opened.text.replace('Keeps shopping carts', 'Keeps carts until checkout');

    expect((await save(bearer(readToken), { path: file, content, expectedCommit: opened.commit })).status).toBe(403);
    // ledger belongs to another team.
    const ledger = await save(session, { path: 'services/ledger/catalog-info.yaml', content: 'x', expectedCommit: opened.commit });
    expect(ledger.status).toBe(403);
    expect(((await ledger.json()) as { error: { message: string } }).error.message).toMatch(/ledger-team/);

    const saved = await save(session, { path: file, content, expectedCommit: opened.commit, message: 'Say what the cart keeps' });
    expect(saved.status).toBe(200);
    const { commit } = (await saved.json()) as { commit: string };
    const waited = await waitFor('the new description', async () => {
      const entity = (await (await api('/catalog/entities/by-name/component/default/cart')).json()) as { metadata: { description?: string } };
      return entity.metadata.description === 'Keeps carts until checkout';
    });
    // The answer waits for the catalog to read the commit, so the entity page opened next shows it.
    expect(waited).toBeLessThan(1000);
    const history = (await (await api('/git/repos/acme/shop/commits?limit=1')).json()) as {
      items: Array<{ sha: string; subject: string; author: { name: string; email: string } }>;
    };
    expect(history.items[0]).toMatchObject({ sha: commit, subject: 'Say what the cart keeps', author: { name: 'Guest User', email: 'guest@shop.example' } });

    // The file was opened before that commit: saving it again must not overwrite it.
    const stale = await save(bearer(writeToken), { path: file, content: opened.text, expectedCommit: opened.commit });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { message: string } }).error.message).toMatch(/has moved since the file was opened/);

    // A docs page belongs to the entities of its folder above: the cart's team edits it.
    const docs = await save(bearer(writeToken), { path: 'services/cart/docs/index.md', content: '# Cart\n\nKeeps carts.\n', expectedCommit: commit });
    expect(docs.status).toBe(200);
  });
});
