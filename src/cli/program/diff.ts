/** `sop diff`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addDiff(p: Command, { term, t }: ProgramContext): void {
  p.command('diff')
    .description(t('perbedaan makna dua revisi SOP: langkah, pelaksana, cabang', 'what changed in meaning between two revisions: steps, lanes, branches'))
    .argument('[files...]', t('LAMA BARU, atau berkas untuk --git', 'OLD NEW, or files for --git'))
    .option('--git <rev>', t('bandingkan berkas kerja dengan revisi git ini', 'compare the working files with this git revision'))
    .addOption(new Option('--format <format>', t('bentuk keluaran', 'output format')).choices(['text', 'markdown', 'json', 'html']).default('text'))
    .addOption(new Option('--lang <lang>', t('bahasa', 'language')).choices(['id', 'en']).default('id'))
    .action(async (files: string[], o: { git?: string; format: 'text' | 'markdown' | 'json' | 'html'; lang: Lang }) => {
      // Imported on demand, like build: the diff's HTML redline loads Handlebars.
      const { runDiff } = await import('../commands/diff.js');
      process.exitCode = runDiff(files, o, term);
    });
}
