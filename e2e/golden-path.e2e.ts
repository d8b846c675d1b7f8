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
});
