/**
 * `sop build [paths...]`: the official documents. For every SOP without
 * errors: HTML (self-contained) and Mermaid text without a browser; PDF, SVG
 * and PNG through one shared Chromium. A file with errors is reported and
 * skipped; one output that fails does not stop the others; the exit code
 * says what went wrong. Every file is written atomically.
 */
import * as path from 'node:path';
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics } from '../../diagnostics/diagnostic.js';
import { renderHtml, type TemplateSet } from '../../emit/html/render.js';
import { identityBlank, type HtmlOptions } from '../../emit/html/view-model.js';
import { brokenTitles, crampedDecisions, smallSymbols } from '../../layout/layout.js';
import { measuredPdf, type MeasureStage } from '../../render/measure.js';
import { emitMermaid, type MermaidDialect } from '../../emit/mermaid/mermaid.js';
import { DEFAULT_HEADERS, type OutputFormat, type PaperSize } from '../../model/config.js';
import { BROWSER_MISSING_HINT, findBrowser, missingNamedBrowser } from '../../render/browser.js';
import { pdfMetaOf, renderPdf, sourceDateEpoch } from '../../render/pdf.js';
import type { MermaidTheme } from '../../render/mermaid-config.js';
import { DIAGRAM_MAX_STEPS, DiagramError, renderDiagram } from '../../render/mermaid-diagram.js';
import { AbortedError, RenderSession } from '../../render/session.js';
import { countSeverities, describeCounts, makeDiagnostic } from '../../diagnostics/diagnostic.js';
import { relativeHref } from '../../util/href.js';
import { overflowDiagnostic } from '../../page/fit.js';
import { visibleLine } from '../../util/text.js';
import { displayPath, describeFsError, describeWriteError, targetsOrSay } from '../../project/io.js';
import { configFileOf, loadProjects, type LoadedFile } from '../../project/load.js';
import { findCollisions } from '../../project/collisions.js';
import { logoDataUri } from '../../project/logo.js';
import { renderPretty } from '../reporters.js';
import type { Terminal } from '../terminal.js';
import { loadTemplates, templateErrorMessage } from '../../project/templates.js';
import { inGitFolder, outputStaysInside, writeAtomic } from '../../project/write.js';
import { OutputPlaces } from '../../project/out-places.js';
import { CacheFolders, startIncremental } from '../../project/incremental.js';
import { NativeRun, nativeTasksOf, type NativeBuildOptions } from '../../page/build-native.js';
import { DrawPool, WorkerCrash, defaultJobs, workerEntry } from '../../page/native-pool.js';
import { nativeLayout, nativePagination } from '../../page/native.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './check.js';
import { onStopSignal, runTasks, signalExitCode, type Task } from '../../project/run.js';
import { diagramFallbackNotice } from '../diagram-notice.js';
import { FONTS_FOLDER } from '../../emit/html/fonts.js';
import { writeBundledFonts } from '../../page/html-fonts.js';

export interface BuildOptions {
  readonly out?: string;
  readonly formats?: readonly OutputFormat[];
  readonly templates?: string;
  readonly paper?: PaperSize;
  readonly mermaid?: MermaidDialect;
  /** Colours of the SVG/PNG (bawaan: mermaid.theme di sop.config.json, atau mono). */
  readonly mermaidTheme?: MermaidTheme;
  /** SOPs drawn at once on threads (native PDF, SVG, PNG; default defaultJobs()), and browser pages at once (default 1). */
  readonly jobs?: number;
  readonly lang: Lang;
  /** Render only these files (absolute paths); the whole project is still checked. */
  readonly only?: ReadonlySet<string>;
  /** Skip a file whose inputs are unchanged since the last build into the same folder (build-cache.ts). */
  readonly incremental?: boolean;
  /** PDF engine (native: PDFKit, no browser; chromium: the HTML printed), and the PNG's scale (src/page/build-native.ts). */
  readonly pdfEngine?: NativeBuildOptions['pdfEngine'];
  readonly pngScale?: number;
}

export const DEFAULT_FORMATS: readonly OutputFormat[] = ['html', 'pdf', 'mmd', 'svg'];
/** What needs Chromium: Mermaid's own drawings, and the PDF with `--pdf-engine chromium`. */
const browserFormats = (opts: BuildOptions): readonly OutputFormat[] => (opts.pdfEngine === 'chromium' ? ['pdf', 'mermaid-svg', 'mermaid-png'] : ['mermaid-svg', 'mermaid-png']);

export interface BuildReport {
  readonly code: number;
  /** Absolute paths of the .sop files seen (for --watch). */
  readonly files: readonly string[];
  /** Each output written, with the .sop it was made from (absolute paths; for --watch). */
  readonly outputs?: readonly { readonly source: string; readonly file: string }[];
  /** The default output folder (or the config's outDir) was refused: a link out of the project (for --watch: exit 2). */
  readonly outRefused?: boolean;
}

