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
import { pdfMetaOf } from '../render/pdf.js';
import { lacksGlyph } from './pdf.js';
import { PNG_DPI, nativePdf, nativeSheet, type NativeInput, type PdfEngine } from './native.js';

export interface NativeBuildOptions {
  readonly pdfEngine: PdfEngine;
  /** Multiplies the PNG's 200 dpi. */
  readonly pngScale: number;
  readonly lang: Lang;
}

interface Task {
  readonly label: string;
  run(): Promise<string>;
}

/** The logo as the HTML gets it (a data: URI) back to bytes. */
function logoOf(uri: string | null | undefined): NativeInput['logo'] {
  const m = uri ? /^data:([^;]+);base64,(.*)$/s.exec(uri) : null;
  return m ? { mime: m[1]!, bytes: new Uint8Array(Buffer.from(m[2]!, 'base64')) } : null;
}

export function nativeTasksOf(
  f: { readonly file: string; readonly model: SopModel },
  formats: readonly OutputFormat[],
  config: SopConfig,
  opts: NativeBuildOptions,
  html: HtmlOptions,
  epoch: Date | undefined,
  write: (ext: string, data: string | Uint8Array) => string,
  say: (line: string) => void,
): Task[] {
  const tasks: Task[] = [];
  if (formats.includes('svg') || formats.includes('png') || (formats.includes('pdf') && opts.pdfEngine === 'native')) {
    for (const line of missingGlyphMessages(f.file, f.model, opts.lang)) say(line);
  }
  const input: NativeInput = { model: f.model, config, logo: logoOf(html.logoDataUri), links: (html.links ?? []).map((l) => l.href ?? null) };
  if (formats.includes('pdf') && opts.pdfEngine === 'native') {
    tasks.push({ label: `${f.file} (pdf)`, run: async () => write('pdf', await nativePdf(input, pdfMetaOf(f.model, epoch))) });
  }
  // The PNG is the SVG's drawing rasterised (src/page/raster.ts): the page model made once for both.
  const sheet = nativeSheet(input);
  if (formats.includes('svg')) tasks.push({ label: `${f.file} (svg)`, run: async () => write('svg', sheet.svg()) });
  if (formats.includes('png')) {
    tasks.push({
      label: `${f.file} (png)`,
      run: async () => {
        const dpi = PNG_DPI * opts.pngScale;
        const r = await sheet.png(dpi / 96);
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

/**
 * The native tasks of a build, two at a time: a PNG is rasterised on libuv's thread pool (resvg's renderAsync) while
 * the next PDF and SVG are drawn on the main thread, so a build uses both cores of a small machine; not more, as a
 * PNG at the pixel cap holds ~0.5 GB while it is drawn and encoded. Failures are reported in the order of the
 * tasks, whatever order they finish in.
 */
export async function runNativeTasks(tasks: readonly Task[], failures: string[], inFlight = 2): Promise<void> {
  const errors: (string | undefined)[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      const t = tasks[i]!;
      try {
        await t.run();
      } catch (e) {
        errors[i] = `${t.label}: ${(e as Error).message.split('\n')[0]}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, tasks.length) }, lane));
  for (const e of errors) if (e !== undefined) failures.push(e);
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
