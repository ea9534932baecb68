/**
 * `sop book [paths...] --out FILE.pdf`: the agency's "Buku SOP" as one PDF.
 * Every SOP is rendered through one RenderSession (one browser for the whole
 * book) exactly as `sop build` renders its PDF; the book's own pages (cover,
 * foreword, Daftar Isi, Daftar SOP) are rendered after the SOPs' page counts
 * are known, then everything is merged, numbered and bookmarked
 * (src/book/assemble.ts). A book is all or nothing: an SOP with errors stops
 * it (exit 1) and no file is written.
 */
import * as path from 'node:path';
import { assembleBook, pageCount, parseSoon, preloadPdfLib, type BookPart } from '../../book/assemble.js';
import { contentsHtml, coverHtml, forewordHtml, registerHtml, BOOK_LINK_BASE, type ContentsEntry, type PagePaper } from '../../book/front-matter.js';
import { orderForBook, registerRows } from '../../book/register.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics } from '../../diagnostics/diagnostic.js';
import { renderHtml, type TemplateSet } from '../../emit/html/render.js';
import { paper as paperOf, PX_PER_MM } from '../../layout/geometry.js';
import { DEFAULT_BOOK_WORDS, type BookWords, type PaperSize } from '../../model/config.js';
import { BROWSER_MISSING_HINT, findBrowser } from '../../render/browser.js';
import { measuredPdf, type MeasureStage } from '../../render/measure.js';
import { RenderSession } from '../../render/session.js';
import { plainText } from '../../util/inline.js';
import { visibleName, visibleLine } from '../../util/text.js';
import { overflowDiagnostic } from '../../page/fit.js';
import { describeFsError, describeWriteError, displayPath, readText, targetsOrSay } from '../../project/io.js';
import { loadProjects, type LoadedFile } from '../../project/load.js';
import { logoDataUri, readLogo } from '../../project/logo.js';
import { renderPretty } from '../reporters.js';
import type { Terminal } from '../terminal.js';
import { loadTemplates, templateErrorMessage } from '../../project/templates.js';
import { inGitFolder, notReplaceableOutput, outDirStaysInProject, outputStaysInside, writeAtomic } from '../../project/write.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './check.js';
import { onStopSignal, signalExitCode } from '../../project/run.js';
import { coverInstansiPt, nativeBook, type CoverWords } from '../../page/book.js';
import { drawableSize } from '../../util/image-check.js';
import { drawableImage, nativeDocument, type PdfEngine } from '../../page/native.js';
import { PictureError, pictureFailure } from '../../page/picture.js';
import { sourceDateEpoch } from '../../render/pdf.js';

export interface BookOptions {
  readonly out?: string;
  readonly paper?: PaperSize;
  readonly templates?: string;
  readonly jobs?: number;
  readonly lang: Lang;
  /** `native` (the default): drawn without a browser (src/page/book.ts); `chromium`: every part printed by Chromium, merged by pdf-lib. */
  readonly pdfEngine?: PdfEngine;
}


/** A file named by the config, only inside the project folder (nothing outside the project is read). */
function insideProject(root: string, rel: string): string | null {
  const abs = path.resolve(root, rel);
  const r = path.relative(root, abs);
  return path.isAbsolute(rel) || r.startsWith('..') || path.isAbsolute(r) ? null : abs;
}

/** A logo as the HTML gets it (a data: URI), and its file as messages name it. */
interface BookLogo {
  readonly uri: string;
  readonly name: string;
}

/** A logo read under the build's rules (src/project/logo.ts): inside the project once links are resolved, a regular image file. */
function logoAt(abs: string | null, root: string): BookLogo | null {
  const uri = abs ? logoDataUri(readLogo(abs, root)) : null;
  return abs && uri ? { uri, name: displayPath(abs) } : null;
}

function sopLogo(f: LoadedFile): BookLogo | null {
  if (!f.model.logo) return null;
  const fromFile = f.facts.sections.get('logo')?.value ? path.dirname(f.absPath) : f.projectRoot;
  return logoAt(insideProject(f.projectRoot, path.relative(f.projectRoot, path.resolve(fromFile, f.model.logo))), f.projectRoot);
}

