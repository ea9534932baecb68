/** `sop check`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import { runCheck } from '../commands/check.js';
import { REPORT_FORMATS, type ReportFormat } from '../reporters.js';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addCheck(p: Command, { term, t }: ProgramContext): void {
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
}
