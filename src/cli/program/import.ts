/** `sop import`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addImport(p: Command, { term, t }: ProgramContext): void {
  p.command('import')
    .description(t('mengubah SOP yang sudah ada (teks, PDF, Word, Excel) menjadi draf .sop, satu per SOP; tebakan ditandai komentar # SOP7xx', 'turn existing SOPs (text, PDF, Word, Excel) into .sop drafts, one per SOP; guesses are marked with # SOP7xx comments'))
    .argument('<files...>', t('berkas teks, PDF, .docx, .xlsx, .odt atau .ods', 'text, PDF, .docx, .xlsx, .odt or .ods files'))
    .option('-o, --out <dir>', t('folder tujuan (bawaan: folder kerja)', 'target folder (default: the working folder)'))
    .option('--stdout', t('cetak draf ke keluaran standar, tidak menulis berkas', 'print the drafts to standard output, write no file'), false)
    .option('--force', t('timpa berkas .sop yang sudah ada', 'overwrite existing .sop files'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (files: string[], o: { out?: string; stdout: boolean; force: boolean; lang: Lang }) => {
      const { runImport } = await import('../commands/import.js');
      process.exitCode = await runImport(files, o, term);
    });
}
