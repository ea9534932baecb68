/**
 * `sop import <file...> [--out DIR] [--stdout] [--force]`: existing SOPs
 * (text, PDF, Word, Excel) as `.sop` drafts, one per procedure table found, named from
 * their Nama SOP. Every input is read and every draft made before anything
 * is written: an input that cannot be read, or a draft that would overwrite
 * a file without --force, stops the command with nothing written. Each file
 * is written atomically. Prints what it wrote and a summary of the guesses
 * (each one is a `# SOP7xx` comment in the draft).
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync } from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../../diagnostics/catalog.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { ImportError, INPUT_MAX_BYTES, importBytes, kindOf } from '../../import/input.js';
import type { Row } from '../../import/draft.js';
import type { ImportedSop } from '../../import/import.js';
import { visible, visibleLine } from '../../util/text.js';
import { describeFsError, describeWriteError, displayPath, insideReal, readAtMost } from '../../project/io.js';
import { cliMessage } from '../messages.js';
import { renderPretty } from '../reporters.js';
import type { Terminal } from '../terminal.js';
import { makeFolders, writeAllOrNone } from '../../project/write.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './check.js';
import { pushAll } from '../../util/array.js';

export interface ImportOptions {
  readonly out?: string;
  readonly stdout?: boolean;
  readonly force?: boolean;
  readonly lang: Lang;
}

/** At most this many input files in one run, and this many drafts from one file. */
export const IMPORT_MAX_FILES = 500;
export const IMPORT_MAX_DRAFTS_PER_FILE = 200;
/** Wall-clock budget for reading one file. */
const FILE_DEADLINE_MS = 30_000;

/** The file system's words (io.ts) in the language asked for: the CLI's table translates `sop: ` lines. */
const inLang = (words: string, lang: Lang): string => cliMessage(`sop: : ${words}`, lang).slice('sop: : '.length);

/** Reads a regular file or standard input, refusing more than `max` bytes (a file that grows while read is still caught). */
function readCapped(file: string, max: number): Uint8Array {
  // `-`: standard input (`pdftotext lama.pdf - | sop import -`), read up to the same cap (`yes | sop import -` ends).
  const stdin = file === '-';
  const fd = stdin ? 0 : openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (!stdin && !st.isFile()) throw new ImportError('bukan berkas biasa (FIFO, perangkat atau soket); tidak dibaca', 'not a regular file (a FIFO, device or socket); not read');
    const over = (n: number): ImportError =>
      new ImportError(`terlalu besar (${(n / 1048576).toFixed(1)} MB; batasnya ${(max / 1048576).toFixed(0)} MB)`, `too large (${(n / 1048576).toFixed(1)} MB; the limit is ${(max / 1048576).toFixed(0)} MB)`);
    if (st.isFile() && st.size > max) throw over(st.size);
    const read = readAtMost(fd, max, st.isFile() ? st.size : undefined);
    if (typeof read === 'number') throw over(read);
    return read;
  } finally {
    if (!stdin) closeSync(fd);
  }
}