/** Runs one build; `session` may be shared by the caller (watch mode keeps one open). */
export async function runBuild(paths: readonly string[], opts: BuildOptions, term: Terminal, session?: RenderSession | null): Promise<number> {
  return (await buildOnce(paths, opts, term, session)).code;
}

export async function buildOnce(paths: readonly string[], opts: BuildOptions, term: Terminal, sharedSession?: RenderSession | null): Promise<BuildReport> {
  const defaultPaths = targetsOrSay(paths, (l) => term.err(l));
  if (!defaultPaths) return { code: EXIT_USAGE, files: [] };
  // --incremental: the check results of unchanged SOPs come from the cache in their output folder (build-cache.ts).
  const cacheFolders = opts.incremental ? new CacheFolders() : null;
  const places = new OutputPlaces(opts.out);
  const loaded = loadProjects(
    defaultPaths,
    opts.lang,
    cacheFolders ? { memo: cacheFolders.memo((root, config) => (places.refused(root, config) ? null : places.outDir(config)), opts.lang) } : {},
  );
  for (const e of loaded.ioErrors) term.err(`sop: ${visibleLine(e.path)}: ${e.message}`);
  const blocking = [...loaded.projectDiagnostics, ...loaded.files.flatMap((f) => f.diagnostics)]
    .filter((d) => d.severity === 'error')
    .sort(compareDiagnostics);
  if (blocking.length > 0) term.err(renderPretty(blocking, loaded.texts, term.color, opts.lang));
  const failedFiles = new Set(blocking.map((d) => d.file));
  // An invalid sop.config.json stops its project: built with the defaults instead, its SOPs would come out on
  // another paper, into another folder, without the agency's lines, and the build would still say it succeeded.
  for (const f of loaded.files) if (failedFiles.has(configFileOf(f))) failedFiles.add(f.file);
  // A refused logo is never embedded: a file whose logo (its own or sop.config.json's) is refused is not built.
  for (const f of loaded.files) if (f.logo && f.logo.kind !== 'ok') failedFiles.add(f.file);
  const seen = loaded.files.map((f) => f.absPath);

  let templates: TemplateSet;
  try {
    templates = loadTemplates(opts.templates);
  } catch (e) {
    term.err(`sop: ${templateErrorMessage(e)}`);
    return { code: EXIT_USAGE, files: seen };
  }

  // Reproducible PDFs: their dates come from SOURCE_DATE_EPOCH (or the SOP's own dates), never the clock.
  const epoch = sourceDateEpoch();
  if (epoch === null) {
    term.err(opts.lang === 'en' ? 'sop: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970' : 'sop: SOURCE_DATE_EPOCH harus bilangan bulat detik sejak 1970');
    return { code: EXIT_USAGE, files: seen };
  }

  const outDirOf = (f: LoadedFile): string => places.outDir(f.config);
  const outPathOf = (f: LoadedFile, ext: string): string => places.outPath(f, ext);
  const { placeRefused, outRefusedFiles } = refusePlaces(loaded.files, failedFiles, places, opts, term);
  const buildable = loaded.files.filter((f) => !failedFiles.has(f.file) && (!opts.only || opts.only.has(f.absPath)));
  const byAbs = new Map(loaded.files.map((f) => [f.absPath, f]));

  const st: BuildState = { written: [], outputs: [], failures: [], browserTasks: [], native: new NativeRun(nativePool(buildable, opts)), writeFailed: placeRefused };
  const BROWSER_FORMATS = browserFormats(opts);
  const { written, outputs, failures, browserTasks } = st;
  let session = sharedSession ?? null;
  const needBrowser = buildable.some((f) => (opts.formats ?? f.config.formats ?? DEFAULT_FORMATS).some((x) => BROWSER_FORMATS.includes(x)));
  let browserMissing = false;
  if (needBrowser && !session) {
    const exe = findBrowser();
    if (!exe) browserMissing = true;
    else session = new RenderSession(exe, { jobs: opts.jobs ?? 1 });
  }

  // Ctrl-C or SIGTERM while the HTML and the native outputs are made: the threads are ended, nothing more is written
  // (each file is written whole or not at all), and the build says so (exit 130/143). --watch handles signals itself.
  let stoppedBy: NodeJS.Signals | null = null;
  const nativeSignals = sharedSession === undefined ? onStopSignal((sig) => {
    stoppedBy = sig;
    void st.native.pool?.close();
  }, () => void st.native.pool?.close()) : null;
  const incremental = opts.incremental ? startIncremental(opts, templates, outDirOf, byAbs, cacheFolders ?? undefined) : null;
  const builtNow: LoadedFile[] = [];
  try {
    for (const f of buildable) {
      if (incremental?.fresh(f)) {
        // Its HTML is up to date; the font it names is made sure of all the same (a restored cache without out/fonts/).
        if ((opts.formats ?? f.config.formats ?? DEFAULT_FORMATS).includes('html')) {
          try {
            writeFontsOnce(path.join(outDirOf(f), FONTS_FOLDER), outDirOf(f), f.projectRoot, st);
          } catch (e) {
            failures.push(`${f.file}: ${(e as Error).message}`);
          }
        }
        continue;
      }
      builtNow.push(f);
      makeOutputs(f, { opts, term, templates, epoch, outDirOf, outPathOf, byAbs, session, incremental }, st);
    }
    await st.native.run(failures, () => stoppedBy !== null);
  } catch (e) {
    if (!(e instanceof WorkerCrash) || stoppedBy === null) throw e;
  } finally {
    nativeSignals?.dispose();
    await st.native.pool?.close();
  }
  if (stoppedBy) {
    if (session && !sharedSession) await session.close();
    return stopped(term, opts.lang, stoppedBy, st, seen);
  }

  if (browserMissing && needBrowser) sayBrowserMissing(term, buildable.filter((f) => (opts.formats ?? f.config.formats ?? DEFAULT_FORMATS).some((x) => BROWSER_FORMATS.includes(x))).length);

  if (browserTasks.length > 0 && session) {
    const s = session;
    const progress = progressBar(term, browserTasks.length, opts.lang);
    // Ctrl-C or SIGTERM stop the build: no new render, no browser restarted, Chromium closed and its folder removed.
    // A shared session (--watch) belongs to the caller, which handles signals itself.
    const signals = sharedSession ? null : onStopSignal((sig) => {
      stoppedBy = sig;
      void s.abort();
    }, () => s.killNow());
    const onFail = (t: Task, e: unknown): void => {
      if (e instanceof DiagramError && e.code === 'SOP590' && t.file) {
        // Points at the first step over the limit (there is one: the limit was exceeded).
        const step = t.file.model.steps[DIAGRAM_MAX_STEPS]!;
        const d = makeDiagnostic(
          { code: 'SOP590', range: step.range, params: { steps: t.file.model.steps.length, max: DIAGRAM_MAX_STEPS } },
          opts.lang,
          t.file.file,
        );
        term.err(renderPretty([d], loaded.texts, term.color, opts.lang));
        failures.push(`${t.label}: SOP590`);
      } else if (!(e instanceof AbortedError) && !s.isAborted) failures.push(`${t.label}: ${(e as Error).message.split('\n')[0]}`);
    };
    try {
      await runTasks(s, browserTasks, opts.jobs ?? 1, onFail, () => progress.tick());
    } finally {
      progress.done();
      if (!sharedSession) await s.close();
      signals?.dispose();
    }
    if (stoppedBy) return stopped(term, opts.lang, stoppedBy, st, seen);
    if (s.restarts > 0) term.err(`sop: Chromium dimulai ulang ${s.restarts} kali; pembangunan diteruskan.`);
  }

  incremental?.finish(failures);
  for (const f of failures) term.err(`sop: gagal: ${visibleLine(f)}`);
  const skipped = loaded.files.filter((f) => failedFiles.has(f.file) && !outRefusedFiles.has(f.file) && (!opts.only || opts.only.has(f.absPath))).length;
  const outDirs = [...new Set(buildable.map((f) => displayPath(outDirOf(f))))];
  sayBuilt(term, opts.lang, { written: written.length, builtNow, outDirs, skipped, outRefused: outRefusedFiles.size, failures: failures.length, upToDate: incremental?.upToDate ?? 0, drawn: st.drawingWarnings ?? 0 });
  // A logo the PDF writer could not embed (src/page/picture.ts) is an input that cannot be read: exit 2, as for a file.
  if (loaded.ioErrors.length > 0 || st.writeFailed || st.native.logoFailed) return { code: EXIT_USAGE, files: seen, outputs, ...(outRefusedFiles.size > 0 ? { outRefused: true } : {}) };
  const problems = skipped > 0 || failures.length > 0 || (browserMissing && needBrowser);
  return { code: problems ? EXIT_PROBLEMS : EXIT_OK, files: seen, outputs };
}

