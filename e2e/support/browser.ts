import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Finds Chromium: CHROMIUM_PATH, then Debian's /usr/bin/chromium. Under CI=true a missing browser
 * is a failure; elsewhere the end-to-end tests are skipped with a loud message.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find(p => fs.existsSync(p));
  if (!found) {
    const message = `No Chromium found (looked at ${candidates.join(', ')}). Install Debian's chromium or set CHROMIUM_PATH.`;
    if (process.env.CI === 'true') throw new Error(`${message} CI=true, so the end-to-end tests fail.`);
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPING END-TO-END TESTS: ${message}\n${'!'.repeat(78)}\n`);
  }
  return found;
}

export const chromiumPath = findChromium();

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
