/**
 * `sop fmt [paths...]`: the canonical text. One file (or `-` for standard
 * input): printed to stdout. `--write`: files rewritten in place, atomically
 * (through a symlink to its target, mode kept, synced before the rename),
 * only when they change; a file with syntax errors is reported, never
 * touched. `--check`: lists files that are not canonical, exit 1.
 */
import type { Lang } from '../../diagnostics/catalog.js';
import { compareDiagnostics, makeDiagnostic, type DiagnosticInput } from '../../diagnostics/diagnostic.js';
import { formatSop } from '../../format/format.js';
import { parseSop } from '../../syntax/parse.js';
import { collectProjects, displayPath, readText, describeWriteError } from '../../project/io.js';
import { renderPretty } from '../reporters.js';
import type { Terminal } from '../terminal.js';
import { rewriteInPlace } from '../../project/write.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './check.js';
import { visibleLine } from '../../util/text.js';

export interface FmtOptions {
  readonly write: boolean;
  readonly check: boolean;
  readonly lang: Lang;
  /** Standard input, when the path is `-`. */
  readonly stdin?: () => string;
}

export function runFmt(paths: readonly string[], opts: FmtOptions, term: Terminal): number {
  if (opts.write && opts.check) {
    term.err('sop: pilih salah satu: --write atau --check');
    return EXIT_USAGE;
  }
  if (paths.length === 1 && paths[0] === '-') {
    const text = opts.stdin?.() ?? '';
    return printOne('<stdin>', text, opts, term);
  }
  const { projects, errors } = collectProjects(paths.length > 0 ? paths : ['.']);
  for (const e of errors) term.err(`sop: ${visibleLine(e.path)}: ${e.message}`);
  const files = projects.flatMap((p) => p.files);
  const rootOf = new Map(projects.flatMap((p) => p.files.map((f) => [f, p.root] as const)));
  if (!opts.write && !opts.check) {
    if (files.length !== 1 || errors.length > 0) {
      if (errors.length === 0) term.err('sop: tanpa --write atau --check, fmt mencetak satu berkas saja');
      return EXIT_USAGE;
    }
    const r = readText(files[0]!, rootOf.get(files[0]!));
    if (!r.ok) {
      term.err(`sop: ${visibleLine(displayPath(files[0]!))}: ${r.error.message}`);
      return EXIT_USAGE;
    }
    return printOne(visibleLine(displayPath(files[0]!)), r.text, opts, term);
  }
  let problems = 0;
  let ioProblems = errors.length;
  let changed = 0;
  for (const abs of files) {
    // On one line whatever the name holds: listed on stdout, a name with a line feed had printed a forged `::error` line.
    const shown = visibleLine(displayPath(abs));
    const r = readText(abs, rootOf.get(abs));
    if (!r.ok) {
      term.err(`sop: ${shown}: ${r.error.message}`);
      ioProblems++;
      continue;
    }
    const f = formatSop(r.text);
    if (f.text === null) {
      reportRefusal(shown, r.text, f.errors, opts, term);
      problems++;
      continue;
    }
    // The decoder drops a byte-order mark; the canonical text has none, so a file that had one is not canonical.
    if (f.text === r.text && !r.bom) continue;
    changed++;
    if (opts.check) term.out(shown);
    else {
      try {
        // Not over an edit saved meanwhile: the file must still read as it did (a 10 MB file takes a second to format).
        rewriteInPlace(abs, f.text, () => {
          const again = readText(abs, rootOf.get(abs));
          return again.ok && again.text === r.text && again.bom === r.bom;
        });
        term.out(`${shown}`);
      } catch (e) {
        term.err(`sop: ${shown}: ${describeWriteError(e)}`);
        ioProblems++;
      }
    }
  }
  if (opts.check && changed > 0) term.err(opts.lang === 'en' ? `${changed} file(s) not canonical: run sop fmt --write` : `${changed} berkas belum kanonik: jalankan sop fmt --write`);
  if (ioProblems > 0) return EXIT_USAGE;
  return problems > 0 || (opts.check && changed > 0) ? EXIT_PROBLEMS : EXIT_OK;
}

function printOne(shown: string, text: string, opts: FmtOptions, term: Terminal): number {
  const f = formatSop(text);
  if (f.text === null) {
    reportRefusal(shown, text, f.errors, opts, term);
    return EXIT_PROBLEMS;
  }
  process.stdout.write(f.text);
  return EXIT_OK;
}

/** Reports why a file was not formatted: its syntax errors, or the text the printer would have dropped. */
function reportRefusal(shown: string, text: string, errors: readonly DiagnosticInput[], opts: FmtOptions, term: Terminal): void {
  const parsed = parseSop(text);
  const diags = errors.map((d) => makeDiagnostic(d, opts.lang, shown)).sort(compareDiagnostics);
  term.err(renderPretty(diags, new Map([[shown, parsed.text]]), term.color, opts.lang));
  term.err(opts.lang === 'en' ? `sop: ${shown} has syntax errors and was not formatted` : `sop: ${shown} memiliki galat sintaks dan tidak diformat`);
}