/** A build stopped by a signal: said, and its exit code (130, 143). */
function stopped(term: Terminal, lang: Lang, sig: NodeJS.Signals, st: BuildState, seen: readonly string[]): BuildReport {
  term.err(lang === 'en' ? `sop: stopped (${sig}); ${st.written.length} file(s) were written.` : `sop: dihentikan (${sig}); ${st.written.length} berkas sudah ditulis.`);
  return { code: signalExitCode(sig), files: seen, outputs: st.outputs };
}

/**
 * The threads that draw the native outputs of different SOPs at once (src/page/native-pool.ts): `--jobs` of them
 * (default: defaultJobs()), no more than the SOPs that have native outputs. None for one SOP (a thread costs
 * more to start than one SOP to draw), for --jobs 1, or where the worker's file is not built (the sources).
 */
function nativePool(buildable: readonly LoadedFile[], opts: BuildOptions): DrawPool | null {
  const jobs = opts.jobs ?? defaultJobs();
  if (jobs < 2) return null;
  const engine = opts.pdfEngine ?? 'native';
  const drawn = buildable.filter((f) => (opts.formats ?? f.config.formats ?? DEFAULT_FORMATS).some((x) => x === 'svg' || x === 'png' || (x === 'pdf' && engine === 'native'))).length;
  const entry = drawn > 1 ? workerEntry() : null;
  if (!entry) return null;
  const en = opts.lang === 'en';
  return new DrawPool(entry, Math.min(jobs, drawn) - 1, (label, why) =>
    en ? `a drawing thread stopped while drawing ${label} (${why}); nothing of it was written` : `utas penggambar berhenti saat menggambar ${label} (${why}); tidak ada yang ditulis darinya`,
  );
}

