/**
 * The system's Chromium or Chrome, found and launched once per build. Nothing
 * is ever downloaded (.puppeteerrc.cjs sets skipDownload; we use
 * puppeteer-core, which has no download step at all).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { bundledFontconfig } from '../page/html-fonts.js';

const CANDIDATES: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** SOP_CHROMIUM, then PUPPETEER_EXECUTABLE_PATH, then the usual install paths. Null when none exists. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  // A browser named but missing is reported (null) rather than replaced silently by another one.
  const named = [env['SOP_CHROMIUM'], env['PUPPETEER_EXECUTABLE_PATH']].filter((v): v is string => !!v);
  if (named.length > 0) return named.find((v) => existsSync(v)) ?? null;
  for (const p of CANDIDATES[process.platform] ?? []) if (existsSync(p)) return p;
  const local = env['LOCALAPPDATA'];
  if (process.platform === 'win32' && local) {
    const p = path.join(local, 'Google', 'Chrome', 'Application', 'chrome.exe');
    if (existsSync(p)) return p;
  }
  return null;
}

/** `SOP_CHROMIUM=/path` (or PUPPETEER_EXECUTABLE_PATH) when the browser it names does not exist, so the message can name it. */
export function missingNamedBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const name of ['SOP_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH']) {
    const v = env[name];
    if (v) return existsSync(v) ? null : `${name}=${v}`;
  }
  return null;
}

export const BROWSER_MISSING_HINT =
  'Tidak ada Chromium/Chrome. Pasang dengan `apt-get install chromium` (Debian/Ubuntu) atau tunjuk lokasinya dengan SOP_CHROMIUM=/path/ke/chromium.';

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // No name or address resolves (IP literals included): what request interception and offline mode
  // do not see (<link rel=preconnect>, the speculative connection of an <iframe> or <object>) has
  // nowhere to connect. Our pages need no network at all.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface SharedBrowser {
  readonly browser: Browser;
  /** Closes the browser (killing its whole process group if it does not answer) and removes its user-data dir. */
  close(): Promise<void>;
  /** Synchronous last resort (a second Ctrl-C): SIGKILL to the process group, user-data dir removed. */
  killNow(): void;
}

/** Kills the browser's whole process group (it is launched detached, as its group leader). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function removeDir(dir: string): void {
  // Chromium's helpers may still be writing for a moment after the main process exits.
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/**
 * Launches the browser with a fresh user-data dir, removed on close. Puppeteer's
 * own signal handlers are off: the caller decides what a signal means (stop the
 * build, close the browser), and no handler closes a browser behind its back.
 */
export async function launchBrowser(executablePath: string): Promise<SharedBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'sop-chromium-'));
  // Loaded here, not at start-up: `sop check` never pays for it.
  const { default: puppeteer } = await import('puppeteer-core');
  const fontconfig = bundledFontconfig(userDataDir);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...LAUNCH_ARGS, `--user-data-dir=${userDataDir}`],
      // The bundled Liberation Sans as a system font of this browser (Linux: fontconfig), preferred to the system's.
      ...(fontconfig ? { env: { ...process.env, FONTCONFIG_FILE: fontconfig } } : {}),
      defaultViewport: { width: 1400, height: 1000 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (e) {
    removeDir(userDataDir);
    // Puppeteer's words ("Timed out after 30000 ms while waiting for the WS endpoint URL to appear in stdout!") said
    // as what they mean for the user.
    const m = /Timed out after (\d+) ?ms/.exec((e as Error)?.message ?? '');
    if (m) throw new Error(`Chromium (${executablePath}) tidak menjawab dalam ${Math.round(Number(m[1]) / 1000)} detik setelah dijalankan; periksa SOP_CHROMIUM`);
    throw e;
  }
  const proc = browser.process();
  const exited = new Promise<void>((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  let closing: Promise<void> | null = null;
  return {
    browser,
    close() {
      closing ??= (async () => {
        // A hung browser never answers Browser.close: give it a moment, then kill the group. A graceful close
        // removes Chromium's own temporary files (org.chromium.Chromium.*), which a kill leaves behind, so the
        // moment is generous (a loaded machine took over 2 s).
        await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
        killGroup(proc?.pid);
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
        removeDir(userDataDir);
      })();
      return closing;
    },
    killNow() {
      killGroup(proc?.pid);
      try {
        removeDir(userDataDir);
      } catch {
        // Best effort: the process is exiting.
      }
    },
  };
}

/**
 * A page that makes no network request: everything but `data:` URLs is
 * aborted (the document itself comes through setContent, not a request),
 * and the page is put offline, which also stops WebSockets (request
 * interception does not see them).
 */
export async function offlinePage(browser: Browser | BrowserContext, onBlocked?: (url: string) => void): Promise<Page> {
  const page = await browser.newPage();
  await page.setOfflineMode(true);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') void req.continue().catch(() => undefined);
    else {
      onBlocked?.(url);
      void req.abort('blockedbyclient').catch(() => undefined);
    }
  });
  return page;
}
