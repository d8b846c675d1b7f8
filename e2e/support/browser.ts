import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from '@portal/backend/testing';

/** Chromium for the end-to-end tests, or undefined when there is none (their suites are skipped). */
export const chromiumPath = findChromium();

export function launchBrowser(): Promise<Browser> {
  return launchChromium(chromiumPath);
}