/** Relative links resolve against the marker base, so Keterkaitan hrefs (`./sop/3`) become book links. */
const withBase = (html: string): string => html.replace(/<head>/i, `<head><base href="${BOOK_LINK_BASE}">`);

const yearOf = (files: readonly LoadedFile[]): string => {
  let y = 0;
  for (const f of files) for (const d of [f.model.dates.efektif, f.model.dates.revisi, f.model.dates.pembuatan]) if (d && d.year > y) y = d.year;
  return String(y > 0 ? y : new Date().getFullYear());
};

const rel = (f: LoadedFile): string => path.relative(f.projectRoot, f.absPath).split(path.sep).join('/');

/** The foreword's Markdown (book.foreword): inside the project, read under the source rules; false when refused (said). */
function readForeword(root: string, name: string, lang: Lang, term: Terminal): string | false {
  const en = lang === 'en';
  const abs = insideProject(root, name);
  const r = abs ? readText(abs, root) : null;
  if (!r || !r.ok) {
    const why = !abs ? (en ? 'outside the project folder' : 'di luar folder proyek') : r && !r.ok ? r.error.message : '';
    term.err(`sop: book.foreword ${name}: ${why}`);
    return false;
  }
  return r.text;
}

/** SOP_BOOK_TIMING=1: where the book's time goes, on stderr (bench/book.mjs reports it); otherwise nothing. */
function phaseTimer(t0: number, term: Terminal): (name: string) => void {
  let last = t0;
  return process.env['SOP_BOOK_TIMING']
    ? (name: string): void => {
        const now = performance.now();
        term.err(`sop: book phase ${name}: ${(now - last).toFixed(0)} ms`);
        last = now;
      }
    : (): void => {};
}

/** A Keterkaitan item's link: `./sop/<index>` when it names a SOP of the book (a jump to its first page), else none. */
function bookHref(f: LoadedFile, file: string | null | undefined, index: ReadonlyMap<string, number>): string | null {
  const t = file ? index.get(path.resolve(f.projectRoot, file)) : undefined;
  return t !== undefined ? `./sop/${t}` : null;
}

/** The book written (atomically, never half) and said; the exit code (2 when it could not be written, as `sop build`). */
function writeBook(outFile: string, bytes: Uint8Array, sops: number, pages: number, term: Terminal, en: boolean): number {
  try {
    writeAtomic(outFile, bytes);
  } catch (e) {
    // In words, never the errno text nor the temporary file's name.
    term.err(`sop: ${displayPath(outFile)}: ${describeWriteError(e)}`);
    return EXIT_USAGE;
  }
  term.out(en ? `Book written: ${displayPath(outFile)} (${sops} SOP(s), ${pages} pages).` : `Buku dibuat: ${displayPath(outFile)} (${sops} SOP, ${pages} halaman).`);
  return EXIT_OK;
}

/** A book that failed: one line, exit 1. */
function bookFailed(e: unknown, term: Terminal, en: boolean): number {
  term.err(`sop: ${en ? 'the book failed' : 'buku gagal dibuat'}: ${(e as Error).message.split('\n')[0]}`);
  return EXIT_PROBLEMS;
}

/** Every SOP of the book as `sop build` prints it, `jobs` at a time; Keterkaitan items naming a SOP of the book link to it. */
async function renderSops(session: RenderSession, files: readonly LoadedFile[], templates: TemplateSet, opts: BookOptions): Promise<{ sopPdfs: Uint8Array[]; sopCounts: Promise<number>[] }> {
  const index = new Map(files.map((f, i) => [f.absPath, i]));
  const sopPdfs: Uint8Array[] = new Array(files.length);
  const sopCounts: Promise<number>[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      const f = files[i]!;
      const links = f.links.map((l) => ({ ...l, href: bookHref(f, l.file, index) }));
      const o = { config: { ...f.config, ...(opts.paper ? { paper: opts.paper } : {}) }, logoDataUri: sopLogo(f)?.uri ?? null, links };
      const render = (stage: MeasureStage): string => withBase(renderHtml(f.model, templates, { ...o, ...stage }));
      sopPdfs[i] = await measuredPdf(session, render, o.config.paper);
      // Counted (parsed for the merge) while the browser renders the next SOP.
      sopCounts[i] = parseSoon(sopPdfs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.jobs ?? 1) }, worker));
  return { sopPdfs, sopCounts };
}

