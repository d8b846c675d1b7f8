import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { screenshotPath, startPortal, type Portal } from './support/portal.js';

const ENTITY_PAGE = '/catalog/default/component/payments-service';
const DOCS_TAB = `${ENTITY_PAGE}/docs`;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for the example catalog`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

describe.skipIf(!chromiumPath)('TechDocs in Chromium, on the example catalog', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];
  const article = () => page.getByRole('article');
  const path = () => new URL(page.url()).pathname;

  beforeAll(async () => {
    portal = await startPortal();
    // The examples are pushed to the local git host and registered after start: wait for them.
    await waitFor(async () => (await fetch(`${portal.url}/api/catalog/entities/by-name/component/default/telemetry-collector`)).status === 200);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    // Content-Security-Policy violations (an eval in mermaid, a refused image) show up here.
    page.on('console', message => message.type() === 'error' && browserErrors.push(message.text()));
    page.on('pageerror', error => browserErrors.push(error.message));
    const signIn = await page.request.post(`${portal.url}/api/auth/guest/start?redirect=/docs`, { headers: { origin: portal.url }, maxRedirects: 0 });
    expect(signIn.status()).toBeLessThan(400);
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lists the documented entities at /docs, filtered by owner and searched on the server', async () => {
    await page.goto(`${portal.url}/docs`);
    const list = page.getByRole('list', { name: 'Entities with docs' });
    for (const title of ['Payments service', 'Checkout service', 'Auth service', 'Product catalog service', 'Telemetry collector', 'Developer Portal']) {
      await list.getByRole('link', { name: new RegExp(`^${title}`) }).waitFor();
    }
    expect(await list.getByRole('link').count()).toBe(6);
    expect(await page.getByTestId('docs-count').innerText()).toBe('6 entities with docs');

    await page.getByRole('combobox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: 'platform-team' }).click();
    await expect.poll(() => list.getByRole('link').count()).toBe(2);
    expect(await list.innerText()).toMatch(/Developer Portal[\s\S]*Telemetry collector/);
    expect(new URL(page.url()).searchParams.get('owner')).toBe('platform-team');

    await page.getByRole('searchbox', { name: 'Search docs', exact: true }).fill('opentelemetry');
    await expect.poll(() => list.getByRole('link').count()).toBe(1);
    await page.waitForURL(url => url.searchParams.get('q') === 'opentelemetry');
    // The view is in the URL: a reload shows the same list.
    await page.reload();
    await expect.poll(() => page.getByTestId('docs-count').innerText()).toBe('1 entity with docs');

    await list.getByRole('link', { name: /^Telemetry collector/ }).click();
    await page.waitForURL(url => url.pathname === '/docs/default/component/telemetry-collector');
    await article().getByRole('heading', { level: 1 }).waitFor();
  });

  it("opens a service's Docs tab and moves through its pages without leaving the entity page", async () => {
    await page.goto(`${portal.url}${ENTITY_PAGE}`);
    await page.getByRole('tab', { name: 'Docs' }).click();
    await page.waitForURL(url => url.pathname === DOCS_TAB);
    await article()
      .getByRole('heading', { level: 1, name: /Payments service/ })
      .waitFor();

    // The SVG diagram is served by the assets API at the docs' commit and decodes.
    const image = article().getByRole('img', { name: /How a payment flows/ });
    await expect.poll(() => image.evaluate(img => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    // Every link to a page of these docs stays inside the entity page.
    const pageLinks = await page.locator('main a[href*="/payments-service"]').evaluateAll(as => as.map(a => a.getAttribute('href')!));
    expect(pageLinks.filter(href => href.startsWith('/docs/'))).toEqual([]);
    expect(pageLinks).toContain(`${DOCS_TAB}/operations/runbook`);

    // A link in the text, to a heading of another page.
    await article().getByRole('link', { name: 'payment event' }).click();
    await page.waitForURL(url => url.pathname === `${DOCS_TAB}/payment-lifecycle` && url.hash === '#events');
    await article()
      .getByRole('heading', { level: 1, name: /Payment lifecycle/ })
      .waitFor();

    // The navigation, to a page in a section.
    await page.getByRole('navigation', { name: 'Docs navigation' }).getByRole('link', { name: 'Runbook' }).click();
    await page.waitForURL(url => url.pathname === `${DOCS_TAB}/operations/runbook`);
    await article()
      .getByRole('heading', { level: 1, name: /Runbook/ })
      .waitFor();
    expect(await page.getByRole('tab', { name: 'Docs', selected: true }).count()).toBe(1);
  });

  it('follows the table of contents to a heading and draws the mermaid diagram', async () => {
    await page.goto(`${portal.url}${DOCS_TAB}/payment-lifecycle`);
    await article()
      .getByRole('heading', { level: 1, name: /Payment lifecycle/ })
      .waitFor();
    await expect.poll(() => article().locator('pre.mermaid svg').count()).toBe(1);
    // Mermaid inserts the svg first and draws into it afterwards: wait for the drawing.
    await expect.poll(() => article().locator('pre.mermaid svg').innerHTML()).toContain('requires_payment_method');
    await page.screenshot({ path: screenshotPath('techdocs-reader') });
    expect(fs.statSync(screenshotPath('techdocs-reader')).size).toBeGreaterThan(20_000);

    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Idempotency' }).click();
    await page.waitForURL(url => url.hash === '#idempotency');
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('idempotency');
    await expect.poll(() => page.evaluate(() => document.getElementById('idempotency')!.getBoundingClientRect().top)).toBeLessThan(200);
    expect(await page.evaluate(() => document.getElementById('idempotency')!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);

    // A deep link into the tab survives a reload.
    await page.reload();
    await article()
      .getByRole('heading', { level: 1, name: /Payment lifecycle/ })
      .waitFor();
    expect(path()).toBe(`${DOCS_TAB}/payment-lifecycle`);
    expect(await page.getByRole('tab', { name: 'Docs', selected: true }).count()).toBe(1);
  });

  it('follows the app theme, diagram included', async () => {
    await page.goto(`${portal.url}${DOCS_TAB}/payment-lifecycle`);
    const diagram = article().locator('pre.mermaid svg');
    // Mermaid draws after its svg appears; on a busy machine that takes longer than poll's 1 s.
    await expect.poll(() => diagram.innerHTML(), { timeout: 15_000 }).toContain('requires_payment_method');
    const look = () =>
      page.evaluate(() => {
        const docs = document.querySelector('article')!;
        return { background: getComputedStyle(docs).backgroundColor, theme: docs.dataset.docsTheme, diagram: docs.querySelector('pre.mermaid svg')?.innerHTML };
      });
    const before = await look();
    expect(before.theme).toBe('light');
    await page.getByRole('button', { name: /switch to dark theme/i }).click();
    await expect.poll(async () => (await look()).theme).toBe('dark');
    const after = await look();
    expect(after.background).not.toBe(before.background);
    await expect.poll(async () => (await look()).diagram ?? before.diagram).not.toBe(before.diagram);
    expect(await diagram.count()).toBe(1);
    await page.screenshot({ path: screenshotPath('techdocs-reader-dark') });
    await page.getByRole('button', { name: /switch to light theme/i }).click();
    await expect.poll(async () => (await look()).theme).toBe('light');
  });

  it('searches the site and opens a result', async () => {
    await page.goto(`${portal.url}${DOCS_TAB}`);
    await article().getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Search these docs' }).fill('draining outbox');
    const results = page.getByRole('region', { name: 'Search results' });
    await results.getByRole('link', { name: 'Runbook' }).click();
    await page.waitForURL(url => url.pathname === `${DOCS_TAB}/operations/runbook`);
    await article()
      .getByRole('heading', { name: /Draining the outbox/ })
      .waitFor();
  });

  it('shows tabs, icons and math as MkDocs would, lands on an anchor and edits in the hosted repository', async () => {
    await page.goto(`${portal.url}${DOCS_TAB}/fees-and-limits#calculating-the-fee`);
    await article()
      .getByRole('heading', { level: 1, name: /Fees and limits/ })
      .waitFor();
    // The anchor is Python-Markdown's, and the reader scrolls to it.
    await expect.poll(() => page.evaluate(() => document.getElementById('calculating-the-fee')?.getBoundingClientRect().top ?? -1)).toBeLessThan(200);
    expect(await page.evaluate(() => document.getElementById('calculating-the-fee')!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);

    // Icons are inline SVG; math is typeset by KaTeX, whose bundled stylesheet hides the MathML copy.
    expect(await article().locator('h1 svg.docs-icon').count()).toBe(1);
    expect(await article().locator('.katex').count()).toBeGreaterThan(2);
    await expect
      .poll(() =>
        article()
          .locator('.katex-mathml')
          .first()
          .evaluate(el => getComputedStyle(el).position),
      )
      .toBe('absolute');
    expect(await article().innerText()).not.toMatch(/=== "|:material-|\$\$|\[\^config\]/);

    // Content tabs: one panel at a time, and linked tabs switch together.
    const visibleCode = () => article().locator('.tabbed-content:visible .code-title').allInnerTexts();
    expect(await visibleCode()).toEqual(['fee.ts']);
    await article().getByText('Python', { exact: true }).click();
    expect(await visibleCode()).toEqual(['fee.py']);

    // The wide table scrolls inside its own box.
    const table = await article()
      .locator('table')
      .evaluate(t => ({ scroll: t.scrollWidth, client: t.clientWidth, overflow: getComputedStyle(t).overflowX }));
    expect(table.overflow).toBe('auto');

    // The example repositories are hosted by the portal: "Edit this page" opens its editor.
    const edit = await page.getByRole('link', { name: 'Edit this page' }).getAttribute('href');
    expect(edit).toMatch(/^\/git\/[^/]+\/[^/]+\/edit\/[^/]+\/.*docs\/fees-and-limits\.md$/);
  });

  it('fits a 390 px wide phone: no sideways scrolling, the nav folds away', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
    phone.on('pageerror', error => browserErrors.push(error.message));
    await phone.request.post(`${portal.url}/api/auth/guest/start?redirect=/docs`, { headers: { origin: portal.url }, maxRedirects: 0 });
    for (const docsPage of ['fees-and-limits', 'using-the-api']) {
      await phone.goto(`${portal.url}/docs/default/component/payments-service/${docsPage}`);
      await phone.getByRole('article').getByRole('heading', { level: 1 }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    const nav = phone.getByRole('navigation', { name: 'Docs navigation' });
    expect(await nav.getByRole('link', { name: 'Runbook' }).isVisible()).toBe(false);
    await nav.getByRole('button', { name: 'Pages' }).click();
    const runbook = nav.getByRole('link', { name: 'Runbook' });
    await runbook.waitFor({ state: 'visible' });
    await runbook.click();
    await expect.poll(() => new URL(phone.url()).pathname, { timeout: 30_000 }).toMatch(/\/operations\/runbook$/);
    await phone.screenshot({ path: screenshotPath('techdocs-phone') });
    await phone.close();
  });

  it('ran under the content security policy without a refusal', () => {
    expect(browserErrors).toEqual([]);
  });
});
