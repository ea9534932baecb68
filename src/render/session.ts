/**
 * One browser for a whole build, shared by `--jobs N` slots, so that every
 * PDF, SVG and PNG of the build goes through the same Chromium. A browser
 * that crashes or hangs is killed, restarted, and the job tried once more;
 * the build goes on. After `abort()` (a signal) nothing is restarted.
 *
 * Pages, and why each kind has its own:
 * - Documents (PDF, and anything else that needs the laid-out document, see
 *   `withDocument`) get a fresh page each, JavaScript off and offline, closed
 *   afterwards: the same HTML gives the same PDF bytes whatever was rendered
 *   before it, and a template's script cannot run or connect anywhere.
 * - Mermaid needs JavaScript: one long-lived page per slot with Mermaid loaded
 *   once, offline, in its own browser context.
 * - PNG screenshots need a page that is in front (a tab in the background
 *   never produces the frame a screenshot waits for): one page per slot, alone
 *   in its own browser context, i.e. its own window.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { findUp } from '../util/find-up.js';
import type { Browser, BrowserContext, Page, PDFOptions } from 'puppeteer-core';
import { launchBrowser, offlinePage, type SharedBrowser } from './browser.js';
import { MERMAID_CONFIG } from './mermaid-config.js';
import { documentForBrowser } from '../page/html-fonts.js';

export interface SessionOptions {
  readonly jobs?: number;
  /** A render that takes longer is taken as a hang (ms). */
  readonly timeoutMs?: number;
  /** Called with every URL the pages tried to fetch (all are blocked). */
  readonly onBlockedRequest?: (url: string) => void;
}

/** A page kept by a slot for the life of one browser, alone in its own context. */
interface KeptPage {
  readonly context: BrowserContext;
  readonly page: Page;
}

interface Slot {
  busy: boolean;
  mermaid: KeptPage | null;
  png: KeptPage | null;
  /** A long-lived document page for reading layouts (`withMeasuringPage`); never printed from. */
  measure: KeptPage | null;
  /** The next document page, opened while the slot does other work (a new page costs a renderer process). */
  spare: { readonly browser: Browser; readonly page: Promise<Page> } | null;
}

let mermaidSource: string | null = null;
/**
 * The Mermaid bundle, injected as script text: no network. An installed
 * package carries it in dist/vendor/ (copied by scripts/bundle.mjs), so
 * mermaid and its ~140 MB of dependencies are not installed with it; from the
 * sources (tests) it comes from node_modules.
 */
function mermaidBundle(): string {
  if (mermaidSource === null) {
    // dist/vendor/, found from dist/render/ (tsc) or dist/cli/chunks/ (the CLI bundle, split by scripts/bundle.mjs).
    const vendored = findUp(import.meta.url, 3, (d) => {
      const f = path.join(d, 'vendor', 'mermaid.min.js');
      return existsSync(f) ? f : null;
    });
    mermaidSource = vendored
      ? readFileSync(vendored, 'utf8')
      : readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  }
  return mermaidSource;
}

/** Thrown for every job after `abort()`: the build is stopping, nothing is retried. */
export class AbortedError extends Error {}

export class TimeoutError extends Error {}

export class RenderSession {
  private shared: SharedBrowser | null = null;
  /** The launch in progress: concurrent slots wait for it instead of launching a second browser. */
  private launching: Promise<SharedBrowser> | null = null;
  private slots: Slot[];
  private waiters: (() => void)[] = [];
  private aborted = false;
  /** Browsers being closed (each close is idempotent): close() waits for all of them. */
  private readonly closing: Promise<void>[] = [];
  /** Rejects on abort(): jobs in flight stop waiting at once, whatever they wait for. */
  private readonly abortion: Promise<never>;
  private rejectAbortion: (e: Error) => void = () => undefined;
  /** How many times the browser was restarted after a crash or hang. */
  restarts = 0;

