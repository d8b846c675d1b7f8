import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { screenshotPath, startPortal, type Portal } from './support/portal.js';

const TOKEN = 'e2e-search-token-0123456789';

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

describe.skipIf(!chromiumPath)('the search palette in Chromium, on the example organisation', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const search = async (term: string) =>
    (await (await fetch(`${portal.url}/api/search/query?term=${encodeURIComponent(term)}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      results: Array<{ document: { title: string } }>;
    };

  beforeAll(async () => {
    portal = await startPortal('', { backendConfig: ['auth:', '  externalAccess:', '    - type: static', `      options: { token: ${TOKEN}, subject: e2e }`] });
    // The examples are registered after start and indexed as each location's refresh commits.
    await waitFor(async () => (await search('jane')).results[0]?.document.title === 'Jane Doe', 'Jane Doe in the index');
    await waitFor(async () => (await search('payments-api')).results.length > 0, 'the payments API in the index');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('opens on Ctrl-K, puts Jane Doe first for "jane", and Enter opens her page', async () => {
    await page.goto(`${portal.url}/catalog`);
    await page.getByRole('button', { name: 'Search the portal' }).waitFor();
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search the portal' });
    await input.fill('jane');
    const first = page.getByRole('option').first();
    await expect.poll(() => first.innerText()).toContain('Jane Doe');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await first.locator('mark').first().innerText()).toBe('Jane');
    await page.screenshot({ path: screenshotPath('search-palette') });
    await input.press('Enter');
    await page.waitForURL(url => url.pathname === '/catalog/default/user/jane-doe');
  });

  it('walks the results with the arrows, and opens the search page with the query in the URL', async () => {
    await page.keyboard.press('/');
    const input = page.getByRole('combobox', { name: 'Search the portal' });
    await input.fill('payments-api');
    await expect.poll(() => page.getByRole('option').first().innerText()).toContain('Payments API');
    await input.press('ArrowDown');
    expect(await page.getByRole('option').nth(1).getAttribute('aria-selected')).toBe('true');
    await input.press('Control+Enter');
    await page.waitForURL(url => url.pathname === '/search' && url.searchParams.get('query') === 'payments-api');
    const firstLink = page.getByRole('main').getByRole('listitem').first().getByRole('link');
    await expect.poll(() => firstLink.innerText()).toBe('Payments API');
    await page.getByRole('tab', { name: 'Docs' }).click();
    await page.waitForURL(url => url.searchParams.get('type') === 'techdocs');
  });

  it('finds a docs section once TechDocs has rendered it, and opens the page at its heading', async () => {
    // Docs render when first read; search hears of each rendering.
    const rendered = await fetch(`${portal.url}/api/techdocs/default/component/payments-service/page/payment-lifecycle`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(rendered.status).toBe(200);
    await waitFor(async () => (await search('idempotency')).results[0]?.document.title === 'Idempotency', 'the docs section in the index', 30_000);
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search the portal' });
    await input.fill('idempotency');
    await expect.poll(() => page.getByRole('option').first().innerText()).toContain('Idempotency');
    await input.press('Enter');
    await page.waitForURL(url => url.pathname === '/docs/default/component/payments-service/payment-lifecycle' && url.hash === '#idempotency');
  });

  it("the catalog's All tab lists every kind, with a Kind column", async () => {
    await page.goto(`${portal.url}/catalog?kind=all`);
    const table = page.getByRole('table', { name: 'Entities' });
    await expect.poll(() => table.getByRole('columnheader', { name: 'Kind' }).count()).toBe(1);
    const all = (await (await fetch(`${portal.url}/api/catalog/entities/by-query?limit=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      totalItems: number;
    };
    await expect.poll(() => page.getByTestId('catalog-count').innerText()).toBe(`1–20 of ${all.totalItems}`);
  });
});
