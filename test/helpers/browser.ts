/** One Chromium for a test file, found like the CLI finds it. */
import type { Browser } from 'puppeteer-core';
import { findBrowser, launchBrowser, type SharedBrowser } from '../../src/render/browser.js';

export async function testBrowser(): Promise<SharedBrowser> {
  const exe = findBrowser();
  if (!exe) throw new Error('browser tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
  return launchBrowser(exe);
}

export type { Browser };
