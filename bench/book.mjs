/**
 * Issue 14 (helper "book"): the SOP book and CI at scale, through the CLI as
 * CI runs it (one process per command, wall-clock time).
 * - A book of N generated SOPs vs building the same N PDFs separately (one `sop build`).
 * - Incremental rebuild after one edit vs building that one SOP alone: with PDFs
 *   over the same N SOPs, and HTML only over 1 000 SOPs.
 * - 4 shards run one after the other vs the whole build; every SOP built once.
 * Counts are reduced from the (100 / 1 000 / 4 x 200) where a full
 * PDF run would take many minutes on this shared 2-core machine:
 * BENCH_BOOK_N (default 40) sets N.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSop } from './generate.mjs';
import { fmt, now } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(root, 'dist/cli/sop.js');

function sop(args, cwd) {
  const t = now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 900_000 });
  const ms = now() - t;
  if (r.status !== 0) throw new Error(`sop ${args.join(' ')}: exit ${r.status}: ${(r.stderr || r.stdout).slice(0, 400)}`);
  return { ms, out: r.stdout };
}

function project(dir, n, seedBase) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `sop-${String(i).padStart(4, '0')}.sop`), generateSop(seedBase + i, { steps: 12, lanes: 6 }));
}

const count = (dir, ext) => (readdirSync(dir, { recursive: true })).filter((f) => String(f).endsWith(ext)).length;

export async function bookBench() {
  const n = Number(process.env.BENCH_BOOK_N ?? 40);
  const tmp = mkdtempSync(join(tmpdir(), 'sop-bench-book-'));
  const rows = [];
  try {
    const src = join(tmp, 'sops');
    project(src, n, 5000);

    // 1. The book against the same PDFs built separately (cache off: a fresh folder; --incremental only records).
    const separate = sop(['build', src, '--format', 'pdf', '--out', join(tmp, 'sep'), '--incremental'], tmp);
    const book = sop(['book', src, '--out', join(tmp, 'book.pdf')], tmp);
    rows.push({
      metric: `book of ${n} generated SOPs (cover, contents, register, footer, outline, links)`,
      value: `${fmt(book.ms / 1000)} s`,
      baseline: `the same ${n} PDFs by one sop build: ${fmt(separate.ms / 1000)} s`,
      ratio: `${fmt(book.ms / separate.ms, 2)}x`,
      target: '<= 1.2x',
      ok: book.ms / separate.ms <= 1.2,
    });

    // 2a. Incremental PDF rebuild after one edit, against that SOP built alone.
    const edited = join(src, 'sop-0007.sop');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('langkah 1', 'langkah satu'));
    const inc = sop(['build', src, '--format', 'pdf', '--out', join(tmp, 'sep'), '--incremental'], tmp);
    if (!/^1 berkas dibuat/.test(inc.out)) throw new Error(`incremental rebuild rendered more than one: ${inc.out}`);
    const alone = sop(['build', edited, '--format', 'pdf', '--out', join(tmp, 'alone')], tmp);
    rows.push({
      metric: `incremental rebuild (pdf) of ${n} SOPs after one edit`,
      value: `${fmt(inc.ms)} ms`,
      baseline: `that SOP alone: ${fmt(alone.ms)} ms`,
      ratio: `${fmt(inc.ms / alone.ms, 2)}x`,
      target: '<= 2x',
      ok: inc.ms / alone.ms <= 2,
    });

    // 2b. 1 000 SOPs, HTML only (a PDF of each would take long here): the cost of checking and hashing them all.
    const big = join(tmp, 'big');
    project(big, 1000, 20000);
    sop(['build', big, '--format', 'html', '--out', join(tmp, 'big-out'), '--incremental'], tmp);
    const one = join(big, 'sop-0500.sop');
    writeFileSync(one, readFileSync(one, 'utf8').replace('langkah 1', 'langkah satu'));
    const incBig = sop(['build', big, '--format', 'html', '--out', join(tmp, 'big-out'), '--incremental'], tmp);
    if (!/^1 berkas dibuat/.test(incBig.out)) throw new Error(`incremental rebuild rendered more than one: ${incBig.out}`);
    const aloneBig = sop(['build', one, '--format', 'html', '--out', join(tmp, 'big-alone')], tmp);
    rows.push({
      metric: 'incremental rebuild (html) of 1 000 SOPs after one edit',
      value: `${fmt(incBig.ms)} ms`,
      baseline: `that SOP alone: ${fmt(aloneBig.ms)} ms`,
      ratio: `${fmt(incBig.ms / aloneBig.ms, 2)}x`,
      target: '<= 2x',
      ok: incBig.ms / aloneBig.ms <= 2,
    });

    // 3. Four shards one after the other, against the whole (PDF) build above.
    const shardMs = [];
    let built = 0;
    for (let i = 1; i <= 4; i++) {
      const out = join(tmp, `shard-${i}`);
      shardMs.push(sop(['build', src, '--format', 'pdf', '--out', out, '--shard', `${i}/4`], tmp).ms);
      built += count(out, '.pdf');
    }
    if (built !== n) throw new Error(`shards built ${built} PDFs, not ${n}`);
    const worst = Math.max(...shardMs);
    rows.push({
      metric: `4 shards of ${n / 4} SOPs (pdf), each; every SOP built once (${built}/${n})`,
      value: shardMs.map((m) => `${fmt(m / 1000)} s`).join(', '),
      baseline: `the whole build: ${fmt(separate.ms / 1000)} s`,
      ratio: `largest ${fmt(worst / separate.ms, 2)}x`,
      target: '~0.25x each',
      ok: worst / separate.ms <= 0.35,
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
