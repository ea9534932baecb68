/** `sop fmt`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addFmt(p: Command, { term, t }: ProgramContext): void {
  p.command('fmt')
    .description(t('menulis berkas .sop dalam bentuk kanonik', 'print .sop files in their canonical form'))
    .argument('[paths...]', t('berkas .sop atau folder; `-` untuk masukan standar', '.sop files or folders; `-` for standard input'), [])
    .option('-w, --write', t('tulis ulang berkas di tempatnya', 'rewrite the files in place'), false)
    .option('-c, --check', t('daftar berkas yang belum kanonik (keluar 1)', 'list the files that are not canonical (exit 1)'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { write: boolean; check: boolean; lang: Lang }) => {
      const { runFmt } = await import('../commands/fmt.js');
      process.exitCode = runFmt(paths, { ...o, stdin: () => readFileSync(0, 'utf8') }, term);
    });
}
