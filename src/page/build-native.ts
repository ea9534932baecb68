/**
 * What `sop build` draws without a browser, for one SOP: the PDF with the
 * native engine (the default), `svg` (the procedure as one table) and `png`
 * (that drawing rasterised). Kept out of src/cli/commands/build.ts so that
 * its wiring there stays a few lines.
 */
import type { Lang } from '../diagnostics/catalog.js';
import type { HtmlOptions } from '../emit/html/view-model.js';
import type { OutputFormat, SopConfig } from '../model/config.js';
import type { SopModel } from '../model/model.js';
import { pdfMetaOf, type PdfMeta } from '../render/pdf.js';
import { lacksGlyph } from './pdf.js';
import { PNG_DPI, nativeDocumentNow, nativeSheet, preparedDrawing, type NativeInput, type PdfEngine, type Raster } from './native.js';
import { WorkerCrash, type DrawJob, type DrawPool, type DrawResult, type Outcome } from './native-pool.js';
import { PictureError, pictureErrorOf, pictureFailure } from './picture.js';

export interface NativeBuildOptions {
  readonly pdfEngine: PdfEngine;
  /** Multiplies the PNG's 200 dpi. */
  readonly pngScale: number;
  readonly lang: Lang;
}

interface Task {
  readonly label: string;
  run(): Promise<string>;
  /** Hands the SOP's drawing to a thread (--jobs: src/page/native-pool.ts) ahead of run(); once per SOP. */
  start?(): void;
  /** Before run(): the SOP drawn on the main thread if no thread has it yet. */
  claim?(): void;
}

/** What draws one SOP's outputs: the main thread, or a thread of the pool (the same bytes). */
interface Drawer {
  pdf(): Promise<Uint8Array>;
  svg(): Promise<string>;
  png(scale: number): Promise<Raster>;
  start?(): void;
  claim?(): void;
}

const unwrap = <T>(o: Outcome<T> | undefined): T => {
  if (!o) throw new Error('not drawn');
  if ('error' in o) throw o.picture ? pictureErrorOf(o.picture) : new Error(o.error);
  return o.ok;
};

/**
 * The SOP drawn by the pool: handed to it once (on start()), every output at once; or, when its turn to be written
 * comes and no thread has taken it yet (claim()), drawn on the main thread after all, which then works instead of
 * waiting (and has the HTML's layouts of it already).
 */
function pooledDrawer(pool: DrawPool, label: string, input: NativeInput, meta: PdfMeta | null, svg: boolean, png: number | null): Drawer {
  let handed: ReturnType<DrawPool['submit']> | null = null;
  let here: Drawer | null = null;
  let pages: DrawJob['pages'];
  const start = (): void => {
    if (handed || here) return;
    pages = pagesOf(input, meta !== null, svg || png !== null);
    handed = pool.submit(label, { input, meta, svg, png, pages });
    // Awaited by the tasks in their turn; a rejection seen first here is not unhandled.
    handed.result.catch(() => {});
  };
  const result = (): Promise<DrawResult> => {
    start();
    return handed!.result;
  };
  return {
    start,
    claim: () => {
      if (!here && (!handed || handed.withdraw())) here = serialDrawer(input, () => meta!, pages);
    },
    pdf: async () => (here ? here.pdf() : unwrap((await result()).pdf)),
    svg: async () => (here ? here.svg() : unwrap((await result()).svg)),
    png: async (scale) => (here ? here.png(scale) : unwrap((await result()).png)),
  };
}

/**
 * The page models a thread draws, made here from the layouts the main thread has for the SOP's HTML (kept per
 * model: src/page/build.ts), so that the thread does not lay the SOP out again. One that fails to be made is left to
 * the thread, which fails it as the serial build does.
 */
function pagesOf(input: NativeInput, pdf: boolean, sheet: boolean): NonNullable<DrawJob['pages']> {
  const made = <T>(f: () => T | null): T | null => {
    try {
      return f();
    } catch {
      return null;
    }
  };
  return { document: pdf ? made(() => nativeDocumentNow(input)) : null, sheet: sheet ? made(() => nativeSheet(input).page()) : null };
}

/** The logo as the HTML gets it (a data: URI) back to bytes, with its file's name for messages. */
function logoOf(uri: string | null | undefined, name: string | null | undefined): NativeInput['logo'] {
  const m = uri ? /^data:([^;]+);base64,(.*)$/s.exec(uri) : null;
  return m ? { mime: m[1]!, bytes: new Uint8Array(Buffer.from(m[2]!, 'base64')), ...(name ? { name } : {}) } : null;
}