/**
 * The SOPs not built for where they would write: two of them writing the same outputs, an output folder a
 * symbolic link leads out of the project (nothing is written there), an output path leading out of it.
 * Each is said once and added to `failedFiles`.
 */
function refusePlaces(
  files: readonly LoadedFile[],
  failedFiles: Set<string>,
  places: OutputPlaces,
  opts: BuildOptions,
  term: Terminal,
): { placeRefused: boolean; outRefusedFiles: Set<string> } {
  // Two SOPs writing the same output (a.sop and a.SOP; a.sop of two projects in one --out): neither is built.
  for (const group of findCollisions(files.filter((f) => !failedFiles.has(f.file)), (f) => places.outPath(f, ''), (f) => f.absPath)) {
    const names = group.map((f) => f.file).join(', ');
    const out = displayPath(places.outPath(group[0]!, '*'));
    term.err(
      opts.lang === 'en'
        ? `sop: ${names} would write the same outputs (${out}); none of them is built. Rename one of them.`
        : `sop: ${names} akan menulis keluaran yang sama (${out}); tidak satu pun dibuat. Ganti nama salah satunya.`,
    );
    for (const f of group) failedFiles.add(f.file);
  }
  // An output folder that a symbolic link leads out of the project (or of --out) is not written to at all.
  let placeRefused = false;
  const saidOut = new Set<string>();
  const outRefusedFiles = new Set<string>();
  for (const f of files) {
    if (failedFiles.has(f.file) || (opts.only && !opts.only.has(f.absPath)) || !places.refused(f.projectRoot, f.config)) continue;
    const shown = displayPath(places.outDir(f.config));
    if (!saidOut.has(shown)) {
      saidOut.add(shown);
      // A committed `out` link into .git (SOP503 refuses an outDir there; a link had let the build write into it).
      const git = inGitFolder(places.outDir(f.config));
      term.err(
        opts.lang === 'en'
          ? `sop: ${shown}: ${git ? 'is or leads into the .git folder' : 'is a symbolic link out of the project folder'}; nothing is written there (name another folder with --out)`
          : `sop: ${shown}: ${git ? 'adalah atau menuju folder .git' : 'adalah tautan simbolik ke luar folder proyek'}; tidak ditulis (pilih folder lain dengan --out)`,
      );
    }
    failedFiles.add(f.file);
    outRefusedFiles.add(f.file);
    placeRefused = true;
  }
  for (const f of files) {
    if (failedFiles.has(f.file) || (opts.only && !opts.only.has(f.absPath)) || outputStaysInside(places.outPath(f, 'html'), places.outDir(f.config), f.projectRoot)) continue;
    term.err(`sop: ${displayPath(places.outPath(f, '*'))}: ${describeWriteError({ code: 'ELINKOUT' })}`);
    // Counted as refused, not "skipped for errors": the SOP has none.
    failedFiles.add(f.file);
    outRefusedFiles.add(f.file);
    placeRefused = true;
  }
  return { placeRefused, outRefusedFiles };
}

/** No browser for the PDF/SVG/PNG of `n` SOPs: said once, with where to get one. */
function sayBrowserMissing(term: Terminal, n: number): void {
  const named = missingNamedBrowser();
  if (named) term.err(`sop: ${named} tidak ada atau bukan berkas yang dapat dijalankan. PDF/SVG/PNG tidak dibuat untuk ${n} berkas. ${BROWSER_MISSING_HINT}`);
  else term.err(`sop: PDF/SVG/PNG tidak dibuat untuk ${n} berkas. ${BROWSER_MISSING_HINT}`);
}

