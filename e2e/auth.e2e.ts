import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestOidcProvider, type TestOidcProvider } from '@portal/plugin-auth/testing';
import { chromiumPath, launchBrowser } from './support/browser.js';
import { screenshotPath, startPortal, type Portal } from './support/portal.js';

// Sign-in through a real OpenID Connect provider on loopback, against the example organisation
// the portal seeds on first start (jane.doe@acme.example is User jane-doe of platform-team).
describe.skipIf(!chromiumPath)('signing in with OpenID Connect in Chromium', () => {
  let idp: TestOidcProvider;
  let portal: Portal;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startTestOidcProvider({
      accounts: {
        jane: { email: 'jane.doe@acme.example', name: 'Jane Doe', username: 'jane-doe' },
        stranger: { email: 'stranger@elsewhere.test', name: 'Not In The Catalog' },
      },
    });
    portal = await startPortal(
      [
        'auth:',
        '  providers:',
        '    oidc:',
        `      metadataUrl: ${idp.issuer}`,
        `      clientId: ${idp.clientId}`,
        `      clientSecret: ${idp.clientSecret}`,
        '      title: Test IdP',
      ].join('\n'),
    );
    idp.setRedirectUris([`${portal.url}/api/auth/oidc/handler/frame`]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
    await idp?.close();
  });

  async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    return { context, page: await context.newPage() };
  }

  async function signInAtIdp(page: Page, login: string) {
    await page.goto(`${portal.url}/sign-in?redirect=/catalog`);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await page.waitForURL(url => url.origin === idp.issuer);
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password').fill('any password');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('waits for the seeded organisation', async () => {
    // Users arrive once the example repositories are pushed to the local git host and ingested.
    await expect
      .poll(async () => (await fetch(`${portal.url}/api/catalog/entities/by-name/user/default/jane-doe`)).status, { timeout: 90_000, interval: 500 })
      .toBe(200);
  }, 120_000);

  it('signs in as the matching User, shows them and their groups, and signs out', async () => {
    const { context, page } = await freshPage();
    await signInAtIdp(page, 'jane');
    await page.waitForURL(url => url.origin === portal.url && url.pathname === '/catalog');

    const me = await (await page.request.get(`${portal.url}/api/auth/me`)).json();
    expect(me.userEntityRef).toBe('user:default/jane-doe');
    // Her direct team, never the groups above it.
    expect(me.ownershipEntityRefs).toEqual(['user:default/jane-doe', 'group:default/platform-team']);

    // What jane owns through her team is in the catalog under her ownership refs.
    const owned = await page.request.get(`${portal.url}/api/catalog/entities?filter=relations.ownedBy=group:default/platform-team`);
    expect(owned.status()).toBe(200);
    expect((await owned.json()).length).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Account: Jane Doe' }).click();
    const menu = page.getByTestId('user-menu-identity');
    await expect.poll(() => menu.innerText()).toContain('user:default/jane-doe');
    expect(await menu.getByLabel('Groups').innerText()).toContain('platform-team');
    // Let the menu finish fading in before the picture.
    await expect.poll(() => menu.evaluate(el => getComputedStyle(el.closest('.MuiPaper-root')!).opacity)).toBe('1');
    await page.screenshot({ path: screenshotPath('auth-user-menu') });

    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(url => url.pathname === '/sign-in');
    expect((await page.request.get(`${portal.url}/api/auth/me`)).status()).toBe(401);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).waitFor();
    await context.close();
  });

  it('refuses a person with no User entity, with a message on the sign-in page', async () => {
    const { context, page } = await freshPage();
    await signInAtIdp(page, 'stranger');
    await page.waitForURL(url => url.origin === portal.url && url.pathname === '/sign-in');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('no User in the catalog matches stranger@elsewhere.test');
    await page.screenshot({ path: screenshotPath('auth-refused') });
    expect((await page.request.get(`${portal.url}/api/auth/me`)).status()).toBe(401);
    await context.close();
  });

  it('signs in as guest with one click', async () => {
    const { context, page } = await freshPage();
    await page.goto(`${portal.url}/sign-in?redirect=/catalog`);
    await page.getByRole('button', { name: 'Continue as guest' }).click();
    await page.waitForURL(url => url.pathname === '/catalog');
    await page.getByRole('button', { name: 'Account: Guest User' }).waitFor();
    await context.close();
  });
});