/**
 * `logoName`: the SOP's logo file as messages name it. A logo the PDF cannot embed (src/page/picture.ts) fails the
 * output with one line naming it, and the build exits 2 (NativeRun.logoFailed), as for a file it cannot read.
 */
export function nativeTasksOf(
  f: { readonly file: string; readonly model: SopModel; readonly logoName?: string | null },
  formats: readonly OutputFormat[],
  config: SopConfig,
  opts: NativeBuildOptions,
  html: HtmlOptions,
  epoch: Date | undefined,
  write: (ext: string, data: string | Uint8Array) => string,
  say: (line: string) => void,
  pool: DrawPool | null = null,
): Task[] {
  const tasks: Task[] = [];
  if (formats.includes('svg') || formats.includes('png') || (formats.includes('pdf') && opts.pdfEngine === 'native')) {
    for (const line of missingGlyphMessages(f.file, f.model, opts.lang)) say(line);
  }
  const input: NativeInput = { model: f.model, config, logo: logoOf(html.logoDataUri, f.logoName), links: (html.links ?? []).map((l) => l.href ?? null) };
  const wantPdf = formats.includes('pdf') && opts.pdfEngine === 'native';
  const dpi = PNG_DPI * opts.pngScale;
  const draw = pool
    ? pooledDrawer(pool, f.file, input, wantPdf ? pdfMetaOf(f.model, epoch) : null, formats.includes('svg'), formats.includes('png') ? dpi / 96 : null)
    : serialDrawer(input, () => pdfMetaOf(f.model, epoch));
  const pooled = draw.start && draw.claim ? { start: draw.start, claim: draw.claim } : {};
  const pdf = async (): Promise<Uint8Array> => {
    try {
      return await draw.pdf();
    } catch (e) {
      if (e instanceof PictureError) throw new LogoFailure(pictureFailure(e, opts.lang));
      throw e;
    }
  };
  if (wantPdf) tasks.push({ label: `${f.file} (pdf)`, run: async () => write('pdf', await pdf()), ...pooled });
  if (formats.includes('svg')) tasks.push({ label: `${f.file} (svg)`, run: async () => write('svg', await draw.svg()), ...pooled });
  if (formats.includes('png')) {
    tasks.push({
      label: `${f.file} (png)`,
      ...pooled,
      run: async () => {
        const r = await draw.png(dpi / 96);
        if (r.capped) {
          const got = Math.floor(r.scale * 96);
          say(
            opts.lang === 'en'
              ? `sop: ${f.file}: PNG drawn at ${got} dpi instead of ${Math.round(dpi)} (${r.width}×${r.height} px: at most 50 million pixels)`
              : `sop: ${f.file}: PNG digambar pada ${got} dpi, bukan ${Math.round(dpi)} (${r.width}×${r.height} px: paling banyak 50 juta piksel)`,
          );
        }
        return write('png', r.png);
      },
    });
  }
  return tasks;
}

/** The SOP drawn here, on the main thread. */
function serialDrawer(input: NativeInput, meta: () => PdfMeta, pages?: DrawJob['pages']): Drawer {
  // The PNG is the SVG's drawing rasterised (src/page/raster.ts): the page model made once for both.
  const { sheet, pdf } = preparedDrawing(input, pages);
  return { pdf: () => pdf(meta()), svg: async () => sheet.svg(), png: (scale) => sheet.png(scale) };
}

/**
 * The native tasks of a build, two at a time: a PNG is rasterised on libuv's thread pool (resvg's renderAsync) while
 * the next PDF and SVG are drawn on the main thread, so a build uses both cores of a small machine; not more, as a
 * PNG at the pixel cap holds ~0.5 GB while it is drawn and encoded. Failures are reported in the order of the
 * tasks, whatever order they finish in.
 */
export async function runNativeTasks(tasks: Task[], failures: string[], inFlight = 2, stopped: () => boolean = () => false, noted: (e: unknown) => void = () => {}): Promise<void> {
  const errors: (string | undefined)[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !stopped()) {
      const i = next++;
      const t = tasks[i]!;
      try {
        await t.run();
      } catch (e) {
        noted(e);
        errors[i] = `${t.label}: ${(e as Error).message.split('\n')[0]}`;
      }
      // Let go of the task: a SOP's drawing (its sheet, kept for its SVG and PNG) is collected once its tasks are done.
      tasks[i] = DONE;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, tasks.length) }, lane));
  for (const e of errors) if (e !== undefined) failures.push(e);
}