/** The summary line of a build: what was written where, and why anything was not. */
function sayBuilt(
  term: Terminal,
  lang: Lang,
  n: { written: number; builtNow: readonly LoadedFile[]; outDirs: readonly string[]; skipped: number; outRefused: number; failures: number; upToDate: number; drawn: number },
): void {
  const en = lang === 'en';
  // Warnings and infos of the SOPs built now do not stop the build, but are counted as `sop check` counts them.
  const found = countSeverities(n.builtNow.flatMap((f) => f.diagnostics));
  const advice = describeCounts({ errors: 0, warnings: found.warnings, infos: found.infos }, lang);
  const why = [
    n.skipped ? (en ? `${n.skipped} SOP(s) skipped for errors` : `${n.skipped} SOP dilewati karena galat`) : '',
    n.outRefused ? (en ? `${n.outRefused} SOP(s) not written: output folder refused` : `${n.outRefused} SOP tidak ditulis: folder keluaran ditolak`) : '',
    n.failures ? (en ? `${n.failures} output(s) failed` : `${n.failures} keluaran gagal`) : '',
    n.upToDate ? (en ? `${n.upToDate} SOP(s) up to date` : `${n.upToDate} SOP sudah mutakhir`) : '',
    advice ? (en ? `${advice} (see sop check)` : `${advice} (lihat sop check)`) : '',
    // The drawing's own warnings, printed above: `sop check` does not lay the SOP out, so it does not say them.
    n.drawn ? (en ? `${n.drawn} drawing warning(s) (above)` : `${n.drawn} peringatan gambar (di atas)`) : '',
  ].filter(Boolean);
  // Nothing written names no folder ("… ke -"): it says so, and why.
  term.out(
    n.written === 0
      ? `${en ? 'No file was built' : 'Tidak ada berkas yang dibuat'}${why.length ? `: ${why.join('; ')}` : ''}.`
      : en
        ? `Built ${n.written} file(s) from ${n.builtNow.length} SOP(s) into ${n.outDirs.join(', ')}${why.map((w) => `; ${w}`).join('')}.`
        : `${n.written} berkas dibuat dari ${n.builtNow.length} SOP ke ${n.outDirs.join(', ')}${why.map((w) => `; ${w}`).join('')}.`,
  );
}

/** What makeOutputs needs of the build it is part of. */
interface BuildContext {
  readonly opts: BuildOptions;
  readonly term: Terminal;
  readonly templates: TemplateSet;
  readonly epoch: Date | undefined;
  readonly outDirOf: (f: LoadedFile) => string;
  readonly outPathOf: (f: LoadedFile, ext: string) => string;
  readonly byAbs: ReadonlyMap<string, LoadedFile>;
  readonly session: RenderSession | null;
  readonly incremental: ReturnType<typeof startIncremental> | null;
}

/** What a build has done so far: files written, failures, and the browser's work still to do. */
interface BuildState {
  readonly written: string[];
  readonly outputs: { source: string; file: string }[];
  readonly failures: string[];
  readonly browserTasks: Task[];
  /** The native outputs (PDF, SVG, PNG), queued SOP by SOP, drawn here or on threads (src/page/build-native.ts). */
  readonly native: NativeRun;
  writeFailed: boolean;
  /** The drawing's warnings said (small symbols, labels not plainly their arrow's, lane titles, a blank identity page): the summary counts them. */
  drawingWarnings?: number;
  /** Output folders whose fonts/ (the HTML's @font-face files) this build has made sure of. */
  fontsIn?: Set<string>;
}

