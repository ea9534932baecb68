/**
 * `sop build [paths...]`: the official documents. For every SOP without
 * errors: HTML (self-contained), and PDF through one shared Chromium.
 * A file with errors is reported and skipped; the others are still built.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics } from '../../diagnostics/diagnostic.js';
import { renderHtml } from '../../emit/html/render.js';
import type { OutputFormat, PaperSize } from '../../model/config.js';
import { BROWSER_MISSING_HINT, findBrowser, launchBrowser, type SharedBrowser } from '../../render/browser.js';
import { htmlToPdf } from '../../render/pdf.js';
import { displayPath, describeFsError } from '../io.js';
import { loadProjects, type LoadedFile } from '../load.js';
import { renderPretty } from '../reporters.js';
import type { Terminal } from '../terminal.js';
import { loadTemplates } from '../templates.js';
import { writeAtomic } from '../write.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './check.js';

export interface BuildOptions {
  readonly out?: string;
  readonly formats?: readonly OutputFormat[];
  readonly templates?: string;
  readonly paper?: PaperSize;
  readonly lang: Lang;
}

export const DEFAULT_FORMATS: readonly OutputFormat[] = ['html', 'pdf'];

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.webp': 'image/webp' };

function logoUri(file: LoadedFile): string | null {
  if (!file.model.logo) return null;
  const fromFile = file.facts.sections.get('logo')?.value ? path.dirname(file.absPath) : file.projectRoot;
  const abs = path.resolve(fromFile, file.model.logo);
  const mime = MIME[path.extname(abs).toLowerCase()];
  if (!mime || !existsSync(abs)) return null;
  return `data:${mime};base64,${readFileSync(abs).toString('base64')}`;
}

export async function runBuild(paths: readonly string[], opts: BuildOptions, term: Terminal): Promise<number> {
  const defaultPaths = paths.length > 0 ? paths : existsSync('sops') ? ['sops'] : ['.'];
  const loaded = loadProjects(defaultPaths, opts.lang);
  for (const e of loaded.ioErrors) term.err(`sop: ${e.path}: ${e.message}`);
  const blocking = [...loaded.projectDiagnostics, ...loaded.files.flatMap((f) => f.diagnostics)]
    .filter((d) => d.severity === 'error')
    .sort(compareDiagnostics);
  if (blocking.length > 0) term.err(renderPretty(blocking, loaded.texts, term.color, opts.lang));
  const failedFiles = new Set(blocking.map((d) => d.file));

  let templates;
  try {
    templates = loadTemplates(opts.templates);
  } catch (e) {
    term.err(`sop: templat tidak dapat dibaca: ${describeFsError(e)}`);
    return EXIT_USAGE;
  }

  const buildable = loaded.files.filter((f) => !failedFiles.has(f.file));
  const outDirOf = (f: LoadedFile): string => path.resolve(opts.out ?? f.config.outDir ?? 'out');
  const outPathOf = (f: LoadedFile, ext: string): string => {
    const rel = path.relative(f.projectRoot, f.absPath).replace(/\.sop$/i, `.${ext}`);
    return path.join(outDirOf(f), rel);
  };
  const byAbs = new Map(loaded.files.map((f) => [path.resolve(f.projectRoot, path.relative(f.projectRoot, f.absPath)), f]));

  const written: string[] = [];
  const failures: string[] = [];
  const htmlOf = new Map<LoadedFile, string>();
  for (const f of buildable) {
    const formats = opts.formats ?? f.config.formats ?? DEFAULT_FORMATS;
    const config = { ...f.config, ...(opts.paper ? { paper: opts.paper } : {}) };
    const htmlFile = outPathOf(f, 'html');
    const links = f.links.map((l) => {
      const target = l.file ? byAbs.get(path.resolve(f.projectRoot, l.file)) : undefined;
      return { ...l, href: target ? path.relative(path.dirname(htmlFile), outPathOf(target, 'html')).split(path.sep).join('/') : null };
    });
    try {
      const html = renderHtml(f.model, templates, { config, logoDataUri: logoUri(f), links });
      htmlOf.set(f, html);
      if (formats.includes('html')) {
        writeAtomic(htmlFile, html);
        written.push(htmlFile);
      }
    } catch (e) {
      failures.push(`${f.file}: ${(e as Error).message}`);
    }
  }

  // PDF through one browser for the whole build.
  const wantPdf = buildable.filter((f) => (opts.formats ?? f.config.formats ?? DEFAULT_FORMATS).includes('pdf') && htmlOf.has(f));
  let pdfMissing = false;
  if (wantPdf.length > 0) {
    const exe = findBrowser();
    if (!exe) {
      term.err(`sop: PDF tidak dibuat untuk ${wantPdf.length} berkas. ${BROWSER_MISSING_HINT}`);
      pdfMissing = true;
    } else {
      let shared: SharedBrowser | null = null;
      try {
        shared = await launchBrowser(exe);
        for (const f of wantPdf) {
          try {
            const pdf = await htmlToPdf(shared.browser, htmlOf.get(f)!);
            const file = outPathOf(f, 'pdf');
            writeAtomic(file, pdf);
            written.push(file);
          } catch (e) {
            failures.push(`${f.file}: PDF: ${(e as Error).message}`);
          }
        }
      } catch (e) {
        term.err(`sop: Chromium tidak dapat dijalankan (${exe}): ${(e as Error).message}`);
        pdfMissing = true;
      } finally {
        await shared?.close();
      }
    }
  }

  for (const f of failures) term.err(`sop: gagal: ${f}`);
  const skipped = loaded.files.length - buildable.length;
  const outDirs = [...new Set(buildable.map((f) => displayPath(outDirOf(f))))];
  term.out(
    opts.lang === 'en'
      ? `Built ${written.length} file(s) from ${buildable.length} SOP(s) into ${outDirs.join(', ') || '-'}${skipped ? `; ${skipped} SOP(s) skipped for errors` : ''}.`
      : `${written.length} berkas dibuat dari ${buildable.length} SOP ke ${outDirs.join(', ') || '-'}${skipped ? `; ${skipped} SOP dilewati karena galat` : ''}.`,
  );
  if (loaded.ioErrors.length > 0) return EXIT_USAGE;
  return skipped > 0 || failures.length > 0 || pdfMissing ? EXIT_PROBLEMS : EXIT_OK;
}