/** The contents pages, rendered until their page count is stable (each entry shows the page its part starts on). */
async function contentsUntilStable(
  session: RenderSession,
  portrait: PagePaper,
  words: BookWords,
  files: readonly LoadedFile[],
  sopPages: readonly number[],
  front: { coverN: number; forewordN: number; registerN: number; foreword: boolean },
): Promise<{ contentsPdf: Uint8Array; contentsN: number }> {
  const entries = (contentsN: number | null): ContentsEntry[] => {
    const known = contentsN !== null;
    let page = front.coverN + front.forewordN + (contentsN ?? 0) + front.registerN + 1;
    const list: ContentsEntry[] = [];
    if (front.foreword) list.push({ title: words.foreword, nomor: '', page: known ? front.coverN + 1 : null, sop: null });
    list.push({ title: words.register, nomor: '', page: known ? front.coverN + front.forewordN + (contentsN ?? 0) + 1 : null, sop: null });
    files.forEach((f, i) => {
      list.push({ title: visibleName(plainText(f.model.name)) || rel(f), nomor: visibleName(f.model.number.trim()), page: known ? page : null, sop: i });
      page += sopPages[i]!;
    });
    return list;
  };
  let contentsPdf = await session.pdf(contentsHtml(portrait, words, entries(null)));
  let contentsN = await pageCount(contentsPdf);
  for (let round = 0; round < 3; round++) {
    contentsPdf = await session.pdf(contentsHtml(portrait, words, entries(contentsN)));
    const n = await pageCount(contentsPdf);
    if (n === contentsN) break;
    contentsN = n;
  }
  return { contentsPdf, contentsN };
}