/** Writes the HTML and Mermaid text of one SOP and queues its PDF, SVG and PNG for the browser. */
function makeOutputs(f: LoadedFile, c: BuildContext, st: BuildState): void {
  const { opts, term, templates, epoch, outDirOf, outPathOf, byAbs, session, incremental } = c;
  const formats = opts.formats ?? f.config.formats ?? DEFAULT_FORMATS;
  const config = { ...f.config, ...(opts.paper ? { paper: opts.paper } : {}) };
  // A drawing's warning, said and counted for the summary.
  const warn = (line: string): void => {
    term.err(line);
    st.drawingWarnings = (st.drawingWarnings ?? 0) + 1;
  };
  const over = formats.some((x) => x !== 'mmd') ? overflowDiagnostic(f, config, opts.lang) : null;
  if (over) {
    term.err(renderPretty([over], new Map([[f.file, f.text]]), term.color, opts.lang));
    return void st.failures.push(`${f.file}: SOP596`);
  }
  /** Writes an output; `again`: one written before (the HTML beside a PDF), already counted. */
  const write = (ext: string, data: string | Uint8Array, again = false): string => {
    const file = outPathOf(f, ext);
    try {
      if (!outputStaysInside(file, outDirOf(f), f.projectRoot)) throw Object.assign(new Error('link out'), { code: 'ELINKOUT' });
      writeAtomic(file, data);
    } catch (e) {
      // An output that cannot be written is an I/O problem (exit 2), not a problem of the SOP.
      st.writeFailed = true;
      throw new Error(`${displayPath(file)}: ${describeWriteError(e)}`);
    }
    if (again) return file;
    st.written.push(file);
    st.outputs.push({ source: f.absPath, file });
    incremental?.wrote(f, file);
    return file;
  };
  let html: string | null = null;
  let htmlOptions: HtmlOptions = {};
  let mmd: string | null = null;
  try {
    // The drawing's warnings, once per SOP, for every format that draws the table (svg and png too: the same lanes and labels).
    if (formats.some((x) => x === 'html' || x === 'pdf' || x === 'svg' || x === 'png')) {
      const small = f.model.lanes.length >= 9 ? smallSymbols(f.model, config.paper, { ...DEFAULT_HEADERS, ...(config.headers ?? {}) }) : null;
      if (small) warn(smallSymbolsMessage(f.file, config.paper ?? 'A4', small, opts.lang));
      const cramped = f.model.lanes.length >= 8 ? crampedDecisions(f.model, config.paper, { ...DEFAULT_HEADERS, ...(config.headers ?? {}) }, config.laneWidths) : null;
      if (cramped) warn(crampedDecisionsMessage(f.file, config.paper ?? 'A4', cramped, opts.lang));
      const broken = f.model.lanes.length >= 8 ? brokenTitles(f.model, config.paper, { ...DEFAULT_HEADERS, ...(config.headers ?? {}) }) : null;
      if (broken) warn(brokenTitlesMessage(f.file, config.paper ?? 'A4', broken, opts.lang));
    }
    if (formats.includes('html') || formats.includes('pdf')) {
      const htmlFile = outPathOf(f, 'html');
      const links = f.links.map((l) => {
        const target = l.file ? byAbs.get(path.resolve(f.projectRoot, l.file)) : undefined;
        return { ...l, href: target ? relativeHref(path.relative(path.dirname(htmlFile), outPathOf(target, 'html')).split(path.sep).join('/')) : null };
      });
      // The HTML is paginated on the heights the native PDF draws (src/page/), beside that PDF or alone, so that it has
      // the pages `sop build -f pdf` prints (alone it had the estimate's: a 12-lane SOP on A4 in 7 procedure pages, the
      // PDF in 6). The HTML is drawn from the PDF's layout, not laid out again.
      const nativePages = formats.includes('html') && (opts.pdfEngine ?? 'native') === 'native' ? { measured: nativePagination(f.model, config), layout: nativeLayout(f.model, config) } : {};
      // The bundled font, written once into the output folder's fonts/ (src/emit/html/fonts.ts), named by a relative URL.
      const fontsDir = path.join(outDirOf(f), FONTS_FOLDER);
      const fontBase = relativeHref(path.relative(path.dirname(htmlFile), fontsDir).split(path.sep).join('/')) + '/';
      htmlOptions = { config, logoDataUri: logoDataUri(f.logo), links, fontBase, ...nativePages };
      if (identityBlank(f.model)) warn(blankIdentityMessage(f.file, opts.lang));
      // A native PDF alone needs no HTML (Handlebars compiling the templates cost more than drawing the PDF).
      if (formats.includes('html') || opts.pdfEngine === 'chromium') html = renderHtml(f.model, templates, htmlOptions);
      if (formats.includes('html') && html !== null) {
        write('html', html);
        writeFontsOnce(fontsDir, outDirOf(f), f.projectRoot, st);
      }
    }
    if (formats.some((x) => x === 'mmd' || x === 'mermaid-svg' || x === 'mermaid-png')) {
      mmd = emitMermaid(f.model, { dialect: opts.mermaid ?? config.mermaid?.dialect ?? 'swimlane' });
      if (formats.includes('mmd')) write('mmd', mmd);
    }
  } catch (e) {
    st.failures.push(`${f.file}: ${(e as Error).message}`);
    return;
  }
  // Native outputs (src/page/): the PDF (unless --pdf-engine chromium), the SVG and PNG of the procedure. A SOP past
  // the size limits (src/model/limits.ts) has an error and is not here.
  const logoName = f.logo?.kind === 'ok' ? displayPath(f.logo.file) : null;
  st.native.add(nativeTasksOf({ file: f.file, model: f.model, logoName }, formats, config, { pdfEngine: opts.pdfEngine ?? 'native', pngScale: opts.pngScale ?? 1, lang: opts.lang }, htmlOptions, epoch ?? undefined, write, (m) => term.err(m), st.native.pool));
  if (!session) return;
  const s = session;
  if (formats.includes('pdf') && html !== null && opts.pdfEngine === 'chromium') {
    // The PDF is paginated on row heights measured in the browser (render/measure.ts), not on the estimate the HTML uses,
    // then finished with its metadata and outline (render/pdf.ts).
    const o = htmlOptions;
    const render = (stage: MeasureStage): string => renderHtml(f.model, templates, { ...o, ...stage });
    const meta = pdfMetaOf(f.model, epoch ?? undefined);
    const renderer = { withDocument: s.withDocument.bind(s), withMeasuringPage: s.withMeasuringPage.bind(s), pdf: (h: string) => renderPdf(s, h, meta) };
    // The HTML written beside the PDF is the one printed (measured heights), so that both paginate alike; the
    // estimate written above stays if the PDF fails.
    const estimate = formats.includes('html') ? html : null;
    const printed = (h: string): void => {
      if (estimate !== null && h !== estimate) write('html', h, true);
    };
    st.browserTasks.push({ label: `${f.file} (pdf)`, run: async () => write('pdf', await measuredPdf(renderer, render, config.paper, printed)) });
  }
  if ((formats.includes('mermaid-svg') || formats.includes('mermaid-png')) && mmd !== null) {
    st.browserTasks.push({
      label: `${f.file} (svg)`,
      file: f,
      run: async () => {
        const mm = config.mermaid;
        const diagram = await renderDiagram(s, f.model, { dialect: opts.mermaid ?? mm?.dialect ?? 'swimlane', theme: opts.mermaidTheme ?? mm?.theme ?? 'mono' });
        // The default dialect is the best form that draws right (docs/rendering.md): only a dialect asked for hears it was not used.
        if (diagram.fallback && (opts.mermaid ?? mm?.dialect) !== undefined) term.err(diagramFallbackNotice(f.file, diagram.form, diagram.fallback, opts.lang));
        if (formats.includes('mermaid-svg')) write('mermaid.svg', diagram.svg);
        return formats.includes('mermaid-png') ? write('mermaid.png', await s.png(diagram.svg)) : '';
      },
    });
  }
}

