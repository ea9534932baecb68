/** One Chromium for a test file, found like the CLI finds it. */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { findBrowser, launchBrowser, type SharedBrowser } from '../../src/render/browser.js';

export async function testBrowser(): Promise<SharedBrowser> {
  const exe = findBrowser();
  if (!exe) throw new Error('browser tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
  return launchBrowser(exe);
}

export type { Browser };

/**
 * One Chromium for the tests of a file, or of the describe block it is called in: launched before them, closed after
 * them (also when they fail). Its `browser` is there once the tests run.
 */
export function sharedTestBrowser(): SharedBrowser {
  let shared: SharedBrowser | undefined;
  beforeAll(async () => {
    shared = await testBrowser();
  });
  afterAll(async () => {
    await shared?.close();
  });
  const launched = (): SharedBrowser => {
    if (!shared) throw new Error('the test browser is launched before the tests: use it inside one');
    return shared;
  };
  return {
    get browser() {
      return launched().browser;
    },
    close: () => launched().close(),
    killNow: () => shared?.killNow(),
  };
}

/**
 * A Chromium that may reach 127.0.0.1 (for `sop preview`'s local server):
 * the render browser's flags without the rule that resolves no host at all.
 */
export async function loopbackBrowser(): Promise<SharedBrowser> {
  const exe = findBrowser();
  if (!exe) throw new Error('browser tests need Chromium: apt-get install chromium (or set SOP_CHROMIUM)');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { LAUNCH_ARGS } = await import('../../src/render/browser.js');
  const { default: puppeteer } = await import('puppeteer-core');
  const dir = mkdtempSync(join(tmpdir(), 'sop-test-chromium-'));
  const args = [...LAUNCH_ARGS.filter((a) => !a.startsWith('--host-resolver-rules')), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', `--user-data-dir=${dir}`];
  const browser = await puppeteer.launch({ executablePath: exe, headless: true, args });
  const close = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  return { browser, close, killNow: () => void close() } as SharedBrowser;
}