export async function runBook(paths: readonly string[], opts: BookOptions, term: Terminal): Promise<number> {
  const t0 = performance.now();
  const en = opts.lang === 'en';
  const defaultPaths = targetsOrSay(paths, (l) => term.err(l));
  if (!defaultPaths) return EXIT_USAGE;
  const loaded = loadProjects(defaultPaths, opts.lang);
  for (const e of loaded.ioErrors) term.err(`sop: ${visibleLine(e.path)}: ${e.message}`);
  if (loaded.ioErrors.length > 0) return EXIT_USAGE;
  if (loaded.files.length === 0) {
    term.err(en ? 'sop: no .sop files for the book' : 'sop: tidak ada berkas .sop untuk buku');
    return EXIT_USAGE;
  }
  const blocking = [...loaded.projectDiagnostics, ...loaded.files.flatMap((f) => f.diagnostics)].filter((d) => d.severity === 'error').sort(compareDiagnostics);
  if (blocking.length > 0) {
    term.err(renderPretty(blocking, loaded.texts, term.color, opts.lang));
    term.err(en ? 'sop: the book was not made: fix the errors above first.' : 'sop: buku tidak dibuat: perbaiki galat di atas terlebih dahulu.');
    return EXIT_PROBLEMS;
  }
  // A SOP whose table header does not fit its page would print pages of header alone (src/page/build.ts pageOverflow).
  const overflows = loaded.files.flatMap((f) => {
    const d = overflowDiagnostic(f, { ...f.config, ...(opts.paper ? { paper: opts.paper } : {}) }, opts.lang);
    return d ? [d] : [];
  });
  if (overflows.length > 0) {
    term.err(renderPretty(overflows, loaded.texts, term.color, opts.lang));
    term.err(en ? 'sop: the book was not made.' : 'sop: buku tidak dibuat.');
    return EXIT_PROBLEMS;
  }

  const first = loaded.files[0]!;
  const config = { ...first.config, ...(opts.paper ? { paper: opts.paper } : {}) };
  const settings = config.book ?? {};
  const words: BookWords = { ...DEFAULT_BOOK_WORDS, ...settings.words };
  const outFile = path.resolve(opts.out ?? path.join(config.outDir ?? 'out', 'buku-sop.pdf'));

  // Without --out, the book goes to the config's folder: never through a link out of the project.
  const git = inGitFolder(path.dirname(outFile));
  if (!opts.out && (git || !outDirStaysInProject(path.dirname(outFile), first.projectRoot) || !outputStaysInside(outFile, path.dirname(outFile), first.projectRoot))) {
    term.err(
      en
        ? `sop: ${displayPath(path.dirname(outFile))}: ${git ? 'is or leads into the .git folder' : 'is a symbolic link out of the project folder'}; the book is not written there (name another file with --out)`
        : `sop: ${displayPath(path.dirname(outFile))}: ${git ? 'adalah atau menuju folder .git' : 'adalah tautan simbolik ke luar folder proyek'}; buku tidak ditulis ke sana (pilih berkas lain dengan --out)`,
    );
    return EXIT_USAGE;
  }

  // Asked before the SOPs are drawn: a folder, a FIFO or a device there would only fail (or be replaced) at the end.
  const notReplaceable = notReplaceableOutput(outFile);
  if (notReplaceable) {
    term.err(`sop: ${displayPath(outFile)}: ${notReplaceable}`);
    return EXIT_USAGE;
  }

  const foreword = settings.foreword ? readForeword(first.projectRoot, settings.foreword, opts.lang, term) : null;
  if (foreword === false) return EXIT_USAGE;

  let templates: TemplateSet;
  try {
    templates = loadTemplates(opts.templates);
  } catch (e) {
    term.err(`sop: ${templateErrorMessage(e)}`);
    return EXIT_USAGE;
  }

  const files = orderForBook(loaded.files, settings.order, rel);
  const rows = registerRows(files);
  const land = paperOf(config.paper);
  const portrait: PagePaper = { widthMm: land.heightMm, heightMm: land.widthMm };

  // Without instansi in the config: the first two lines (government, agency) of the first SOP that has them.
  const withInstansi = files.find((f) => f.model.instansi.length > 0);
  const coverInput = {
    instansi: config.instansi && config.instansi.length > 0 ? config.instansi : (withInstansi?.model.instansi.slice(0, 2) ?? []),
    title: settings.title ?? 'Standar Operasional Prosedur',
    subtitle: settings.subtitle ?? '',
    year: settings.year ?? yearOf(files),
  };
  const coverLogo = config.logo ? logoAt(insideProject(first.projectRoot, config.logo), first.projectRoot) : withInstansi ? sopLogo(withInstansi) : null;

  if ((opts.pdfEngine ?? 'native') === 'native') {
    const epoch = sourceDateEpoch();
    if (epoch === null) {
      term.err(en ? 'sop: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970' : 'sop: SOURCE_DATE_EPOCH harus bilangan bulat detik sejak 1970');
      return EXIT_USAGE;
    }
    return drawBookNatively(files, { portrait, words, foreword, rows, cover: coverInput, coverLogo, paper: opts.paper, epoch, outFile }, term, opts.lang, t0);
  }

  const exe = findBrowser();
  if (!exe) {
    term.err(`sop: ${en ? 'the book needs a browser.' : 'buku memerlukan browser.'} ${BROWSER_MISSING_HINT}`);
    return EXIT_PROBLEMS;
  }
  const phase = phaseTimer(t0, term);
  phase('load and check');
  const session = new RenderSession(exe, { jobs: opts.jobs ?? 1 });
  // Ctrl-C or SIGTERM: no new render, Chromium closed and its folder removed, no book written (as `sop build`).
  // Without this, node died at once and left Chromium (its own process group) running, and its temporary folders.
  let stoppedBy: NodeJS.Signals | null = null;
  const signals = onStopSignal(
    (sig) => {
      stoppedBy = sig;
      void session.abort();
    },
    () => session.killNow(),
  );
  const stopped = (): number => {
    term.err(en ? `sop: stopped (${stoppedBy}); no book was written.` : `sop: dihentikan (${stoppedBy}); buku tidak dibuat.`);
    return signalExitCode(stoppedBy!);
  };
  try {
    // 1. Every SOP, as `sop build` prints it.
    preloadPdfLib();
    const { sopPdfs, sopCounts } = await renderSops(session, files, templates, opts);
    phase('SOP renders');
    const sopPages = await Promise.all(sopCounts);
    phase('SOP page counts (after the last render)');

    // 2. The book's own pages; the contents are rendered until their page count is stable.
    const { pdf: cover, pages: coverN } = await coverPdf(session, portrait, coverInput, coverLogo);
    const forewordPdf = foreword !== null ? await session.pdf(forewordHtml(portrait, words, foreword)) : null;
    // Names are shown with their hidden characters made visible (`\u202e`), as in the contents and the bookmarks.
    const registerPdf = await session.pdf(registerHtml(portrait, words, rows.map((r) => ({ ...r, nomor: visibleName(r.nomor), nama: visibleName(r.nama) }))));
    const [forewordN, registerN] = await Promise.all([forewordPdf ? pageCount(forewordPdf) : 0, pageCount(registerPdf)]);

    phase('cover, foreword, register');
    const { contentsPdf, contentsN } = await contentsUntilStable(session, portrait, words, files, sopPages, { coverN, forewordN, registerN, foreword: forewordPdf !== null });

    phase('contents (until its page count is stable)');
    // 3. Merge, number, bookmark, link.
    const parts: BookPart[] = [
      { pdf: cover, bookmark: null, sop: null },
      ...(forewordPdf ? [{ pdf: forewordPdf, bookmark: words.foreword, sop: null }] : []),
      { pdf: contentsPdf, bookmark: words.contents, sop: null },
      { pdf: registerPdf, bookmark: words.register, sop: null },
      ...files.map((f, i) => ({ pdf: sopPdfs[i]!, bookmark: [visibleName(f.model.number.trim()), visibleName(plainText(f.model.name)) || rel(f)].filter(Boolean).join(' — '), sop: i })),
    ];
    const bytes = await assembleBook(parts, { footer: words.footer, title: settings.title ?? 'Standar Operasional Prosedur' });
    phase('merge, footer, links, outline, save (pdf-lib)');
    if (stoppedBy) return stopped();
    const total = coverN + forewordN + contentsN + registerN + sopPages.reduce((a, b) => a + b, 0);
    return writeBook(outFile, bytes, files.length, total, term, en);
  } catch (e) {
    if (stoppedBy) return stopped();
    return bookFailed(e, term, en);
  } finally {
    await session.close();
    signals.dispose();
  }
}

