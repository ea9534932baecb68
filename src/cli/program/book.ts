/** `sop book`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import { EXIT_USAGE } from '../commands/check.js';
import { type PaperSize } from '../../model/config.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { paperOption } from './options.js';
import type { ProgramContext } from './options.js';

export function addBook(p: Command, { term, t }: ProgramContext): void {
  p.command('book')
    .description(t('buku SOP dalam satu PDF: sampul, kata pengantar, daftar isi, daftar SOP, semua SOP; tanpa argumen: sops/', 'the SOP book in one PDF: cover, foreword, contents, register, every SOP; no arguments: sops/'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .option('-o, --out <file>', t('berkas PDF keluaran (bawaan: <outDir>/buku-sop.pdf)', 'output PDF file (default: <outDir>/buku-sop.pdf)'))
    .addOption(paperOption(t('ukuran kertas', 'paper size')))
    .option('--templates <dir>', t('folder templat pengganti', 'folder of replacement templates'))
    .addOption(new Option('--pdf-engine <engine>', t('pembuat PDF: native (tanpa browser) atau chromium (HTML dicetak)', 'PDF engine: native (no browser) or chromium (the HTML printed)')).choices(['native', 'chromium']).default('native'))
    .option('-j, --jobs <n>', t('halaman browser yang bekerja bersamaan (--pdf-engine chromium)', 'browser pages working at once (--pdf-engine chromium)'), '1')
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { out?: string; paper?: PaperSize; templates?: string; jobs: string; lang: Lang; pdfEngine: 'native' | 'chromium' }) => {
      const jobs = Number(o.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) {
        term.err('sop: --jobs memerlukan bilangan bulat 1 sampai 32');
        process.exitCode = EXIT_USAGE;
        return;
      }
      const { runBook } = await import('../commands/book.js');
      process.exitCode = await runBook(paths, { ...o, jobs }, term);
    });
}
