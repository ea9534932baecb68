/**
 * One browser for a whole build: a pool of pages (`--jobs N`), each with
 * Mermaid loaded once, so that every PDF, SVG and PNG of the build goes
 * through the same Chromium. A browser that crashes or hangs is killed,
 * restarted, and the job tried once more; the build goes on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'puppeteer-core';
import { launchBrowser, offlinePage, type SharedBrowser } from './browser.js';
import { MERMAID_CONFIG } from './mermaid-config.js';

export interface SessionOptions {
  readonly jobs?: number;
  /** A render that takes longer is taken as a hang (ms). */
  readonly timeoutMs?: number;
  /** Called with every URL the pages tried to fetch (all are blocked). */
  readonly onBlockedRequest?: (url: string) => void;
}

interface Slot {
  page: Page | null;
  mermaid: Page | null;
  busy: boolean;
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
    const vendored = new URL('../vendor/mermaid.min.js', import.meta.url);
    mermaidSource = existsSync(vendored)
      ? readFileSync(vendored, 'utf8')
      : readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  }
  return mermaidSource;
}

export class RenderSession {
  private shared: SharedBrowser | null = null;
  private slots: Slot[];
  private waiters: (() => void)[] = [];
  /** How many times the browser was restarted after a crash or hang. */
  restarts = 0;

  constructor(
    private readonly executablePath: string,
    private readonly options: SessionOptions = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, options.jobs ?? 1) }, () => ({ page: null, mermaid: null, busy: false }));
  }

  get browser(): Browser | null {
    return this.shared?.browser ?? null;
  }

  private async ensureBrowser(): Promise<Browser> {
    if (this.shared && this.shared.browser.connected) return this.shared.browser;
    await this.shared?.close();
    this.shared = await launchBrowser(this.executablePath);
    for (const s of this.slots) {
      s.page = null;
      s.mermaid = null;
    }
    return this.shared.browser;
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
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
        try {
          const browser = await this.ensureBrowser();
          return await withTimeout(job(slot, browser), this.options.timeoutMs ?? 60_000);
        } catch (e) {
          const dead = !this.shared?.browser.connected || e instanceof TimeoutError || isTargetGone(e);
          if (!dead) throw e;
          // A dead or hung browser is replaced even when we give up, so the next job starts clean.
          this.restarts++;
          this.shared?.browser.process()?.kill('SIGKILL');
          await this.shared?.close();
          this.shared = null;
          if (attempt >= 1) throw e;
        }
      }
    } finally {
      this.release(slot);
    }
  }

  private async page(slot: Slot, browser: Browser): Promise<Page> {
    if (!slot.page || slot.page.isClosed()) slot.page = await offlinePage(browser, this.options.onBlockedRequest);
    return slot.page;
  }

  private async mermaidPage(slot: Slot, browser: Browser): Promise<Page> {
    if (slot.mermaid && !slot.mermaid.isClosed()) return slot.mermaid;
    const page = await offlinePage(browser, this.options.onBlockedRequest);
    await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="sop-out"></div></body></html>');
    await page.addScriptTag({ content: mermaidBundle() });
    await page.evaluate(`mermaid.initialize(${JSON.stringify(MERMAID_CONFIG)})`);
    slot.mermaid = page;
    return page;
  }

  /**
   * Loads `html` in a page and runs `fn` on it (e.g. to measure the laid-out
   * document, render/measure.ts), under the same hang and crash handling as
   * every render.
   */
  withDocument<T>(html: string, fn: (page: Page) => Promise<T>): Promise<T> {
    return this.run(async (slot, browser) => {
      const page = await this.page(slot, browser);
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      try {
        return await fn(page);
      } finally {
        await page.emulateMediaType().catch(() => undefined);
      }
    });
  }

  /** HTML to PDF with the document's own @page size. */
  pdf(html: string): Promise<Uint8Array> {
    return this.run(async (slot, browser) => {
      const page = await this.page(slot, browser);
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      return page.pdf({ preferCSSPageSize: true, printBackground: true });
    });
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
      const page = await this.page(slot, browser);
      await page.setViewport({ width: 800, height: 600, deviceScaleFactor: scale });
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff"><div id="sop-png" style="display:inline-block">${svg}</div></body></html>`);
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

  async close(): Promise<void> {
    await this.shared?.close();
    this.shared = null;
  }
}

export class TimeoutError extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`renderer tidak menjawab dalam ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function isTargetGone(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /Target closed|Session closed|Connection closed|Protocol error|browser has disconnected|Navigating frame was detached|detached Frame/i.test(m);
}
