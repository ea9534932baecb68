#!/usr/bin/env node
/**
 * The `sop` command. The only module that calls process.exit.
 * Exit codes: 0 fine, 1 problems in the SOPs (errors, or warnings with
 * --strict; a render that failed), 2 usage or I/O problems, 3 internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import { runCheck, EXIT_USAGE } from './commands/check.js';
import { readFileSync } from 'node:fs';
import { OUTPUT_FORMATS, PAPER_SIZES, type OutputFormat, type PaperSize } from '../model/config.js';
import { REPORT_FORMATS, type ReportFormat } from './reporters.js';
import { processTerminal } from './terminal.js';
import type { Lang } from '../diagnostics/catalog.js';

const EXIT_INTERNAL = 3;

function program(): Command {
  const term = processTerminal();
  const p = new Command('sop')
    .description('Kompiler SOP Administrasi Pemerintahan (.sop): periksa, bangun, format, bandingkan.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  p.command('check')
    .description('memeriksa berkas .sop (atau folder proyek) dan melaporkan kesalahan')
    .argument('[paths...]', 'berkas .sop atau folder proyek', [])
    .addOption(new Option('--format <format>', 'bentuk laporan').choices(REPORT_FORMATS as string[]).default('pretty'))
    .addOption(new Option('--lang <lang>', 'bahasa pesan').choices(['id', 'en']).default('id'))
    .option('--strict', 'peringatan juga membuat perintah gagal', false)
    .option('--ast', 'cetak model SOP sebagai JSON (satu berkas)', false)
    .action((paths: string[], o: { format: ReportFormat; lang: Lang; strict: boolean; ast: boolean }) => {
      process.exitCode = runCheck(paths, o, term);
    });

  p.command('build')
    .description('membangun dokumen resmi (HTML, PDF, Mermaid, SVG, PNG); tanpa argumen: sops/ ke out/')
    .argument('[paths...]', 'berkas .sop atau folder proyek', [])
    .option('-o, --out <dir>', 'folder keluaran (bawaan: outDir di sop.config.json, atau out/)')
    .option('-f, --format <list>', `format, dipisah koma: ${OUTPUT_FORMATS.join(',')}`)
    .option('--templates <dir>', 'folder templat pengganti (berkas yang tidak ada memakai bawaan)')
    .addOption(new Option('--paper <size>', 'ukuran kertas').choices(PAPER_SIZES as string[]))
    .addOption(new Option('--mermaid <dialect>', 'dialek Mermaid (bawaan: mermaid.dialect di sop.config.json, atau swimlane)').choices(['swimlane', 'flowchart']))
    .addOption(new Option('--mermaid-theme <theme>', 'warna SVG/PNG (bawaan: mermaid.theme di sop.config.json, atau mono)').choices(['mono', 'mermaid']))
    .option('-j, --jobs <n>', 'halaman browser yang bekerja bersamaan', '1')
    .option('-w, --watch', 'bangun ulang yang berubah, terus berjalan', false)
    .addOption(new Option('--lang <lang>', 'bahasa pesan').choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { out?: string; format?: string; templates?: string; paper?: PaperSize; mermaid?: 'swimlane' | 'flowchart'; mermaidTheme?: 'mono' | 'mermaid'; jobs: string; watch: boolean; lang: Lang }) => {
      const jobs = Number(o.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) {
        term.err('sop: --jobs memerlukan bilangan bulat 1 sampai 32');
        process.exitCode = EXIT_USAGE;
        return;
      }
      let formats: OutputFormat[] | undefined;
      if (o.format !== undefined) {
        const list = o.format.split(',').map((s) => s.trim()).filter(Boolean);
        const bad = list.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
        if (bad.length > 0 || list.length === 0) {
          term.err(`sop: format tidak dikenal: ${bad.join(', ') || '(kosong)'}; pilih dari ${OUTPUT_FORMATS.join(', ')}`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        formats = list as OutputFormat[];
      }
      const options = { ...o, jobs, ...(formats ? { formats } : {}) };
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
    .description('menulis berkas .sop dalam bentuk kanonik')
    .argument('[paths...]', 'berkas .sop atau folder; `-` untuk masukan standar', [])
    .option('-w, --write', 'tulis ulang berkas di tempatnya', false)
    .option('-c, --check', 'daftar berkas yang belum kanonik (keluar 1)', false)
    .addOption(new Option('--lang <lang>', 'bahasa pesan').choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { write: boolean; check: boolean; lang: Lang }) => {
      const { runFmt } = await import('./commands/fmt.js');
      process.exitCode = runFmt(paths, { ...o, stdin: () => readFileSync(0, 'utf8') }, term);
    });

  p.command('diff')
    .description('perbedaan makna dua revisi SOP: langkah, pelaksana, cabang')
    .argument('[files...]', 'LAMA BARU, atau berkas untuk --git')
    .option('--git <rev>', 'bandingkan berkas kerja dengan revisi git ini')
    .addOption(new Option('--format <format>', 'bentuk keluaran').choices(['text', 'markdown', 'json', 'html']).default('text'))
    .addOption(new Option('--lang <lang>', 'bahasa').choices(['id', 'en']).default('id'))
    .action(async (files: string[], o: { git?: string; format: 'text' | 'markdown' | 'json' | 'html'; lang: Lang }) => {
      // Imported on demand, like build: the diff's HTML redline loads Handlebars.
      const { runDiff } = await import('./commands/diff.js');
      process.exitCode = runDiff(files, o, term);
    });

  p.command('list')
    .description('daftar SOP (nomor, nama, tanggal, berkas, langkah, pelaksana, status); tanpa argumen: sops/')
    .argument('[paths...]', 'berkas .sop atau folder proyek', [])
    .addOption(new Option('--format <format>', 'bentuk keluaran').choices(['table', 'csv', 'json', 'markdown']).default('table'))
    .addOption(new Option('--lang <lang>', 'bahasa').choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { format: 'table' | 'csv' | 'json' | 'markdown'; lang: Lang }) => {
      const { runList } = await import('./commands/list.js');
      process.exitCode = runList(paths, o, term);
    });

  p.command('lsp')
    .description('server Language Server Protocol lewat stdio (untuk editor)')
    .option('--stdio', 'komunikasi lewat stdin/stdout (bawaan)', true)
    .action(async () => {
      const { startServer } = await import('../lsp/server.js');
      startServer();
      // The server runs until the client sends exit (or closes stdin).
      await new Promise<void>(() => undefined);
    });

  return p;
}

async function main(): Promise<void> {
  try {
    await program().parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end "successfully"; everything else is a usage error.
      process.exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
    }
    process.stderr.write(`sop: kesalahan internal: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env['SOP_DEBUG']) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exit(EXIT_INTERNAL);
  }
  process.exit(process.exitCode ?? 0);
}

void main();
