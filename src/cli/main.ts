#!/usr/bin/env node
/**
 * The `sop` command. The only module that calls process.exit.
 * Exit codes: 0 fine, 1 problems in the SOPs (errors, or warnings with
 * --strict; a render that failed), 2 usage or I/O problems, 3 internal error.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE } from './commands/check.js';
import { processTerminal } from './terminal.js';
import { argvLang, commanderError, commanderHelpConfig, localTerminal, say } from './messages.js';
import { addCheck } from './program/check.js';
import { addBuild } from './program/build.js';
import { addFmt } from './program/fmt.js';
import { addDiff } from './program/diff.js';
import { gitDriverArgs } from './git-driver.js';
import { addBook } from './program/book.js';
import { addList } from './program/list.js';
import { addPreview } from './program/preview.js';
import { addPlayground } from './program/playground.js';
import { addImport } from './program/import.js';
import { addLsp } from './program/lsp.js';
import type { ProgramContext } from './program/options.js';
import type { Lang } from '../diagnostics/catalog.js';
import { visibleLine } from '../util/text.js';

const EXIT_INTERNAL = 3;

function program(lang: Lang): Command {
  const term = localTerminal(processTerminal(), lang);
  const t = (id: string, en: string): string => say(lang, id, en);
  // Set on the root before the commands are added: they inherit it.
  const p = new Command('sop')
    .description(t('Kompiler SOP Administrasi Pemerintahan (.sop): periksa, bangun, format, bandingkan.', 'Compiler for government SOPs (.sop): check, build, format, compare.'))
    .version('0.1.0', '-V, --version', t('tampilkan nomor versi', 'output the version number'))
    .helpOption('-h, --help', t('tampilkan bantuan perintah', 'display help for command'))
    .helpCommand('help [command]', t('tampilkan bantuan perintah', 'display help for command'))
    .showHelpAfterError(t('(bantuan: sop help)', '(help: sop help)'))
    .exitOverride()
    .configureHelp(commanderHelpConfig(lang))
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(commanderError(s, lang)),
    });

  // One file per command in src/cli/program/, in the order of `sop help`.
  const ctx: ProgramContext = { term, t };
  addCheck(p, ctx);
  addBuild(p, ctx);
  addFmt(p, ctx);
  addDiff(p, ctx);
  addBook(p, ctx);
  addList(p, ctx);
  addPreview(p, ctx);
  addPlayground(p, ctx);
  addImport(p, ctx);
  addLsp(p, ctx);
  return p;
}

/**
 * A reader that stops reading (`sop check --format github | head -1`) closes the pipe: what is left to say has no
 * one to hear it, and the command ends as it would have, not with Node's stack trace of the unhandled EPIPE.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream, lang: Lang): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return;
    // Any other failure to write (`sop check sops > /dev/full`: ENOSPC) is said in one line, exit 2 (an I/O problem),
    // not Node's stack trace and exit 1. Said on stderr when stdout failed; when stderr itself failed, only the code.
    if (stream === process.stdout) {
      const why = WRITE_FAILURES[e.code ?? ''] ?? [e.code ?? 'galat tulis', e.code ?? 'write error'];
      try {
        process.stderr.write(`sop: ${say(lang, `keluaran standar tidak dapat ditulis: ${why[0]}`, `standard output cannot be written: ${why[1]}`)}\n`);
      } catch {
        // stderr is gone too: the exit code says it.
      }
    }
    process.exit(EXIT_USAGE);
  });
}

/** Why a write failed, in both languages. */
const WRITE_FAILURES: Readonly<Record<string, readonly [string, string]>> = {
  ENOSPC: ['disk penuh', 'no space left on the device'],
  EDQUOT: ['kuota disk habis', 'disk quota exceeded'],
  EFBIG: ['berkas terlalu besar', 'file too large'],
  EIO: ['galat masukan/keluaran perangkat', 'device input/output error'],
};

/**
 * Resolves once what was written to `stream` is handed to the system: to a pipe whose reader is slower than the
 * command (`sop check --format json | jq`), Node queues what the pipe cannot take yet, and process.exit dropped
 * it (128 KiB of a 900 KiB report arrived).
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/** Set once an internal error is said: the exit code then, whatever the command ends with meanwhile. */
let dying = false;

async function exit(code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(dying ? EXIT_INTERNAL : code);
}

/** An internal error said in one line (its stack only with SOP_DEBUG), exit 3; once, however many follow it. */
async function internalError(e: unknown, lang: Lang): Promise<void> {
  if (dying) return;
  dying = true;
  const what = say(lang, 'kesalahan internal', 'internal error');
  process.stderr.write(`sop: ${what}: ${visibleLine(e instanceof Error ? e.message : String(e))}\n`);
  if (process.env['SOP_DEBUG']) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  await exit(EXIT_INTERNAL);
}

async function main(): Promise<void> {
  const lang = argvLang(process.argv.slice(2));
  quietOnClosedPipe(process.stdout, lang);
  quietOnClosedPipe(process.stderr, lang);
  // What is thrown outside any await of a command (a library's callback: png-js threw from zlib's on a hostile logo)
  // is said in one line too, never Node's stack trace (which named the machine the package was built on).
  process.on('uncaughtException', (e) => void internalError(e, lang));
  process.on('unhandledRejection', (e) => void internalError(e, lang));
  // As git's diff driver, a path is passed as it is: a committed `-x.sop` at the repository's root would be taken
  // for an option (and stop every reviewer's `git diff`). git's arguments are operands only.
  if (process.argv[2] === 'diff' && gitDriverArgs(process.argv.slice(3))) process.argv.splice(3, 0, '--');
  try {
    await program(lang).parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end "successfully"; everything else is a usage error.
      await exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
    }
    await internalError(e, lang);
  }
  await exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
}

void main();