export async function runImport(files: readonly string[], opts: ImportOptions, term: Terminal): Promise<number> {
  const t = (id: string, en: string): string => (opts.lang === 'en' ? en : id);
  const nothingWritten = (): void => term.err(t('sop import: tidak ada yang ditulis', 'sop import: nothing was written'));
  if (files.length === 0) {
    term.err(t('sop import: sebutkan berkas yang diimpor (teks, PDF, .docx, .xlsx, .odt, .ods)', 'sop import: name the files to import (text, PDF, .docx, .xlsx, .odt, .ods)'));
    return EXIT_USAGE;
  }
  if (files.length > IMPORT_MAX_FILES) {
    term.err(t(`sop import: terlalu banyak berkas (${files.length}; batasnya ${IMPORT_MAX_FILES} sekali jalan)`, `sop import: too many files (${files.length}; the limit is ${IMPORT_MAX_FILES} per run)`));
    return EXIT_USAGE;
  }
  if (opts.stdout && opts.out !== undefined) {
    term.err(t('sop import: pilih salah satu: --out atau --stdout', 'sop import: choose one: --out or --stdout'));
    return EXIT_USAGE;
  }
  // A PDF is read in a process of its own, killed at the deadline (src/import/pdf-process.ts).
  const readPdf = (bytes: Uint8Array, o: { readonly deadlineMs: number }): Promise<Row[]> => import('../../import/pdf-process.js').then((m) => m.readPdfRows(bytes, o));
  // An office file too, in a process of its own: a deadline, a memory cap (src/import/pdf-process.ts).
  const readOffice = (bytes: Uint8Array, o: { readonly deadlineMs: number }): Promise<Row[]> => import('../../import/pdf-process.js').then((m) => m.readOfficeRows(bytes, o));
  // Read everything first: one unreadable input and nothing is written.
  const drafts: { from: string; sop: ImportedSop }[] = [];
  let failed = 0;
  for (const f of files) {
    // One line whatever the name holds (a name with a line feed printed a forged diagnostic line).
    const shown = f === '-' ? t('(masukan standar)', '(standard input)') : visibleLine(displayPath(path.resolve(f)));
    let sops: ImportedSop[];
    let pdf = false;
    try {
      if (f !== '-' && linksOut(f)) throw new ImportError('adalah tautan simbolik ke luar folder kerja; tidak dibaca (sebutkan berkas aslinya)', 'is a symbolic link out of the working folder; not read (name the file itself)');
      const bytes = readCapped(f, Math.max(INPUT_MAX_BYTES.text, INPUT_MAX_BYTES.pdf, INPUT_MAX_BYTES.office));
      pdf = kindOf(bytes) === 'pdf';
      sops = await importBytes(bytes, { source: f === '-' ? 'masukan standar' : path.basename(f), lang: opts.lang, deadlineMs: FILE_DEADLINE_MS, readPdf, readOffice });
    } catch (e) {
      failed++;
      const why = e instanceof ImportError ? e.say(opts.lang) : (e as NodeJS.ErrnoException)?.code ? inLang(describeFsError(e), opts.lang) : t('tidak dapat dibaca', 'cannot be read');
      term.err(`sop import: ${shown}: ${visible(why)}`);
      continue;
    }
    if (sops.length === 0) {
      failed++;
      term.err(
        t(
          `sop import: ${shown}: tidak ditemukan tabel prosedur (baris judul dengan "Pelaksana" dan "Kelengkapan"/"Mutu Baku", lalu langkah bernomor)`,
          `sop import: ${shown}: no procedure table found (a header row with "Pelaksana" and "Kelengkapan"/"Mutu Baku", then numbered steps)`,
        ) +
          // A sheet printed wider than its paper is cut into side-by-side pages: the header row is then in no page whole.
          (pdf
            ? t(
                '; jika PDF ini dicetak dari lembar Excel/Calc yang terpotong ke samping, impor berkas .xlsx/.ods-nya, atau cetak ulang dengan "muat selebar satu halaman" (Fit to page width)',
                '; if this PDF was printed from an Excel/Calc sheet cut into pages side by side, import its .xlsx/.ods, or print it again with "fit to one page wide"',
              )
            : ''),
      );
      continue;
    }
    if (sops.length > IMPORT_MAX_DRAFTS_PER_FILE) {
      // Cut silently, tables 201 on were lost with exit 0.
      failed++;
      term.err(
        t(
          `sop import: ${shown}: berisi ${sops.length} tabel prosedur (batasnya ${IMPORT_MAX_DRAFTS_PER_FILE} per berkas); pisahkan berkasnya`,
          `sop import: ${shown}: holds ${sops.length} procedure tables (the limit is ${IMPORT_MAX_DRAFTS_PER_FILE} per file); split the file`,
        ),
      );
      continue;
    }
    for (const sop of sops) drafts.push({ from: shown, sop });
  }
  if (failed > 0) {
    nothingWritten();
    return EXIT_USAGE;
  }
  if (opts.stdout) {
    drafts.forEach((d, i) => process.stdout.write(i > 0 ? `\n${d.sop.text}` : d.sop.text));
    summarise(drafts, term, opts.lang, null);
    return drafts.some((d) => d.sop.check.some((x) => x.severity === 'error')) ? EXIT_PROBLEMS : EXIT_OK;
  }
  const outDir = path.resolve(opts.out ?? '.');
  // Names: unique across every draft of this run.
  const used = new Set<string>();
  const targets = drafts.map((d) => {
    const base = d.sop.fileName.replace(/\.sop$/, '');
    let name = `${base}.sop`;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}.sop`;
    used.add(name);
    return path.join(outDir, name);
  });
  const clash = targets.filter((p) => exists(p));
  // Not even with --force: a folder (or anything but a file or a link) where a draft would go.
  const blocked = clash.filter((p) => !replaceable(p));
  if (blocked.length > 0) {
    for (const p of blocked) term.err(t(`sop import: ${visibleLine(displayPath(p))}: sudah ada dan bukan berkas (folder?); tidak ditimpa, juga dengan --force`, `sop import: ${visibleLine(displayPath(p))}: exists and is not a file (a folder?); not replaced, not even with --force`));
    nothingWritten();
    return EXIT_USAGE;
  }
  if (clash.length > 0 && !opts.force) {
    for (const p of clash) term.err(t(`sop import: ${displayPath(p)} sudah ada; tidak ditimpa (tambahkan --force untuk menimpa)`, `sop import: ${displayPath(p)} already exists; not overwritten (add --force to overwrite)`));
    nothingWritten();
    return EXIT_USAGE;
  }
  try {
    makeFolders(outDir);
  } catch (e) {
    term.err(`sop import: ${displayPath(outDir)}: ${inLang(describeWriteError(e), opts.lang)}`);
    return EXIT_USAGE;
  }
  // Every draft or none (a full disk after two of five drafts had left two written, unsaid).
  try {
    writeAllOrNone(drafts.map((d, i) => ({ file: targets[i]!, data: d.sop.text })));
  } catch (e) {
    const { failedFile, written } = e as { failedFile?: string; written?: string[] };
    term.err(`sop import: ${visibleLine(displayPath(failedFile ?? outDir))}: ${inLang(describeWriteError(e), opts.lang)}`);
    if (written && written.length > 0) for (const w of written) term.err(t(`sop import: sudah ditulis: ${visibleLine(displayPath(w))}`, `sop import: already written: ${visibleLine(displayPath(w))}`));
    else nothingWritten();
    return EXIT_USAGE;
  }
  summarise(drafts, term, opts.lang, targets);
  return drafts.some((d) => d.sop.check.some((x) => x.severity === 'error')) ? EXIT_PROBLEMS : EXIT_OK;
}

/** Whether an existing `p` may be replaced by a draft (with --force): a file, or a link (replaced itself, not followed). */
function replaceable(p: string): boolean {
  try {
    const st = lstatSync(p);
    return st.isFile() || st.isSymbolicLink();
  } catch {
    return true;
  }
}

/**
 * Whether input `f`, named inside the working folder, lies outside it once symbolic links are resolved (itself or a
 * folder on its way): a repository's `old.pdf` linking to a secret would put the secret into a draft. A path named
 * outside the working folder is the user's own choice, read wherever it lies.
 */
function linksOut(f: string): boolean {
  const rel = path.relative(path.resolve('.'), path.resolve(f));
  const namedInside = !rel.startsWith('..') && !path.isAbsolute(rel);
  return namedInside && !insideReal(f, '.');
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return existsSync(p);
  }
}

const KIND: Readonly<Record<string, readonly [string, string]>> = {
  SOP701: ['pelaksana', 'lanes'],
  SOP702: ['keputusan', 'decisions'],
  SOP703: ['tujuan Tidak', 'Tidak targets'],
  SOP704: ['nama', 'names'],
  SOP705: ['label salah eja', 'misspelt labels'],
  SOP706: ['teks diperbaiki', 'mended texts'],
  SOP707: ['penomoran', 'numbering'],
  SOP708: ['tanda Ya/Tidak', 'Ya/Tidak marks'],
  SOP709: ['waktu', 'times'],
  SOP710: ['nilai tak dikenali', 'values not understood'],
};

/** What was written, and the guesses by kind; the check's own errors and warnings in full. */
function summarise(drafts: readonly { from: string; sop: ImportedSop }[], term: Terminal, lang: Lang, targets: readonly string[] | null): void {
  const t = (id: string, en: string): string => (lang === 'en' ? en : id);
  const all: Diagnostic[] = [];
  drafts.forEach((d, i) => {
    const steps = (d.sop.text.match(/^ {2}(@\S+ )?\[/gm) ?? []).length;
    const where = targets ? displayPath(targets[i]!) : d.sop.fileName;
    // --stdout writes no file: the name is the one it would have had (a drafter looked for a "dibuat" file).
    const line = targets
      ? t(`ditulis: ${where} (${steps} langkah, ${d.sop.guesses.length} tebakan) dari ${d.from}`, `wrote: ${where} (${steps} steps, ${d.sop.guesses.length} guesses) from ${d.from}`)
      : t(`ke keluaran standar: ${where} (nama usulan; ${steps} langkah, ${d.sop.guesses.length} tebakan) dari ${d.from}`, `to standard output: ${where} (suggested name; ${steps} steps, ${d.sop.guesses.length} guesses) from ${d.from}`);
    (targets ? term.out : term.err)(visibleLine(line));
    pushAll(all, d.sop.guesses);
    const problems = d.sop.check.filter((x) => x.severity !== 'info' && x.code !== 'SOP401');
    if (problems.length > 0) term.err(renderPretty(problems, new Map([[d.sop.fileName, d.sop.text]]), term.color, lang));
  });
  const counts = new Map<string, number>();
  for (const g of all) counts.set(g.code, (counts.get(g.code) ?? 0) + 1);
  if (counts.size === 0) return;
  const parts = [...counts].sort().map(([code, n]) => `${n} ${KIND[code]?.[lang === 'en' ? 1 : 0] ?? code} (${code})`);
  const line = t(`tebakan: ${parts.join(', ')}; periksa baris di bawah komentar # SOP7xx di tiap berkas`, `guesses: ${parts.join(', ')}; review the lines below the # SOP7xx comments in each file`);
  (targets ? term.out : term.err)(line);
}
