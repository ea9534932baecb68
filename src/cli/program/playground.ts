/** `sop playground`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addPlayground(p: Command, { term, t }: ProgramContext): void {
  p.command('playground')
    .description(t('menulis ruang coba SOP: situs statis (editor, pemeriksaan, dokumen langsung) yang berjalan di peramban tanpa server dan tanpa internet', 'write the SOP playground: a static site (editor, checks, live document) that runs in the browser with no server and no internet'))
    .option('-o, --out <dir>', t('folder tujuan (dibuat bila belum ada); buka <dir>/index.html', 'target folder (created if missing); open <dir>/index.html'), 'ruang-coba')
    .option('--force', t('timpa index.html dan lainnya walau folder itu bukan ruang coba', 'overwrite index.html and the rest even when the folder is not a playground'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (o: { out: string; force: boolean; lang: Lang }, cmd: Command) => {
      const { runPlayground } = await import('../commands/playground.js');
      process.exitCode = await runPlayground({ ...o, outIsDefault: cmd.getOptionValueSource('out') === 'default' }, term);
    });
}
