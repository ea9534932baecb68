/** `sop build`: its options and help (commander); the work is in src/cli/commands/, imported when it runs. */
import { Option, type Command } from 'commander';
import { EXIT_USAGE } from '../commands/check.js';
import { OUTPUT_FORMATS, type OutputFormat, type PaperSize } from '../../model/config.js';
import { targetsOrSay } from '../../project/io.js';
import type { Lang } from '../../diagnostics/catalog.js';
import { paperOption } from './options.js';
import { tuneTiering } from '../tiering.js';
import type { ProgramContext } from './options.js';

export function addBuild(p: Command, { term, t }: ProgramContext): void {
  p.command('build')
    .description(t('membangun dokumen resmi (HTML, PDF, Mermaid, SVG, PNG); tanpa argumen: sops/ ke out/', 'build the official documents (HTML, PDF, Mermaid, SVG, PNG); no arguments: sops/ into out/'))
    .argument('[paths...]', t('berkas .sop atau folder proyek', '.sop files or project folders'), [])
    .option('-o, --out <dir>', t('folder keluaran (bawaan: outDir di sop.config.json, atau out/)', 'output folder (default: outDir of sop.config.json, or out/)'))
    .option('-f, --format <list>', `${t('format, dipisah koma', 'formats, comma-separated')}: ${OUTPUT_FORMATS.join(',')} ${t('(bawaan: formats di sop.config.json, atau html,pdf,mmd,svg)', '(default: formats of sop.config.json, or html,pdf,mmd,svg)')}`)
    .option('--templates <dir>', t('folder templat pengganti (berkas yang tidak ada memakai bawaan; lihat docs/templates.md)', 'folder of replacement templates (missing files fall back; see docs/templates.md)'))
    .addOption(paperOption(t('ukuran kertas', 'paper size')))
    .addOption(new Option('--mermaid <dialect>', t('dialek Mermaid (bawaan: mermaid.dialect di sop.config.json, atau swimlane)', 'Mermaid dialect (default: mermaid.dialect of sop.config.json, or swimlane)')).choices(['swimlane', 'flowchart']))
    .addOption(new Option('--mermaid-theme <theme>', t('warna SVG/PNG (bawaan: mermaid.theme di sop.config.json, atau mono)', 'SVG/PNG colours (default: mermaid.theme of sop.config.json, or mono)')).choices(['mono', 'mermaid']))
    .addOption(new Option('--pdf-engine <engine>', t('pembuat PDF: native (tanpa browser) atau chromium (HTML dicetak)', 'PDF engine: native (no browser) or chromium (the HTML printed)')).choices(['native', 'chromium']).default('native'))
    .option('--png-scale <n>', t('pengali resolusi PNG (1 = 200 dpi)', 'PNG resolution factor (1 = 200 dpi)'), '1')
    .option('-j, --jobs <n>', t('SOP yang digambar bersamaan (PDF/SVG/PNG native; bawaan: jumlah CPU dikurangi 1, paling banyak 4) dan halaman browser yang bekerja bersamaan (bawaan 1)', 'SOPs drawn at once (native PDF/SVG/PNG; default: the number of CPUs minus 1, at most 4) and browser pages working at once (default 1)'))
    .option('-w, --watch', t('bangun ulang yang berubah, terus berjalan', 'rebuild what changes, keep running'), false)
    .option('--shard <i/n>', t('hanya bagian ke-i dari n (CI), tetap dan tidak bertumpuk', 'only share i of n (CI), deterministic and disjoint'))
    .option('--changed-since <rev>', t('hanya SOP yang berubah sejak revisi git ini', 'only the SOPs changed since this git revision'))
    .option('--incremental', t('lewati SOP yang masukannya tidak berubah sejak pembangunan terakhir (out/.sop-cache.json)', 'skip SOPs whose inputs are unchanged since the last build (out/.sop-cache.json)'), false)
    .addOption(new Option('--lang <lang>', t('bahasa pesan', 'language of the messages')).choices(['id', 'en']).default('id'))
    .action(async (paths: string[], o: { out?: string; format?: string; templates?: string; paper?: PaperSize; mermaid?: 'swimlane' | 'flowchart'; mermaidTheme?: 'mono' | 'mermaid'; jobs?: string; watch: boolean; shard?: string; changedSince?: string; incremental: boolean; lang: Lang; pdfEngine: 'native' | 'chromium'; pngScale: string }) => {
      tuneTiering();
      const pngScale = Number(o.pngScale);
      if (!/^\d+(\.\d+)?$/.test(o.pngScale) || !(pngScale >= 0.05 && pngScale <= 10)) {
        term.err(o.lang === 'en' ? 'sop: --png-scale takes a number from 0.05 to 10' : 'sop: --png-scale memerlukan bilangan 0,05 sampai 10');
        process.exitCode = EXIT_USAGE;
        return;
      }
      const jobs = o.jobs === undefined ? undefined : Number(o.jobs);
      if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 32)) {
        term.err('sop: --jobs memerlukan bilangan bulat 1 sampai 32');
        process.exitCode = EXIT_USAGE;
        return;
      }
      let formats: OutputFormat[] | undefined;
      if (o.format !== undefined) {
        const list = o.format.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        const bad = list.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
        if (bad.length > 0 || list.length === 0) {
          term.err(`sop: format tidak dikenal: ${bad.join(', ') || '(kosong)'}; pilih dari ${OUTPUT_FORMATS.join(', ')}`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        formats = list as OutputFormat[];
      }
      let only: Set<string> | undefined;
      if (o.shard !== undefined || o.changedSince !== undefined) {
        const { parseShard, selectForBuild } = await import('../../project/select.js');
        const shard = o.shard !== undefined ? parseShard(o.shard) : undefined;
        if (shard === null) {
          term.err(`sop: --shard memerlukan i/n dengan 1 ≤ i ≤ n ≤ 9999, misalnya 2/4 (bukan ${o.shard})`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        const targets = targetsOrSay(paths, (l) => term.err(l));
        if (!targets) {
          process.exitCode = EXIT_USAGE;
          return;
        }
        const sel = selectForBuild(targets, { ...(shard ? { shard } : {}), ...(o.changedSince !== undefined ? { changedSince: o.changedSince } : {}) }, process.cwd());
        if (!sel.ok) {
          term.err(`sop: --changed-since: ${sel.message}`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        only = sel.only;
      }
      const options = { ...o, jobs, pngScale, ...(formats ? { formats } : {}), ...(only ? { only } : {}) };
      // Imported on demand: `sop check` does not load the renderer.
      if (o.watch) {
        const { watchBuild } = await import('../commands/watch.js');
        process.exitCode = await watchBuild(paths, options, term);
        return;
      }
      const { runBuild } = await import('../commands/build.js');
      process.exitCode = await runBuild(paths, options, term);
    });
}