/** The fonts folder of an output folder, once per build (a file that fails to be written fails the build: exit 2). */
function writeFontsOnce(dir: string, outDir: string, root: string, st: BuildState): void {
  st.fontsIn ??= new Set();
  if (st.fontsIn.has(dir)) return;
  st.fontsIn.add(dir);
  writeBundledFonts(dir, (file, bytes) => {
    try {
      if (!outputStaysInside(file, outDir, root)) throw Object.assign(new Error('link out'), { code: 'ELINKOUT' });
      writeAtomic(file, bytes);
    } catch (e) {
      st.writeFailed = true;
      throw new Error(`${displayPath(file)}: ${describeWriteError(e)}`);
    }
  });
}

/** A progress bar on a TTY (stderr); nothing otherwise (the summary line says it all). */
function progressBar(term: Terminal, total: number, lang: Lang): { tick(): void; done(): void } {
  if (!term.isTTY || total < 2) return { tick() {}, done() {} };
  let n = 0;
  const draw = (): void => {
    const width = 30;
    const filled = Math.round((n / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${n}/${total} ${lang === 'en' ? 'renders' : 'render'}`);
  };
  draw();
  return {
    tick() {
      n++;
      draw();
    },
    done() {
      process.stderr.write('\r\u001b[K');
    },
  };
}

/** Said once per SOP whose identity page would print "-" in every field (view-model.ts identityBlank). */
function blankIdentityMessage(file: string, lang: Lang): string {
  return lang === 'en'
    ? `sop: ${file}: warning: the identity page would print "-" in every field; fill in Nomor SOP, Nama SOP, the dates and Disahkan oleh.`
    : `sop: ${file}: peringatan: halaman identitas akan tercetak "-" di setiap isian; isi Nomor SOP, Nama SOP, tanggal dan Disahkan oleh.`;
}

/** Said once per SOP whose Ya/Tidak labels are not plainly their arrow's (issue 20 item 1), with the paper or setting that would draw them so. */
function crampedDecisionsMessage(file: string, paper: string, c: NonNullable<ReturnType<typeof crampedDecisions>>, lang: Lang): string {
  const mm = (x: number): string => (lang === 'en' ? x.toFixed(1) : x.toFixed(1).replace('.', ','));
  if (lang === 'en') {
    const fix = [
      ...(c.better ? [`on ${c.better} they are drawn clear (--paper ${c.better}, or "paper" in sop.config.json)`] : []),
      ...(c.widen ? ['their lanes may widen on this paper ("laneWidths": "decisions" in sop.config.json)'] : []),
    ].join('; or ') || 'no paper size has the room: split the procedure or merge lanes';
    return `sop: ${file}: warning: ${c.labels} Ya/Tidak label(s) may be read as another arrow's, lie within 1 mm of a lane border or more than 3 mm from their decision: ${where(c.at, lang)}; decisions in lanes ${mm(c.mm)} mm wide on ${paper}; ${fix}.`;
  }
  const fix = [
    ...(c.better ? [`pada ${c.better} semuanya tergambar jelas (--paper ${c.better}, atau "paper" di sop.config.json)`] : []),
    ...(c.widen ? ['lajurnya boleh dilebarkan pada kertas ini ("laneWidths": "decisions" di sop.config.json)'] : []),
  ].join('; atau ') || 'tidak ada ukuran kertas yang cukup: pecah prosedurnya atau gabungkan lajur';
  return `sop: ${file}: peringatan: ${c.labels} label Ya/Tidak bisa terbaca milik panah lain, berjarak kurang dari 1 mm dari garis lajur, atau lebih dari 3 mm dari simbol keputusannya: ${where(c.at, lang)}; keputusan di lajur selebar ${mm(c.mm)} mm pada ${paper}; ${fix}.`;
}

/** Where the labels of a warning are: "langkah 4 (halaman 2), langkah 9 dan 16 (halaman 3)", the steps grouped by page. */
function where(at: readonly { step: number; page: number }[], lang: Lang): string {
  const en = lang === 'en';
  const pages = new Map<number, number[]>();
  for (const a of at) pages.set(a.page, [...(pages.get(a.page) ?? []), a.step]);
  const list = (xs: readonly string[]): string => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} ${en ? 'and' : 'dan'} ${xs[xs.length - 1]}`);
  const step = (n: number): string => (en ? (n === 1 ? 'step' : 'steps') : 'langkah');
  return [...pages].map(([page, steps]) => `${step(steps.length)} ${list(steps.map(String))} (${en ? 'page' : 'halaman'} ${page})`).join(', ');
}

/** Said once per SOP whose lane titles print a word in three pieces or more (issue 20 item 5), with the paper that would not. */
function brokenTitlesMessage(file: string, paper: string, b: NonNullable<ReturnType<typeof brokenTitles>>, lang: Lang): string {
  const mm = (x: number): string => (lang === 'en' ? x.toFixed(1) : x.toFixed(1).replace('.', ','));
  const words = b.words.map((w) => `"${w}"`).join(', ');
  if (lang === 'en') {
    const fix = b.better ? `on ${b.better} each breaks once (--paper ${b.better}, or "paper" in sop.config.json)` : 'no paper size has the room: shorten the lane titles';
    return `sop: ${file}: warning: the lane titles print ${words} in three pieces or more (lanes ${mm(b.mm)} mm wide on ${paper}); ${fix}.`;
  }
  const fix = b.better ? `pada ${b.better} cukup dipotong sekali (--paper ${b.better}, atau "paper" di sop.config.json)` : 'tidak ada ukuran kertas yang cukup: perpendek judul lajurnya';
  return `sop: ${file}: peringatan: judul lajur memotong ${words} menjadi tiga bagian atau lebih (lajur selebar ${mm(b.mm)} mm pada ${paper}); ${fix}.`;
}

/** Said once per SOP whose symbols print under 7 mm (too many lanes for the paper), with the paper that would hold them. */
function smallSymbolsMessage(file: string, paper: string, s: NonNullable<ReturnType<typeof smallSymbols>>, lang: Lang): string {
  const mm = (x: number): string => (lang === 'en' ? x.toFixed(1) : x.toFixed(1).replace('.', ','));
  if (lang === 'en') {
    const fix = s.better ? `on ${s.better.paper} they would be ${mm(s.better.mm)} mm (--paper ${s.better.paper}, or "paper" in sop.config.json)` : 'no paper size holds them at 7 mm: split the procedure or merge lanes';
    return `sop: ${file}: warning: ${s.lanes} lanes on ${paper} print symbols ${mm(s.mm)} mm wide (under 7 mm); ${fix}.`;
  }
  const fix = s.better ? `pada ${s.better.paper} menjadi ${mm(s.better.mm)} mm (--paper ${s.better.paper}, atau "paper" di sop.config.json)` : 'tidak ada ukuran kertas yang memuatnya 7 mm: pecah prosedurnya atau gabungkan lajur';
  return `sop: ${file}: peringatan: ${s.lanes} lajur pada ${paper} mencetak simbol selebar ${mm(s.mm)} mm (kurang dari 7 mm); ${fix}.`;
}