/**
 * The cover printed by Chromium, its agency's lines at the native cover's size; smaller still, down to 8 pt, while
 * Chromium's own line breaks run it onto a second page (four 80-letter lines under a logo, a 150-letter title and
 * subtitle on A4: the year went to page 2, where the native cover held it).
 */
async function coverPdf(session: RenderSession, portrait: PagePaper, words: Omit<CoverWords, 'logo'>, logo: BookLogo | null): Promise<{ pdf: Uint8Array; pages: number }> {
  const print = (instansiPt: number): Promise<Uint8Array> => session.pdf(coverHtml(portrait, { ...words, logoDataUri: logo?.uri ?? null, instansiPt }));
  let pt = agencyPt(portrait, words, logo);
  let pdf = await print(pt);
  let pages = await pageCount(pdf);
  while (pt > 8 && pages > 1) pages = await pageCount((pdf = await print(--pt)));
  return { pdf, pages };
}

/** The agency's lines on Chromium's cover at the native cover's size (smaller where four long lines would run over the footer). */
function agencyPt(portrait: PagePaper, words: Omit<CoverWords, 'logo'>, logo: BookLogo | null): number {
  return coverInstansiPt({ width: portrait.widthMm * PX_PER_MM, height: portrait.heightMm * PX_PER_MM }, { ...words, logo: imageOf(logo) });
}

/** A logo as the HTML gets it (a data: URI) back to bytes with its size and name, or null. */
function imageOf(logo: BookLogo | null): { mime: string; bytes: Uint8Array; width: number; height: number; name: string } | null {
  const m = logo ? /^data:([^;]+);base64,(.*)$/s.exec(logo.uri) : null;
  if (!logo || !m) return null;
  const bytes = new Uint8Array(Buffer.from(m[2]!, 'base64'));
  const size = drawableSize(m[1]!, bytes);
  return size ? { mime: m[1]!, bytes, ...size, name: logo.name } : null;
}