  constructor(
    private readonly executablePath: string,
    private readonly options: SessionOptions = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, options.jobs ?? 1) }, () => ({ busy: false, mermaid: null, png: null, measure: null, spare: null }));
    this.abortion = new Promise<never>((_, reject) => (this.rejectAbortion = reject));
    this.abortion.catch(() => undefined);
  }

  get browser(): Browser | null {
    return this.shared?.browser ?? null;
  }

  /** True once `abort()` was called. */
  get isAborted(): boolean {
    return this.aborted;
  }

  private async ensureBrowser(): Promise<SharedBrowser> {
    for (;;) {
      if (this.aborted) throw new AbortedError('dihentikan');
      if (this.shared && this.shared.browser.connected) return this.shared;
      if (this.launching) {
        await this.launching.catch(() => undefined);
        continue;
      }
      const old = this.shared;
      this.shared = null;
      this.launching = (async () => {
        await old?.close();
        for (const s of this.slots) {
          s.mermaid = null;
          s.png = null;
          s.measure = null;
          s.spare = null;
        }
        const fresh = await launchBrowser(this.executablePath);
        if (this.aborted) {
          // A signal arrived while Chromium was starting: it must not outlive the build.
          await fresh.close();
          throw new AbortedError('dihentikan');
        }
        this.shared = fresh;
        return fresh;
      })();
      try {
        return await this.launching;
      } finally {
        this.launching = null;
      }
    }
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.aborted) throw new AbortedError('dihentikan');
      const free = this.slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiters.shift()?.();
  }

  /** Runs `job` on a slot; on a crash or hang restarts the browser and tries once more. */
  private async run<T>(job: (slot: Slot, browser: Browser) => Promise<T>): Promise<T> {
    const slot = await this.acquire();
    try {
      for (let attempt = 0; ; attempt++) {
        const shared = await this.ensureBrowser();
        try {
          const work = job(slot, shared.browser);
          // When the timeout or an abort wins the race, the job still fails later (its browser is closed): that failure is expected.
          work.catch(() => undefined);
          return await withTimeout(Promise.race([work, this.abortion]), this.options.timeoutMs ?? 60_000);
        } catch (e) {
          if (this.aborted) throw new AbortedError('dihentikan');
          const dead = !shared.browser.connected || e instanceof TimeoutError || isTargetGone(e);
          if (!dead) throw e;
          // A dead or hung browser is replaced even when we give up, so the next job starts clean.
          // Only the slot that saw it first counts and closes it; the others find a new one.
          if (this.shared === shared) {
            this.restarts++;
            this.shared = null;
            await shared.close();
          }
          if (attempt >= 1) throw e;
        }
      }
    } finally {
      this.release(slot);
    }
  }

  /** A page alone in a fresh browser context (its own window), offline. */
  private async keptPage(browser: Browser): Promise<KeptPage> {
    const context = await browser.createBrowserContext();
    const page = await offlinePage(context, this.options.onBlockedRequest);
    return { context, page };
  }

  private async mermaidPage(slot: Slot, browser: Browser): Promise<Page> {
    if (slot.mermaid && !slot.mermaid.page.isClosed()) return slot.mermaid.page;
    const kept = await this.keptPage(browser);
    const page = kept.page;
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="sop-out"></div></body></html>');
    await page.addScriptTag({ content: mermaidBundle() });
    await page.evaluate(`mermaid.initialize(${JSON.stringify(MERMAID_CONFIG)})`);
    slot.mermaid = kept;
    return page;
  }

  private async pngPage(slot: Slot, browser: Browser): Promise<Page> {
    if (slot.png && !slot.png.page.isClosed()) return slot.png.page;
    const kept = await this.keptPage(browser);
    // The SVG is drawn by the browser; no script of ours or of the SVG runs there.
    await kept.page.setJavaScriptEnabled(false);
    slot.png = kept;
    return kept.page;
  }

  private async measurePage(slot: Slot, browser: Browser): Promise<Page> {
    if (slot.measure && !slot.measure.page.isClosed()) return slot.measure.page;
    const kept = await this.keptPage(browser);
    await kept.page.setJavaScriptEnabled(false);
    slot.measure = kept;
    return kept.page;
  }

  /**
   * Like `withDocument`, for reading the laid-out document only (e.g. row
   * heights before pagination): the slot's page is reused instead of a fresh
   * one, which saves a renderer process per SOP. What was loaded before cannot
   * change a layout, and nothing is printed from this page, so the PDF's bytes
   * still come from a fresh page.
   */
  withMeasuringPage<T>(html: string, fn: (page: Page) => Promise<T>): Promise<T> {
    return this.run(async (slot, browser) => {
      const page = await this.measurePage(slot, browser);
      await page.setContent(documentForBrowser(html), { waitUntil: 'load', timeout: 0 });
      await page.evaluate('document.fonts.ready');
      return fn(page);
    });
  }

  /**
   * Loads `html` into a fresh document page (JavaScript off, offline, fonts
   * loaded) and runs `fn` on it; the page is closed afterwards. Under the same
   * hang and crash handling as every render. `fn` may evaluate expressions
   * (DevTools evaluation works with the page's JavaScript off), e.g. to
   * measure the laid-out document.
   */
  withDocument<T>(html: string, fn: (page: Page) => Promise<T>): Promise<T> {
    return this.run(async (slot, browser) => {
      const page = await this.documentPage(slot, browser);
      try {
        // Our own timeout (the session's) cuts a hang; puppeteer's 30 s default would cut big documents short.
        await page.setContent(documentForBrowser(html), { waitUntil: 'load', timeout: 0 });
        await page.evaluate('document.fonts.ready');
        return await fn(page);
      } finally {
        await page.close().catch(() => undefined);
        if (!this.aborted && browser.connected) {
          const next = this.newDocumentPage(browser);
          next.catch(() => undefined);
          slot.spare = { browser, page: next };
        }
      }
    });
  }

  /** A fresh document page: the slot's spare when it belongs to this browser, else a new one. */
  private documentPage(slot: Slot, browser: Browser): Promise<Page> {
    const spare = slot.spare;
    slot.spare = null;
    if (spare && spare.browser === browser) return spare.page;
    return this.newDocumentPage(browser);
  }

  private async newDocumentPage(browser: Browser): Promise<Page> {
    const page = await offlinePage(browser, this.options.onBlockedRequest);
    await page.setJavaScriptEnabled(false);
    return page;
  }

  /** HTML to PDF with the document's own @page size. */
  pdf(html: string, options: PDFOptions = {}): Promise<Uint8Array> {
    return this.withDocument(html, (page) => page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: 0, ...options }));
  }

  /** Mermaid text to SVG with the page's persistent Mermaid. Throws Mermaid's parse error for bad text. */
  async mermaidSvg(text: string): Promise<string> {
    return (await this.mermaidRender(text)).svg;
  }

  /**
   * Mermaid text to SVG with `config` (a whole Mermaid configuration, see
   * mermaid-config.ts), then `inspect` (function source, see
   * mermaid-inspect.ts) run on the SVG drawn in the page with `args`.
   */
  mermaidRender<R = unknown>(
    text: string,
    config: object = MERMAID_CONFIG,
    inspect?: { readonly source: string; readonly args: readonly unknown[] },
  ): Promise<{ svg: string; report: R | null }> {
    return this.run(async (slot, browser) => {
      const page = await this.mermaidPage(slot, browser);
      return page.evaluate(
        async (src: string, cfg: object, inspectSource: string | null, args: unknown[]) => {
          const m = (globalThis as unknown as { mermaid: { initialize(c: object): void; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
          m.initialize(cfg);
          const { svg } = await m.render('sop-diagram', src);
          // eslint-disable-next-line no-eval -- our own inspector source, never user text
          const report = inspectSource === null ? null : (0, eval)(inspectSource)(svg, ...args);
          return { svg, report };
        },
        text,
        config,
        inspect?.source ?? null,
        [...(inspect?.args ?? [])],
      ) as Promise<{ svg: string; report: R | null }>;
    });
  }

  /** Mermaid's own parser: true, or throws its message. */
  mermaidParse(text: string): Promise<true> {
    return this.run(async (slot, browser) => {
      const page = await this.mermaidPage(slot, browser);
      return page.evaluate(async (src: string) => {
        const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
        await m.parse(src);
        return true as const;
      }, text);
    });
  }

  /** An SVG drawn at its own size and screenshot to PNG (white background). */
  png(svg: string, scale = 2): Promise<Uint8Array> {
    return this.run(async (slot, browser) => {
      const page = await this.pngPage(slot, browser);
      await page.setViewport({ width: 800, height: 600, deviceScaleFactor: scale });
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff"><div id="sop-png" style="display:inline-block">${svg}</div></body></html>`, {
        timeout: 0,
      });
      // Mermaid's SVG is width="100%": draw it at its natural (viewBox) size.
      await page.evaluate(`(() => {
        const svg = document.querySelector('#sop-png svg');
        const vb = svg && svg.viewBox && svg.viewBox.baseVal;
        if (vb && vb.width > 0) { svg.setAttribute('width', String(vb.width)); svg.setAttribute('height', String(vb.height)); svg.style.maxWidth = 'none'; }
      })()`);
      const el = await page.$('#sop-png');
      if (!el) throw new Error('SVG tidak dapat ditampilkan');
      return el.screenshot({ type: 'png', omitBackground: false });
    });
  }

  /**
   * Stops for good (a signal): jobs in flight and waiting fail with
   * AbortedError, no browser is started again, the browser is closed and its
   * folder removed.
   */
  async abort(): Promise<void> {
    this.aborted = true;
    this.rejectAbortion(new AbortedError('dihentikan'));
    for (const w of this.waiters.splice(0)) w();
    await this.close();
  }

  /** Synchronous last resort (a second signal): kills the browser's process group now. */
  killNow(): void {
    this.aborted = true;
    this.rejectAbortion(new AbortedError('dihentikan'));
    this.shared?.killNow();
  }

  async close(): Promise<void> {
    await this.launching?.catch(() => undefined);
    const shared = this.shared;
    this.shared = null;
    for (const s of this.slots) {
      s.mermaid = null;
      s.png = null;
      s.measure = null;
      s.spare = null;
    }
    if (shared) this.closing.push(shared.close());
    // Also a close already under way (abort() on a signal started one): the caller exits right after,
    // and a browser still closing left Chromium's temporary folders behind.
    await Promise.all(this.closing);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`renderer tidak menjawab dalam ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Errors that mean the browser (or the page's target) is gone: the job is retried in a new browser. */
export function isTargetGone(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /Target closed|Session closed|Connection closed|Protocol error|browser has disconnected|Navigating frame was detached|detached Frame|Requesting main frame too early/i.test(m);
}