/**
 * The native tasks of a build as they are queued (makeOutputs, SOP by SOP), then run. With a pool (--jobs > 1) the
 * SOPs ahead are handed to its threads as soon as they are queued, `window` tasks ahead of the one written, so that
 * the threads draw while the main thread writes the next HTML; the outputs are then written, and their messages and
 * failures said, one task after the other in the serial build's order. Nothing is written before every HTML is, so
 * the window is what a thread can draw meanwhile: ~30 SOPs a thread (the main thread makes the HTML and page models
 * of ~1.5 SOPs while a thread draws one; 4 SOPs a thread left it idle most of that time), their drawn bytes held
 * until written (~0.5 MB a 12-step SOP).
 */
const DONE: Task = { label: '', run: async () => '' };

/** An output failed on its logo: the message is the line to say (src/page/picture.ts pictureFailure). */
export class LogoFailure extends Error {}

export class NativeRun {
  readonly tasks: Task[] = [];
  /** A logo could not be embedded (a LogoFailure): the build exits 2. */
  logoFailed = false;
  private written = 0;
  constructor(
    readonly pool: DrawPool | null,
    private readonly window = pool ? pool.size * 90 + 6 : 0,
  ) {}

  add(tasks: readonly Task[]): void {
    for (const t of tasks) this.tasks.push(t);
    this.feed();
  }

  private feed(): void {
    const end = Math.min(this.tasks.length, this.written + this.window);
    for (let i = this.written; i < end; i++) this.tasks[i]!.start?.();
  }

  /** Runs the tasks; stops before the next one once `stopped()`; a thread's crash is thrown (WorkerCrash). */
  async run(failures: string[], stopped: () => boolean): Promise<void> {
    const noted = (e: unknown): void => {
      if (e instanceof LogoFailure) this.logoFailed = true;
    };
    if (!this.pool) return runNativeTasks(this.tasks, failures, 2, stopped, noted);
    for (let i = 0; i < this.tasks.length && !stopped(); i++) {
      this.written = i;
      this.feed();
      const t = this.tasks[i]!;
      try {
        t.claim?.();
        await t.run();
      } catch (e) {
        if (e instanceof WorkerCrash) throw e;
        if (stopped()) return;
        noted(e);
        failures.push(`${t.label}: ${(e as Error).message.split('\n')[0]}`);
      }
      // The SOP's drawn bytes are kept by its tasks until the last of them is written: then let go.
      this.tasks[i] = DONE;
    }
  }
}

/** At most this many characters are named per SOP; the rest are counted. */
const MAX_NAMED = 5;

/**
 * A warning per character of the SOP the bundled font cannot print (an emoji, CJK: the native PDF, SVG and PNG
 * print a box), naming the character, its code point and the line of the first step or lane that has it (a field of
 * the identity page has no line in the model: the field is named instead).
 */
export function missingGlyphMessages(file: string, model: SopModel, lang: Lang): string[] {
  const found = new Map<number, string>();
  const scan = (text: string, where: string): void => {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (!found.has(cp) && lacksGlyph(cp)) found.set(cp, where);
    }
  };
  const at = (line: number): string => `${file}:${line}`;
  for (const l of model.lanes) scan(l.title, l.range ? at(l.range.start.line) : file);
  for (const s of model.steps) for (const v of [s.text, s.kelengkapan, s.output, s.keterangan]) scan(v, at(s.range.start.line));
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') scan(v, `${file} (${key})`);
    else if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'steps' && k !== 'lanes' && k !== 'range' && k !== 'edges') walk(x, key === '' ? k : key);
  };
  walk(model, '');
  const out: string[] = [];
  let i = 0;
  for (const [cp, where] of found) {
    if (i++ === MAX_NAMED) break;
    const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const ch = String.fromCodePoint(cp);
    out.push(
      lang === 'en'
        ? `sop: ${where}: warning: the character "${ch}" (${u}) is not in the bundled font (Liberation Sans): the PDF, SVG and PNG print a box for it; write it otherwise, or print the PDF with --pdf-engine chromium (the machine's fonts).`
        : `sop: ${where}: peringatan: karakter "${ch}" (${u}) tidak ada di fon bawaan (Liberation Sans): PDF, SVG dan PNG mencetaknya sebagai kotak; tulis dengan cara lain, atau cetak PDF dengan --pdf-engine chromium (fon mesin).`,
    );
  }
  if (found.size > MAX_NAMED) {
    const more = found.size - MAX_NAMED;
    out.push(lang === 'en' ? `sop: ${file}: warning: ${more} more character(s) not in the bundled font.` : `sop: ${file}: peringatan: ${more} karakter lain tidak ada di fon bawaan.`);
  }
  return out;
}