/** The newest date of the book's SOPs (Revisi, else Pembuatan), midnight UTC: the book's date when SOURCE_DATE_EPOCH is unset. */
function newestDate(files: readonly LoadedFile[]): Date | null {
  let best: Date | null = null;
  for (const f of files) {
    const d = f.model.dates.revisi ?? f.model.dates.pembuatan;
    const at = d ? new Date(Date.UTC(d.year, d.month - 1, d.day)) : null;
    if (at && (!best || at > best)) best = at;
  }
  return best;
}

interface NativeBookPlan {
  readonly portrait: PagePaper;
  readonly words: BookWords;
  readonly foreword: string | null;
  readonly rows: ReturnType<typeof registerRows>;
  readonly cover: { instansi: readonly string[]; title: string; subtitle: string; year: string };
  readonly coverLogo: BookLogo | null;
  readonly paper: PaperSize | undefined;
  readonly epoch: Date | undefined;
  readonly outFile: string;
}

/** The book drawn without a browser (src/page/book.ts): each SOP's page model as `sop build` draws its native PDF. */
async function drawBookNatively(files: readonly LoadedFile[], plan: NativeBookPlan, term: Terminal, lang: Lang, t0: number): Promise<number> {
  const en = lang === 'en';
  // Ctrl-C or SIGTERM: no book written (as with Chromium); heard between SOPs and before the file is written.
  let stoppedBy: NodeJS.Signals | null = null;
  const signals = onStopSignal(
    (sig) => (stoppedBy = sig),
    () => {},
  );
  const phase = phaseTimer(t0, term);
  phase('load and check');
  const stopped = (): number => {
    term.err(en ? `sop: stopped (${stoppedBy}); no book was written.` : `sop: dihentikan (${stoppedBy}); buku tidak dibuat.`);
    return signalExitCode(stoppedBy!);
  };
  try {
    const index = new Map(files.map((f, i) => [f.absPath, i]));
    const sops = [];
    for (const f of files) {
      const links = f.links.map((l) => bookHref(f, l.file, index));
      const config = { ...f.config, ...(plan.paper ? { paper: plan.paper } : {}) };
      const doc = await nativeDocument({ model: f.model, config, logo: imageOf(sopLogo(f)), links });
      const title = visibleName(plainText(f.model.name)) || rel(f);
      const nomor = visibleName(f.model.number.trim());
      sops.push({ pages: doc.pages, title, nomor, bookmark: [nomor, title].filter(Boolean).join(' — ') });
      // The event loop's turn between SOPs: a signal is heard here (the drawing itself never waits for anything).
      await new Promise((resolve) => setImmediate(resolve));
      if (stoppedBy) return stopped();
    }
    phase('SOP page models');
    const logo = imageOf(plan.coverLogo);
    const { bytes, pages } = await nativeBook({
      paper: plan.portrait,
      words: plan.words,
      cover: { ...plan.cover, logo: logo ? await drawableImage(logo) : null },
      foreword: plan.foreword,
      // Names are shown with their hidden characters made visible (`\u202e`), as in the contents and the bookmarks.
      rows: plan.rows.map((r) => ({ ...r, nomor: visibleName(r.nomor), nama: visibleName(r.nama) })),
      sops,
      meta: { title: plan.cover.title, author: plan.cover.instansi.join(', '), creationDate: plan.epoch ?? newestDate(files), modDate: plan.epoch ?? newestDate(files) },
    });
    phase('draw (PDFKit)');
    if (stoppedBy) return stopped();
    return writeBook(plan.outFile, bytes, files.length, pages, term, en);
  } catch (e) {
    if (stoppedBy) return stopped();
    // A logo the PDF writer cannot embed (src/page/picture.ts): one line naming it, exit 2 (an input it cannot read).
    if (e instanceof PictureError) {
      term.err(`sop: ${pictureFailure(e, lang)}; ${en ? 'the book was not made' : 'buku tidak dibuat'}`);
      return EXIT_USAGE;
    }
    return bookFailed(e, term, en);
  } finally {
    signals.dispose();
  }
}
