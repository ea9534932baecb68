/** `sop list`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addList(p: Command, { term, t }: ProgramContext): void {
  p.command('list')
    .description(t('daftar SOP (nomor, nama, tanggal, berkas, langkah, pelaksana, status); tanpa argumen: sops/', 'the register of SOPs (number, name, dates, file, steps, lanes, status); no arguments: sops/'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .addOption(new Option('--format <format>', t('bentuk keluaran', 'output form')).choices(['table', 'csv', 'json', 'markdown']).default('table'))
    .addOption(new Option('--lang <lang>', t('bahasa', 'language')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { format: 'table' | 'csv' | 'json' | 'markdown'; lang: Lang }) => {
      const { runList } = await import('../commands/list.js');
      process.exitCode = runList(paths, o, term);
    });
}
