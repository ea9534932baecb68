/** `sop check [paths...]`: diagnostics for files and projects. */
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { overflowDiagnostic } from '../../page/fit.js';
import { loadProjects, type LoadedFile } from '../../project/load.js';
import { renderPretty, summary, toGithub, toJson, type ReportFormat } from '../reporters.js';
import type { Terminal } from '../terminal.js';
import { visibleLine } from '../../util/text.js';

export interface CheckCommandOptions {
  readonly format: ReportFormat;
  readonly lang: Lang;
  readonly strict: boolean;
  readonly ast: boolean;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * A file's diagnostics and, when it has no error, the page-fit check `sop build` refuses a SOP with (SOP596): a
 * check that passes is a build that draws. Not for a project that builds only Mermaid text (nothing is paginated).
 */
function withPageFit(f: LoadedFile, lang: Lang): readonly Diagnostic[] {
  if (f.diagnostics.some((d) => d.severity === 'error')) return f.diagnostics;
  if (f.config.formats?.every((x) => x === 'mmd')) return f.diagnostics;
  const over = overflowDiagnostic(f, f.config, lang);
  return over ? [...f.diagnostics, over] : f.diagnostics;
}

export function runCheck(paths: readonly string[], opts: CheckCommandOptions, term: Terminal): number {
  const loaded = loadProjects(paths.length > 0 ? paths : ['.'], opts.lang);
  for (const e of loaded.ioErrors) term.err(`sop: ${visibleLine(e.path)}: ${e.message}`);
  const diags: Diagnostic[] = [...loaded.projectDiagnostics, ...loaded.files.flatMap((f) => withPageFit(f, opts.lang))].sort(compareDiagnostics);

  if (opts.ast) {
    // A file that could not be read was said above; "needs exactly one file" after it would be wrong (one was named).
    if (loaded.ioErrors.length > 0) return EXIT_USAGE;
    if (loaded.files.length !== 1) {
      term.err('sop: --ast memerlukan tepat satu berkas .sop');
      return EXIT_USAGE;
    }
    term.out(JSON.stringify(loaded.files[0]!.model, null, 2));
  } else if (opts.format === 'json') {
    term.out(JSON.stringify(diags.map(toJson), null, 2));
  } else if (opts.format === 'github') {
    for (const d of diags) term.out(toGithub(d));
  } else {
    if (diags.length > 0) term.out(renderPretty(diags, loaded.texts, term.color, opts.lang));
    term.out(summary(diags, loaded.files.length, opts.lang, loaded.ioErrors.length));
  }

  if (loaded.ioErrors.length > 0) return EXIT_USAGE;
  if (loaded.files.length === 0 && !opts.ast) {
    // Said on stderr in every format (stdout stays JSON or annotations); --strict fails on it as on a warning.
    const where = (paths.length > 0 ? paths : ['.']).join(', ');
    term.err(
      opts.lang === 'en'
        ? `sop: warning: no .sop file in ${where}; check the path`
        : `sop: peringatan: tidak ada berkas .sop di ${where}; periksa jalurnya`,
    );
    if (opts.strict) return EXIT_PROBLEMS;
  }
  const failing = diags.some((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
  return failing ? EXIT_PROBLEMS : EXIT_OK;
}
