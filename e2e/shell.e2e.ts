import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { screenshotPath, startPortal, type Portal } from './support/portal.js';

describe.skipIf(!chromiumPath)('the app shell in Chromium', () => {
  let portal: Portal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('moves through the sidebar', async () => {
    await page.goto(portal.url);
    const nav = page.getByRole('navigation');
    for (const [label, path] of [
      ['Catalog', '/catalog'],
      ['APIs', '/apis'],
      ['Docs', '/docs'],
      ['Create', '/create'],
      ['Home', '/'],
    ] as const) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL(url => new URL(url).pathname === path);
      await expect.poll(() => page.locator('main').innerText()).not.toBe('');
    }
  });

  it('reloads a deep link and shows the not-found page for unknown routes', async () => {
    await page.goto(`${portal.url}/catalog`);
    await page.reload();
    expect(new URL(page.url()).pathname).toBe('/catalog');
    await expect.poll(() => page.getByRole('navigation').isVisible()).toBe(true);

    await page.goto(`${portal.url}/no/such/page`);
    await page.getByText('Page not found').waitFor();
    expect(await page.locator('main').innerText()).toContain('/no/such/page');
  });

  it('toggles the theme and remembers it across a reload', async () => {
    await page.goto(portal.url);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const before = await background();
    const toDark = page.getByRole('button', { name: /switch to dark theme/i });
    const toLight = page.getByRole('button', { name: /switch to light theme/i });
    const toggle = (await toDark.count()) > 0 ? toDark : toLight;
    await toggle.click();
    await expect.poll(background).not.toBe(before);
    const after = await background();
    await page.reload();
    await expect.poll(background).toBe(after);
    await page.screenshot({ path: screenshotPath('shell-home'), fullPage: true });
    expect(fs.statSync(screenshotPath('shell-home')).size).toBeGreaterThan(10_000);
  });
});
