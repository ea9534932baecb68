/** `sop lsp`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import type { Command } from 'commander';
import type { ProgramContext } from './options.js';

export function addLsp(p: Command, { term, t }: ProgramContext): void {
  p.command('lsp')
    .description(t('server Language Server Protocol lewat stdio (untuk editor)', 'Language Server Protocol server over stdio (for editors)'))
    .option('--stdio', t('komunikasi lewat stdin/stdout (bawaan; satu-satunya cara)', 'talk over stdin/stdout (the default and only way)'))
    .action(async () => {
      const { startServer } = await import('../../lsp/server.js');
      startServer();
      // The server runs until the client sends exit (or closes stdin).
      await new Promise<void>(() => undefined);
    });
}
