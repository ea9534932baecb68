/** `sop preview`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import { EXIT_USAGE } from '../commands/check.js';
import type { Lang } from '../../diagnostics/catalog.js';
import type { ProgramContext } from './options.js';

export function addPreview(p: Command, { term, t }: ProgramContext): void {
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
      const { runPreview } = await import('../commands/preview.js');
      process.exitCode = await runPreview(target, { port, open: o.open, lang: o.lang, ...(o.templates ? { templates: o.templates } : {}) }, term);
    });
}
