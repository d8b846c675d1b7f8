import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { screenshotPath, startPortal, type Portal } from './support/portal.js';

const TOKEN = 'e2e-catalog-token-0123456789';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for the example catalog`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

describe.skipIf(!chromiumPath)('the catalog pages in Chromium, on the example catalog', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const api = (p: string, init: RequestInit = {}) =>
    fetch(`${portal.url}/api${p}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });
  const countText = () => page.getByTestId('catalog-count').innerText();

  beforeAll(async () => {
    portal = await startPortal('', { backendConfig: ['auth:', '  externalAccess:', '    - type: static', `      options: { token: ${TOKEN}, subject: e2e }`] });
    // The examples are pushed to the local git host and registered after start: wait for them.
    await waitFor(
      async () => ((await (await api('/catalog/entities/by-query?filter=kind=component&limit=1')).json()) as { totalItems: number }).totalItems > 15,
    );
    await waitFor(async () => (await api('/catalog/entities/by-name/group/default/payments-team')).status === 200);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Guest sign-in through the API: the sign-in page's form POST carries `Origin: null` under the
    // no-referrer policy and is refused as cross-site (reported); the session cookie is the same.
    const signIn = await page.request.post(`${portal.url}/api/auth/guest/start?redirect=/catalog`, { headers: { origin: portal.url }, maxRedirects: 0 });
    expect(signIn.status()).toBeLessThan(400);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  async function choose(label: string, option: RegExp) {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
    await page.keyboard.press('Escape');
  }

  it('filters by owner and lifecycle, the count following, and keeps the view in the URL', async () => {
    await page.goto(`${portal.url}/catalog`);
    await expect.poll(countText).toMatch(/^1–20 of \d+$/);
    const all = await countText();
    await choose('Owner', /^payments-team \d+ entities$/);
    await expect.poll(countText).not.toBe(all);
    const owned = await countText();
    expect(new URL(page.url()).searchParams.getAll('owner')).toEqual(['group:default/payments-team']);
    await choose('Lifecycle', /^experimental \d+ entities$/);
    await expect.poll(countText).not.toBe(owned);
    await expect.poll(() => page.getByRole('table', { name: 'Entities' }).getByRole('row').count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Entities' }).innerText()).toContain('Fraud detection service');
    await page.screenshot({ path: screenshotPath('catalog-filtered') });

    // The same URL, reloaded, shows the same view.
    const filtered = await countText();
    await page.reload();
    await expect.poll(countText).toBe(filtered);
  });

  it('opens an entity from the table and follows its owner to the group page', async () => {
    await page.goto(`${portal.url}/catalog?q=payments`);
    await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'Payments service' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/component/payments-service');
    await page.getByRole('heading', { level: 1, name: 'Payments service' }).waitFor();
    expect(await page.getByRole('region', { name: 'About' }).innerText()).toContain('Payment intents');
    await page
      .getByRole('region', { name: 'Relations' })
      .getByRole('link', { name: /payments-api/ })
      .waitFor();
    // Relation types read as words, and the domain comes from the component's system.
    expect(await page.getByRole('region', { name: 'Relations' }).innerText()).toMatch(/provides api/i);
    await page.getByRole('region', { name: 'About' }).getByRole('link', { name: 'commerce' }).waitFor();

    await page.getByRole('link', { name: 'Owner payments-team' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/group/payments-team');
    const members = page.getByRole('region', { name: /^Members/ });
    await expect.poll(() => members.getByRole('link').count()).toBeGreaterThan(0);
    const owned = page.getByRole('region', { name: /^Owned entities/ });
    await owned.getByRole('link', { name: 'Payments service' }).waitFor();
    await page.screenshot({ path: screenshotPath('catalog-group'), fullPage: true });
  });

  it("opens an API's definition as an explorable reference", async () => {
    await page.goto(`${portal.url}/apis`);
    await page
      .getByRole('table', { name: 'Entities' })
      .getByRole('link', { name: /payments api/i })
      .click();
    await page.getByRole('tab', { name: 'Definition' }).click();
    await page.waitForURL(url => url.pathname.endsWith('/definition'));
    const reference = page.getByRole('region', { name: 'OpenAPI reference' });
    const operation = reference.getByRole('button', { name: /POST/ }).first();
    await operation.click();
    await reference.getByRole('heading', { name: 'Responses' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('catalog-api-definition'), fullPage: true });

    // A gRPC API shows highlighted source.
    await page.goto(`${portal.url}/catalog/default/api/user-directory-grpc/definition`);
    const source = page.getByLabel('grpc definition');
    await source.waitFor();
    expect(await source.locator('.hljs-keyword').count()).toBeGreaterThan(0);
  });

  it('draws the dependency graph, changes its depth and opens a node', async () => {
    await page.goto(`${portal.url}/catalog/default/component/payments-service/dependencies`);
    const graph = page.getByRole('img', { name: 'Relations of component:default/payments-service' });
    await graph.waitFor();
    const oneStep = await graph.getByRole('link').count();
    expect(oneStep).toBeGreaterThan(2);
    await page.getByRole('combobox', { name: 'Depth' }).click();
    await page.getByRole('option', { name: '2' }).click();
    await expect.poll(() => graph.getByRole('link').count()).toBeGreaterThan(oneStep);
    await page.screenshot({ path: screenshotPath('catalog-graph'), fullPage: true });
    await graph.locator('[data-ref="group:default/payments-team"]').click();
    await page.waitForURL(url => url.pathname === '/catalog/default/group/payments-team/dependencies');
    await page.getByRole('img', { name: 'Relations of group:default/payments-team' }).waitFor();
    // A deep link to a tab survives a reload.
    await page.reload();
    await page.getByRole('img', { name: 'Relations of group:default/payments-team' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Dependencies', selected: true }).count()).toBe(1);
  });

  it('registers a component from a repository URL after a dry run, and lands on it', async () => {
    const created = await api('/git/repos', { method: 'POST', body: JSON.stringify({ owner: 'e2e', name: 'billing-worker' }) });
    expect(created.status).toBe(201);
    const { cloneUrl } = (await created.json()) as { cloneUrl: string };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-register-'));
    fs.writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: billing-worker',
        '  description: Sends the monthly invoices.',
        'spec:',
        '  type: service',
        '  lifecycle: experimental',
        '  owner: group:default/payments-team',
      ].join('\n'),
    );
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        stdio: 'pipe',
        env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.com', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.com' },
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'catalog-info');
    git('push', '-q', cloneUrl.replace('://', `://e2e:${TOKEN}@`), 'main');

    await page.goto(`${portal.url}/catalog`);
    await page.getByRole('link', { name: 'Register existing component' }).first().click();
    await page.getByLabel('Repository or file URL').fill(`${cloneUrl.replace(/\.git$/, '')}/blob/main/catalog-info.yaml`);
    await page.getByRole('button', { name: 'Analyze' }).click();
    const preview = page.getByRole('list', { name: 'Entities to add' });
    await preview.waitFor();
    expect(await preview.innerText()).toContain('Component: default/billing-worker');
    await page.screenshot({ path: screenshotPath('catalog-register-dry-run') });
    await page.getByRole('button', { name: 'Register' }).click();
    // The result step links the entities and follows the location's first refresh to its end.
    await page.getByRole('status').filter({ hasText: 'First refresh done' }).waitFor();
    await page.getByRole('list', { name: 'Registered entities' }).getByRole('link', { name: 'billing-worker' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/component/billing-worker');
    await page.getByRole('heading', { level: 1, name: 'billing-worker' }).waitFor();

    // A later push reaches the page: the host's push event refreshes the location, which fetches
    // only what the push added and re-reads the one changed file.
    const file = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Sends the monthly invoices.', 'Sends invoices and reminders.'));
    git('commit', '-qam', 'describe reminders');
    git('push', '-q', cloneUrl.replace('://', `://e2e:${TOKEN}@`), 'main');
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText('Sends invoices and reminders.').count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);

    // An unreadable URL says why.
    await page.goto(`${portal.url}/catalog/register`);
    await page.getByLabel('Repository or file URL').fill(`${portal.url}/git/e2e/nope/blob/main/catalog-info.yaml`);
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('alert').waitFor();
  });

  it('says what is wrong with a file before registering it, and lists a broken location with its error', async () => {
    const { cloneUrl } = (await (await api('/git/repos', { method: 'POST', body: JSON.stringify({ owner: 'e2e', name: 'half-docs' }) })).json()) as {
      cloneUrl: string;
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-register-'));
    fs.writeFileSync(path.join(dir, 'mkdocs.yml'), 'site_name: Half docs\nnav:\n  - Home: index.md\n');
    fs.writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: half-docs',
        'spec:',
        '  type: website',
        '  lifecycle: experimental',
        '  owner: group:default/web-team',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  labels: { app: half-docs }',
      ].join('\n'),
    );
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.com',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.com',
    };
    for (const args of [
      ['init', '-q', '-b', 'main'],
      ['add', '.'],
      ['commit', '-qm', 'docs'],
      ['push', '-q', cloneUrl.replace('://', `://e2e:${TOKEN}@`), 'main'],
    ]) {
      execFileSync('git', args, { cwd: dir, stdio: 'pipe', env });
    }
    const fileUrl = (file: string) => `${cloneUrl.replace(/\.git$/, '')}/blob/main/${file}`;
    const analyze = async (file: string) => {
      await page.getByLabel('Repository or file URL').fill(fileUrl(file));
      await page.getByRole('button', { name: 'Analyze' }).click();
      await page.getByRole('list', { name: 'Files read' }).waitFor();
      return page.getByRole('list', { name: 'Files read' }).innerText();
    };

    await page.goto(`${portal.url}/catalog/register`);
    expect(await analyze('nope.yaml')).toContain('nope.yaml does not exist');
    await page.getByRole('alert').filter({ hasText: 'Nothing to register' }).waitFor();
    expect(await page.getByRole('button', { name: 'Register', exact: true }).isDisabled()).toBe(true);

    expect(await analyze('mkdocs.yml')).toContain('looks like an MkDocs configuration');
    expect(await page.getByRole('button', { name: 'Register', exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('catalog-register-not-an-entity') });

    // A file with an entity and a document that is not one: the entity can be registered.
    expect(await analyze('catalog-info.yaml')).toContain('looks like a Kubernetes manifest (kind Deployment, apiVersion apps/v1)');
    expect(await page.getByRole('list', { name: 'Entities to add' }).innerText()).toContain('Component: default/half-docs');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'First refresh done' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'First refresh done' }).innerText()).toMatch(/1 file read, \d+ entities in the catalog, 1 error/);
    await page.getByRole('list', { name: 'Registered entities' }).getByRole('link', { name: 'half-docs' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/component/half-docs');
    // The entity's page warns about its file, and leads to the location's row on the Locations page.
    await page.getByRole('link', { name: 'See the errors' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/locations');
    const locations = page.getByRole('table', { name: 'Locations' });
    await locations.getByRole('list', { name: `Errors of ${fileUrl('catalog-info.yaml')}` }).waitFor();
    expect(await locations.innerText()).toContain('Not a catalog entity: this looks like a Kubernetes manifest');

    // A location whose file is missing, registered by this person, is listed with its error too.
    const csrf = (await page.context().cookies()).find(c => c.name === 'portal-csrf')?.value ?? '';
    const registered = await page.request.post(`${portal.url}/api/catalog/locations`, {
      headers: { origin: portal.url, 'x-csrf-token': csrf },
      data: { type: 'url', target: fileUrl('nope.yaml') },
    });
    expect(registered.status()).toBe(201);
    await page.goto(`${portal.url}/catalog/locations`);
    const broken = locations.getByRole('row', { name: fileUrl('nope.yaml') });
    await broken.getByRole('button', { name: '1 error in 1 file' }).click();
    await locations.getByText('nope.yaml does not exist').waitFor();
    await page.screenshot({ path: screenshotPath('catalog-locations'), fullPage: true });
  });

  it('asks a signed-out visitor to sign in on a template, and comes back to it; a missing one says which', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await context.newPage();
    await visitor.goto(`${portal.url}/create/templates/default/typescript-service`);
    const prompt = visitor.getByTestId('sign-in-prompt');
    await prompt.waitFor();
    expect(await prompt.innerText()).not.toMatch(/Error|HTTP|401/);
    await prompt.getByRole('link', { name: 'Sign in' }).click();
    await visitor.waitForURL(url => url.pathname === '/sign-in');
    await visitor.getByRole('button', { name: 'Continue as guest' }).click();
    await visitor.waitForURL(url => url.pathname === '/create/templates/default/typescript-service');
    await visitor.getByRole('heading', { level: 1, name: 'TypeScript HTTP service' }).waitFor();

    await visitor.goto(`${portal.url}/create/templates/default/nope`);
    const missing = visitor.getByRole('alert');
    await expect.poll(() => missing.innerText()).toContain('No template named nope in namespace default');
    expect(await missing.innerText()).not.toMatch(/NotFoundError|HTTP 404/);
    await context.close();
  });

  it('refreshes an entity and waits for the result', async () => {
    await page.goto(`${portal.url}/catalog/default/component/ledger-service`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('status').filter({ hasText: 'Refreshed' }).waitFor();
  });
});
