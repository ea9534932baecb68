/**
 * `sop list [paths...]`: the register of SOPs (number, name, dates, unit,
 * size, status) as a table, CSV, JSON or Markdown. SOPs with errors are
 * listed too, with status "bermasalah": the register is for finding them.
 * Exit 0, or 2 when a path cannot be read.
 */
import type { Lang } from '../../diagnostics/catalog.js';
import { formatRegister, type ListFormat } from '../../book/register-format.js';
import { orderForBook, registerRows } from '../../book/register.js';
import { targetsOrSay } from '../../project/io.js';
import { loadProjects } from '../../project/load.js';
import type { Terminal } from '../terminal.js';
import { EXIT_OK, EXIT_USAGE } from './check.js';
import { visibleLine } from '../../util/text.js';

export interface ListOptions {
  readonly format: ListFormat;
  readonly lang: Lang;
}

export function runList(paths: readonly string[], opts: ListOptions, term: Terminal): number {
  const defaultPaths = targetsOrSay(paths, (l) => term.err(l));
  if (!defaultPaths) return EXIT_USAGE;
  const loaded = loadProjects(defaultPaths, opts.lang);
  for (const e of loaded.ioErrors) term.err(`sop: ${visibleLine(e.path)}: ${e.message}`);
  for (const d of loaded.projectDiagnostics) term.err(`sop: ${visibleLine(d.file)}: ${d.message}`);
  const rows = registerRows(orderForBook(loaded.files));
  term.out(formatRegister(rows, opts.format, opts.lang));
  return loaded.ioErrors.length > 0 ? EXIT_USAGE : EXIT_OK;
}
