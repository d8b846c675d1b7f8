import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { screenshotPath, startPortal, type Portal } from './support/portal.js';

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

interface GoldenPathCase {
  template: string;
  title: string;
  firstStep: string;
  name: string;
  description: string;
  /** A Group of the example organisation. */
  owner: string;
}

// One of each shipped template. The README's screenshots (catalog, entity, wizard, docs) are
// taken here, at 1280×800, and copied to docs/images by `npm run screenshots`.
const cases: GoldenPathCase[] = [
  {
    template: 'typescript-service',
    title: 'TypeScript HTTP service',
    firstStep: 'About the service',
    name: 'refunds-service',
    description: 'Issues refunds for settled payments.',
    owner: 'payments-team',
  },
  {
    template: 'react-website',
    title: 'React website',
    firstStep: 'About the website',
    name: 'careers-site',
    description: 'Lists the open roles at Acme.',
    owner: 'web-team',
  },
  {
    template: 'typescript-library',
    title: 'TypeScript library',
    firstStep: 'About the library',
    name: 'money-format',
    description: 'Formats amounts of money for every locale we sell in.',
    owner: 'platform-team',
  },
];

describe.skipIf(!chromiumPath)('the golden path in Chromium, on the example organisation', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const api = (p: string) => fetch(`${portal.url}/api${p}`);

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', error => pageErrors.push(error.message));
    // Seeding finishes before the ready line today; one request each keeps this true if it moves to the background.
    const seeded = ['component/default/payments-service', 'group/default/web-team', ...cases.map(c => `template/default/${c.template}`)];
    for (const ref of seeded) await waitFor(`the seeded ${ref}`, async () => (await api(`/catalog/entities/by-name/${ref}`)).ok);
  });
  afterEach(async context => {
    if (context.task.result?.state === 'fail') {
      await page?.screenshot({ path: screenshotPath(`golden-path-failure-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`), fullPage: true });
    }
    expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  /** A README picture: no hover or focus ring on whatever was clicked last. */
  async function snap(name: string) {
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
  }

  /** Moves through the app as a person does, from the sidebar (no full page load). */
  async function goFromSidebar(label: string, pathname: string) {
    await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
    await page.waitForURL(url => url.pathname === pathname);
  }

  /** The Docs tab of the entity page open in `page` shows the docs' index page. */
  async function openDocsTab(heading: string) {
    await page.getByRole('tab', { name: 'Docs' }).click();
    await page.waitForURL(url => url.pathname.endsWith('/docs'));
    await page.getByRole('article').getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 30_000 });
  }

  it('signs in as guest, browses the catalog, opens a service and reads its docs', async () => {
    await page.goto(`${portal.url}/sign-in?redirect=/catalog`);
    await page.getByRole('button', { name: 'Continue as guest' }).click();
    await page.waitForURL(url => url.pathname === '/catalog');
    await page.getByRole('button', { name: 'Account: Guest User' }).waitFor();

    const table = page.getByRole('table', { name: 'Entities' });
    await expect.poll(() => page.getByTestId('catalog-count').innerText()).toMatch(/^1–20 of \d+$/);
    await snap('catalog');

    await page.getByRole('textbox', { name: 'Search' }).fill('payments');
    await table.getByRole('link', { name: 'Payments service' }).click();
    await page.waitForURL(url => url.pathname === '/catalog/default/component/payments-service');
    await page.getByRole('heading', { level: 1, name: 'Payments service' }).waitFor();
    await page
      .getByRole('region', { name: 'Relations' })
      .getByRole('link', { name: /payments-api/ })
      .waitFor();
    await snap('entity');

    await openDocsTab('Payments service');
    await snap('docs');
  });

  for (const c of cases) {
    it(`creates ${c.name} from the ${c.title} template and finds it in the catalog with its docs`, async () => {
      await goFromSidebar('Create', '/create');
      await page.getByRole('article', { name: c.title }).click();
      await page.waitForURL(url => url.pathname === `/create/templates/default/${c.template}`);
      await page.getByRole('heading', { name: c.firstStep }).waitFor();
      await page.getByRole('textbox', { name: 'Name' }).fill(c.name);
      await page.getByRole('textbox', { name: 'Description' }).fill(c.description);
      await page.getByRole('combobox', { name: 'Owner' }).fill(c.owner);
      await page.getByRole('option', { name: new RegExp(`group:default/${c.owner}`) }).click();
      if (c === cases[0]) await snap('wizard');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('heading', { name: 'Repository' }).waitFor();
      await page.getByRole('textbox', { name: 'Owner' }).fill('acme');
      await page.getByRole('textbox', { name: 'Repository' }).fill(c.name);
      await page.getByRole('button', { name: 'Next' }).click();
      // The last step's defaults are fine.
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('heading', { name: 'Review and create' }).waitFor();
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      await page.waitForURL(url => url.pathname.startsWith('/create/tasks/'));
      await page.getByText('Done: every step finished.').waitFor({ timeout: 60_000 });

      await page.getByRole('link', { name: 'Open in catalog' }).click();
      await page.waitForURL(url => url.pathname === `/catalog/default/component/${c.name}`);
      await page.getByRole('heading', { level: 1, name: c.name }).waitFor();
      expect(await page.getByRole('region', { name: 'About' }).innerText()).toContain(c.description);
      // Each skeleton's docs/index.md starts with the name as its heading.
      await openDocsTab(c.name);
      expect(await page.getByRole('article').innerText()).toContain(c.description);

      // The catalog's search finds it too.
      await goFromSidebar('Catalog', '/catalog');
      await page.getByRole('textbox', { name: 'Search' }).fill(c.name);
      await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: c.name }).waitFor();
    }, 90_000);
  }

  it('opens every source, edit and docs link on a portal page, clones with a personal token, and edits a catalog file', async () => {
    // Every link the catalog writes for the seeded entities, and every docs page's "Edit this page".
    type Listed = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } };
    const entities = (await (await api('/catalog/entities?filter=metadata.annotations.backstage.io/managed-by-location')).json()) as Listed[];
    const links = new Set<string>();
    for (const entity of entities) {
      const a = entity.metadata.annotations ?? {};
      for (const value of [a['backstage.io/view-url'], a['backstage.io/edit-url'], a['backstage.io/source-location']?.replace(/^url:/, '')]) {
        if (value?.startsWith(`${portal.url}/git/`)) links.add(value);
      }
      if (!a['backstage.io/techdocs-ref']) continue;
      const docs = `/techdocs/${entity.metadata.namespace ?? 'default'}/${entity.kind.toLowerCase()}/${entity.metadata.name}`;
      const site = await api(docs);
      if (!site.ok) continue;
      type Nav = { path?: string; children?: Nav[] };
      const pages: string[] = [];
      const walk = (nodes: Nav[]) => nodes.forEach(n => (n.path !== undefined && pages.push(n.path), walk(n.children ?? [])));
      walk(((await site.json()) as { nav: Nav[] }).nav);
      for (const docsPage of pages) {
        const { editUrl } = (await (await api(`${docs}/page/${docsPage}`)).json()) as { editUrl?: string };
        if (editUrl) links.add(new URL(editUrl, portal.url).href);
      }
    }
    expect(links.size).toBeGreaterThan(40);
    const crawlStarted = Date.now();
    // The first link loads the app; the others are opened in it as a deep link would render
    // (a history entry), while the server is asked for each as a browser asks for a page.
    await page.goto(`${portal.url}/catalog`);
    for (const link of links) {
      const served = await fetch(link, { headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(served.status, link).toBe(200);
      expect(await served.text(), link).toContain('<div id="root">');
      const url = new URL(link);
      const [, owner, repo, view, , ...rest] = url.pathname.split('/').slice(1).map(decodeURIComponent) as [
        string,
        string,
        string,
        string?,
        string?,
        ...string[],
      ];
      const filePath = rest.filter(Boolean).join('/');
      await page.evaluate(to => {
        window.history.pushState(null, '', to);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, url.pathname);
      const name = repo.replace(/\.git$/, '');
      const title = view === 'edit' ? `Editing ${filePath} · ` : filePath ? `${filePath} · ` : `${owner}/${name}`;
      await page.waitForFunction(prefix => document.title.startsWith(prefix), title, { timeout: 20_000 });
      // The page's own content, not a loading state, an error or raw JSON.
      const content =
        view === 'blob' || view === 'edit' ? `[aria-label="Contents of ${filePath}"], [aria-label="Rendered ${filePath}"]` : '[aria-label="Files"]';
      await page.locator(content).first().waitFor({ timeout: 15_000 });
      expect(await page.getByRole('alert').count(), link).toBe(0);
      await page.getByRole('heading', { level: 1, name: `${owner}/${name}`, exact: true }).waitFor({ timeout: 1_000 });
    }

    console.info(`Opened ${links.size} repository links in ${Date.now() - crawlStarted} ms`);

    // A token from Settings clones the repository the first template made.
    await page.goto(`${portal.url}/catalog`);
    await page.getByRole('button', { name: 'Account: Guest User' }).click();
    await page.getByRole('menuitem', { name: 'Personal access tokens' }).click();
    await page.waitForURL(url => url.pathname === '/settings/tokens');
    await page.getByRole('textbox', { name: 'Name' }).fill('e2e clone');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').innerText()).trim();
    expect(token).toMatch(/^portal_pat_/);
    await page.getByRole('table', { name: 'Personal access tokens' }).getByRole('cell', { name: 'e2e clone', exact: true }).waitFor();
    await page.goto(`${portal.url}/git/acme/${cases[0]!.name}.git`);
    const cloneCommand = (await page.getByTestId('clone-command').innerText()).trim();
    const cloneUrl = cloneCommand.replace(/^git clone /, '').replace('://', `://guest:${token}@`);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-clone-'));
    try {
      execFileSync('git', ['clone', '--quiet', cloneUrl, path.join(work, 'clone')], { env: { PATH: process.env.PATH, HOME: work, GIT_TERMINAL_PROMPT: '0' } });
      expect(fs.readFileSync(path.join(work, 'clone/catalog-info.yaml'), 'utf8')).toContain(cases[0]!.name);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }

    // The guest is in web-team, which owns the storefront website: edit its description in the portal.
    await page.goto(`${portal.url}/catalog/default/component/storefront-web`);
    const [editor] = await Promise.all([page.waitForEvent('popup'), page.getByRole('region', { name: 'About' }).getByRole('link', { name: 'Edit' }).click()]);
    const content = editor.getByRole('textbox', { name: /^Contents of/ });
    await content.waitFor();
    const original = await content.innerText();
    const description = 'Where customers browse and buy, edited in the portal.';
    await content.click();
    await editor.keyboard.press('ControlOrMeta+A');
    await editor.keyboard.insertText(original.replace(/^ {2}description: .*$/m, `  description: ${description}`));
    await editor.getByRole('textbox', { name: 'Commit message' }).fill('Describe the storefront');
    await editor.getByRole('button', { name: 'Commit changes' }).click();
    await editor.waitForURL(url => url.pathname.includes('/blob/'));
    const savedAt = Date.now();
    await editor.close();
    await page.reload();
    await expect.poll(async () => page.getByRole('region', { name: 'About' }).innerText(), { timeout: 5_000 }).toContain(description);
    expect(Date.now() - savedAt).toBeLessThan(1_500);
  }, 300_000);
});
