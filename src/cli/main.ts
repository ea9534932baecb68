#!/usr/bin/env node
/**
 * The `sop` command. The only module that calls process.exit.
 * Exit codes: 0 fine, 1 problems in the SOPs (errors, or warnings with
 * --strict; a render that failed), 2 usage or I/O problems, 3 internal error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runCheck, EXIT_USAGE } from './commands/check.js';
import { readFileSync } from 'node:fs';
import { OUTPUT_FORMATS, PAPER_SIZES, type OutputFormat, type PaperSize } from '../model/config.js';
import { REPORT_FORMATS, type ReportFormat } from './reporters.js';
import { processTerminal } from './terminal.js';
import { targetsOrSay } from '../project/io.js';
import { argvLang, commanderError, commanderHelpConfig, localTerminal, say } from './messages.js';
import type { Lang } from '../diagnostics/catalog.js';
import { visible } from '../util/text.js';

const EXIT_INTERNAL = 3;

/** `--paper`, in any case (`a4` is `A4`); help lists the sizes as written. */
function paperOption(description: string): Option {
  return new Option('--paper <size>', description).choices(PAPER_SIZES as string[]).argParser((v: string) => {
    const size = PAPER_SIZES.find((p) => p.toLowerCase() === v.trim().toLowerCase());
    if (!size) throw new InvalidArgumentError(`Allowed choices are ${PAPER_SIZES.join(', ')}.`);
    return size;
  });
}

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

  p.command('check')
    .description(t('memeriksa berkas .sop (atau folder proyek) dan melaporkan kesalahan', 'check .sop files (or project folders) and report problems'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .addOption(new Option('--format <format>', t('bentuk laporan', 'report format')).choices(REPORT_FORMATS as string[]).default('pretty'))
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .option('--strict', t('peringatan juga membuat perintah gagal', 'warnings make the command fail too'), false)
    .option('--ast', t('cetak model SOP sebagai JSON (satu berkas)', 'print the SOP model as JSON (one file)'), false)
    .action((paths: string[], o: { format: ReportFormat; lang: Lang; strict: boolean; ast: boolean }) => {
      process.exitCode = runCheck(paths, o, term);
    });

  p.command('build')
    .description(t('membangun dokumen resmi (HTML, PDF, Mermaid, SVG, PNG); tanpa argumen: sops/ ke out/', 'build the official documents (HTML, PDF, Mermaid, SVG, PNG); no arguments: sops/ into out/'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .option('-o, --out <dir>', t('folder keluaran (bawaan: outDir di sop.config.json, atau out/)', 'output folder (default: outDir of sop.config.json, or out/)'))
    .option('-f, --format <list>', `${t('format, dipisah koma', 'formats, comma-separated')}: ${OUTPUT_FORMATS.join(',')} ${t('(bawaan: formats di sop.config.json, atau html,pdf,mmd,svg)', '(default: formats of sop.config.json, or html,pdf,mmd,svg)')}`)
    .option('--templates <dir>', t('folder templat pengganti (berkas yang tidak ada memakai bawaan; lihat docs/templates.md)', 'folder of replacement templates (missing files fall back; see docs/templates.md)'))
    .addOption(paperOption(t('ukuran kertas', 'paper size')))
    .addOption(new Option('--mermaid <dialect>', t('dialek Mermaid (bawaan: mermaid.dialect di sop.config.json, atau swimlane)', 'Mermaid dialect (default: mermaid.dialect of sop.config.json, or swimlane)')).choices(['swimlane', 'flowchart']))
    .addOption(new Option('--mermaid-theme <theme>', t('warna SVG/PNG (bawaan: mermaid.theme di sop.config.json, atau mono)', 'SVG/PNG colours (default: mermaid.theme of sop.config.json, or mono)')).choices(['mono', 'mermaid']))
    .option('-j, --jobs <n>', t('halaman browser yang bekerja bersamaan', 'browser pages working at once'), '1')
    .option('-w, --watch', t('bangun ulang yang berubah, terus berjalan', 'rebuild what changes, keep running'), false)
    .option('--shard <i/n>', t('hanya bagian ke-i dari n (CI), tetap dan tidak bertumpuk', 'only share i of n (CI), deterministic and disjoint'))
    .option('--changed-since <rev>', t('hanya SOP yang berubah sejak revisi git ini', 'only the SOPs changed since this git revision'))
    .option('--incremental', t('lewati SOP yang masukannya tidak berubah sejak pembangunan terakhir (out/.sop-cache.json)', 'skip SOPs whose inputs are unchanged since the last build (out/.sop-cache.json)'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { out?: string; format?: string; templates?: string; paper?: PaperSize; mermaid?: 'swimlane' | 'flowchart'; mermaidTheme?: 'mono' | 'mermaid'; jobs: string; watch: boolean; shard?: string; changedSince?: string; incremental: boolean; lang: Lang }) => {
      const jobs = Number(o.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) {
        term.err('sop: --jobs memerlukan bilangan bulat 1 sampai 32');
        process.exitCode = EXIT_USAGE;
        return;
      }
      let formats: OutputFormat[] | undefined;
      if (o.format !== undefined) {
        const list = o.format.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        const bad = list.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
        if (bad.length > 0 || list.length === 0) {
          term.err(`sop: format tidak dikenal: ${bad.join(', ') || '(kosong)'}; pilih dari ${OUTPUT_FORMATS.join(', ')}`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        formats = list as OutputFormat[];
      }
      let only: Set<string> | undefined;
      if (o.shard !== undefined || o.changedSince !== undefined) {
        const { parseShard, selectForBuild } = await import('../project/select.js');
        const shard = o.shard !== undefined ? parseShard(o.shard) : undefined;
        if (shard === null) {
          term.err(`sop: --shard memerlukan i/n dengan 1 ≤ i ≤ n ≤ 9999, misalnya 2/4 (bukan ${o.shard})`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        const targets = targetsOrSay(paths, (l) => term.err(l));
        if (!targets) {
          process.exitCode = EXIT_USAGE;
          return;
        }
        const sel = selectForBuild(targets, { ...(shard ? { shard } : {}), ...(o.changedSince !== undefined ? { changedSince: o.changedSince } : {}) }, process.cwd());
        if (!sel.ok) {
          term.err(`sop: --changed-since: ${sel.message}`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        only = sel.only;
      }
      const options = { ...o, jobs, ...(formats ? { formats } : {}), ...(only ? { only } : {}) };
      // Imported on demand: `sop check` does not load the renderer.
      if (o.watch) {
        const { watchBuild } = await import('./commands/watch.js');
        process.exitCode = await watchBuild(paths, options, term);
        return;
      }
      const { runBuild } = await import('./commands/build.js');
      process.exitCode = await runBuild(paths, options, term);
    });

  p.command('fmt')
    .description(t('menulis berkas .sop dalam bentuk kanonik', 'print .sop files in their canonical form'))
    .argument('[paths...]', t('berkas .sop atau folder; `-` untuk masukan standar', '.sop files or folders; `-` for standard input'), [])
    .option('-w, --write', t('tulis ulang berkas di tempatnya', 'rewrite the files in place'), false)
    .option('-c, --check', t('daftar berkas yang belum kanonik (keluar 1)', 'list the files that are not canonical (exit 1)'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { write: boolean; check: boolean; lang: Lang }) => {
      const { runFmt } = await import('./commands/fmt.js');
      process.exitCode = runFmt(paths, { ...o, stdin: () => readFileSync(0, 'utf8') }, term);
    });

  p.command('diff')
    .description(t('perbedaan makna dua revisi SOP: langkah, pelaksana, cabang', 'what changed in meaning between two revisions: steps, lanes, branches'))
    .argument('[files...]', t('LAMA BARU, atau berkas untuk --git', 'OLD NEW, or files for --git'))
    .option('--git <rev>', t('bandingkan berkas kerja dengan revisi git ini', 'compare the working files with this git revision'))
    .addOption(new Option('--format <format>', t('bentuk keluaran', 'output format')).choices(['text', 'markdown', 'json', 'html']).default('text'))
    .addOption(new Option('--lang <lang>', t('bahasa', 'language')).choices(['id', 'en']).default('id'))
    .action(async (files: string[], o: { git?: string; format: 'text' | 'markdown' | 'json' | 'html'; lang: Lang }) => {
      // Imported on demand, like build: the diff's HTML redline loads Handlebars.
      const { runDiff } = await import('./commands/diff.js');
      process.exitCode = runDiff(files, o, term);
    });

  p.command('book')
    .description(t('buku SOP dalam satu PDF: sampul, kata pengantar, daftar isi, daftar SOP, semua SOP; tanpa argumen: sops/', 'the SOP book in one PDF: cover, foreword, contents, register, every SOP; no arguments: sops/'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .option('-o, --out <file>', t('berkas PDF keluaran (bawaan: <outDir>/buku-sop.pdf)', 'output PDF file (default: <outDir>/buku-sop.pdf)'))
    .addOption(paperOption(t('ukuran kertas', 'paper size')))
    .option('--templates <dir>', t('folder templat pengganti', 'folder of replacement templates'))
    .option('-j, --jobs <n>', t('halaman browser yang bekerja bersamaan', 'browser pages working at once'), '1')
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { out?: string; paper?: PaperSize; templates?: string; jobs: string; lang: Lang }) => {
      const jobs = Number(o.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) {
        term.err('sop: --jobs memerlukan bilangan bulat 1 sampai 32');
        process.exitCode = EXIT_USAGE;
        return;
      }
      const { runBook } = await import('./commands/book.js');
      process.exitCode = await runBook(paths, { ...o, jobs }, term);
    });

  p.command('list')
    .description(t('daftar SOP (nomor, nama, tanggal, berkas, langkah, pelaksana, status); tanpa argumen: sops/', 'the register of SOPs (number, name, dates, file, steps, lanes, status); no arguments: sops/'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .addOption(new Option('--format <format>', t('bentuk keluaran', 'output form')).choices(['table', 'csv', 'json', 'markdown']).default('table'))
    .addOption(new Option('--lang <lang>', t('bahasa', 'language')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { format: 'table' | 'csv' | 'json' | 'markdown'; lang: Lang }) => {
      const { runList } = await import('./commands/list.js');
      process.exitCode = runList(paths, o, term);
    });

  p.command('preview')
    .description(t('pratinjau langsung di peramban (127.0.0.1), dimuat ulang saat berkas disimpan', 'live preview in the browser (127.0.0.1), reloaded when a file is saved'))
    .argument('[path]', t('berkas .sop atau folder (bawaan: sops/ atau .)', '.sop file or folder (default: sops/ or .)'))
    .option('--port <port>', t('port (bawaan: port bebas)', 'port (default: a free port)'))
    .option('--open', t('buka di peramban sistem', 'open in the system browser'), false)
    .option('--templates <dir>', t('folder templat', 'templates folder'))
    .addOption(new Option('--lang <lang>', t('bahasa', 'language')).choices(['id', 'en']).default('id'))
    .action(async (target: string | undefined, o: { port?: string; open: boolean; templates?: string; lang: Lang }) => {
      const port = o.port === undefined ? 0 : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        term.err(`sop: --port: ${t('bukan nomor port', 'not a port number')}: ${o.port}`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      const { runPreview } = await import('./commands/preview.js');
      process.exitCode = await runPreview(target, { port, open: o.open, lang: o.lang, ...(o.templates ? { templates: o.templates } : {}) }, term);
    });

  p.command('playground')
    .description(t('menulis ruang coba SOP: situs statis (editor, pemeriksaan, dokumen langsung) yang berjalan di peramban tanpa server dan tanpa internet', 'write the SOP playground: a static site (editor, checks, live document) that runs in the browser with no server and no internet'))
    .option('-o, --out <dir>', t('folder tujuan (dibuat bila belum ada); buka <dir>/index.html', 'target folder (created if missing); open <dir>/index.html'), 'ruang-coba')
    .option('--force', t('timpa index.html dan lainnya walau folder itu bukan ruang coba', 'overwrite index.html and the rest even when the folder is not a playground'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (o: { out: string; force: boolean; lang: Lang }, cmd: Command) => {
      const { runPlayground } = await import('./commands/playground.js');
      process.exitCode = runPlayground({ ...o, outIsDefault: cmd.getOptionValueSource('out') === 'default' }, term);
    });

  p.command('lsp')
    .description(t('server Language Server Protocol lewat stdio (untuk editor)', 'Language Server Protocol server over stdio (for editors)'))
    .option('--stdio', t('komunikasi lewat stdin/stdout (bawaan; satu-satunya cara)', 'talk over stdin/stdout (the default and only way)'))
    .action(async () => {
      const { startServer } = await import('../lsp/server.js');
      startServer();
      // The server runs until the client sends exit (or closes stdin).
      await new Promise<void>(() => undefined);
    });

  return p;
}

async function main(): Promise<void> {
  const lang = argvLang(process.argv.slice(2));
  try {
    await program(lang).parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end "successfully"; everything else is a usage error.
      process.exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
    }
    const what = say(lang, 'kesalahan internal', 'internal error');
    process.stderr.write(`sop: ${what}: ${visible(e instanceof Error ? e.message : String(e))}\n`);
    if (process.env['SOP_DEBUG']) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exit(EXIT_INTERNAL);
  }
  process.exit(process.exitCode ?? 0);
}

void main();
