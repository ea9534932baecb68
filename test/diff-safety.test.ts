/**
 * The diff as others read it (issue 12 items 7 and 12, issue 11 item 12):
 * Markdown that copies nothing raw from the SOP, a stable step matching when a
 * label is repeated, and wording that says what happened.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSop } from '../bench/generate.mjs';
import { compile, diff } from '../src/index.js';
import { renderDiffHtml } from '../src/diff/render-html.js';
import { CLI, runCli, runCliAsync } from './helpers/cli.js';
import { codeSpan, escapeMarkdown, renderDiffText } from '../src/diff/render-text.js';
import { tempDir } from './helpers/tmp.js';

const sop = (steps: string): string => `Nama SOP: Uji\nPelaksana:\n  - a: A\n  - b: B\nProsedur:\n${steps}`;

describe('Markdown output escapes what the SOP says', () => {
  const before = sop('  [a] Menerima berkas\n  [b] Memeriksa berkas\n');
  const hostile = '<img src=x onerror=alert(1)> **tebal** [klik](http://evil.example) | kolom | @admin #12 `kode` <!-- x';
  const after = sop(`  [a] Menerima berkas\n  [b] Memeriksa berkas\n  [b] ${hostile}\n`);
  const md = renderDiffText(diff(before, after), 'markdown');

  it('no raw HTML, links, emphasis, table pipes, mentions or issue links', () => {
    expect(md).not.toMatch(/(?<!\\)<(img|!--)/);
    expect(md).not.toMatch(/\]\(http/);
    expect(md).toContain('\\<img src\\=x onerror\\=alert\\(1\\)\\>');
    expect(md).toContain('\\*\\*tebal\\*\\*');
    expect(md).toContain('\\| kolom \\|');
    expect(md).toContain('`@admin` `#12`');
  });

  it('escapeMarkdown and codeSpan', () => {
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
    expect(escapeMarkdown('baris\nbaru')).toBe('baris baru');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`')).toBe('`` ` ``');
  });

  it('an added label says so, not "Label: `` → `setuju`"', () => {
    const a = sop('  [a] Menerima berkas\n  [b] Memeriksa berkas\n');
    const b = sop('  [a] Menerima berkas\n  @setuju [b] Memeriksa berkas\n');
    expect(renderDiffText(diff(a, b), 'markdown')).toBe('### Langkah\n- langkah 2, Label ditambahkan: **`@setuju`**\n');
    expect(renderDiffText(diff(b, a), 'plain', 'en')).toBe('Steps\n  ~ step 2, Label removed: [-"@setuju"-]\n');
  });
});

describe('step matching with a repeated label (SOP205)', () => {
  it('diff(x, x) is empty', () => {
    const x = sop('  @cek [a] Satu\n  @cek [b] Dua\n  [a] Tiga\n    Tidak: @cek\n  @cek [b] Empat\n');
    expect(diff(x, x)).toEqual([]);
  });

  it('property: diff(x, x) is empty for generated SOPs whose labels are repeated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 2, max: 15 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (seed, steps, lanes, picks) => {
        const text: string = generateSop(seed, { steps, lanes });
        // Give some steps a label another step already has.
        const lines = text.split('\n');
        const stepLines = lines.map((l, k) => [l, k] as const).filter(([l]) => /^\s+(@\S+\s+)?\[/.test(l));
        for (const p of picks) {
          const [line, k] = stepLines[p % stepLines.length]!;
          lines[k] = line.replace(/^(\s+)(@\S+\s+)?\[/, '$1@dua [');
        }
        const x = lines.join('\n');
        expect(diff(x, x)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the HTML redline', () => {
  const templates = {
    document: readFileSync(join(import.meta.dirname, '../templates/diff.hbs'), 'utf8'),
    cell: readFileSync(join(import.meta.dirname, '../templates/diff-cell.hbs'), 'utf8'),
  };
  const a = sop('  [a] Menerima berkas\n  [b] Memeriksa <b>berkas</b>\n    Tidak: @awal\n  @awal [a] Mengarsipkan\n');
  const b = sop('  [a] Menerima berkas\n  [b] Memeriksa <b>berkas</b> ulang\n    Tidak: selesai\n  @awal [a] Mengarsipkan\n');
  const html = renderDiffHtml(compile(a), compile(b), templates, 'Perubahan');

  it('shows a branch-target change in the Alur column', () => {
    expect(html).toContain('<th>Alur</th>');
    expect(html).toContain('<td class="changed">Tidak: <del>3</del> <ins>selesai</ins> </td>');
  });

  it('its summary is HTML with <ins>/<del>, no raw {+…+} markers, and escapes the SOP text', () => {
    expect(html).not.toMatch(/\{\+|\+\}|\[-|-\]/);
    expect(html).toContain('<li>langkah 2, Kegiatan: Memeriksa &lt;b&gt;berkas&lt;/b&gt; <ins>ulang</ins></li>');
    expect(html).toContain('<li>langkah 2, cabang Tidak: langkah 3 (@awal) → selesai</li>');
    expect(html).not.toContain('<b>berkas');
  });
});

/** A fresh git repository, and git run in it. */
function gitRepo(prefix: string): { repo: string; g: (...args: string[]) => string } {
  const repo = tempDir(prefix);
  const g = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  g('init', '-q');
  g('config', 'user.email', 't@t');
  g('config', 'user.name', 't');
  return { repo, g };
}

describe('sop diff of whole files and of files with errors', () => {
  const dir = tempDir('sop-diff-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

  it('--git: a new file is "berkas baru", a deleted one "berkas dihapus"; a file with errors is diffed with a warning', () => {
    git('init', '-q');
    git('config', 'user.email', 't@t');
    git('config', 'user.name', 't');
    writeFileSync(join(dir, 'lama.sop'), sop('  [a] Satu\n  [b] Dua\n'));
    writeFileSync(join(dir, 'rusak.sop'), sop('  [a] Satu\n  [b] Dua\n'));
    git('add', '.');
    git('commit', '-qm', 'awal');
    rmSync(join(dir, 'lama.sop'));
    writeFileSync(join(dir, 'baru.sop'), sop('  [a] Satu\n  [b] Dua\n  [a] Tiga\n'));
    writeFileSync(join(dir, 'rusak.sop'), sop('  [a] Satu\n  [b] Dua lagi\n  Ngawur: x\n'));
    git('add', '-N', 'baru.sop');
    const r = runCli(['diff', '--git', 'HEAD'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('== baru.sop\nberkas baru: Uji (3 langkah)\n');
    expect(r.stdout).toContain('== lama.sop\nberkas dihapus: Uji (2 langkah)\n');
    expect(r.stdout).toContain('== rusak.sop\nLangkah\n  ~ langkah 2, Kegiatan: Dua {+lagi+}');
    expect(r.stderr).toBe('sop: versi baru rusak.sop memiliki galat; perbedaan dihitung dari bagian yang dapat dibaca (sop check rusak.sop)\n');
    const md = runCli(['diff', '--git', 'HEAD', '--format', 'markdown', '--lang', 'en'], { cwd: dir });
    expect(md.stdout).toContain('## baru.sop\n\nnew file: Uji \\(3 step\\(s\\)\\)\n');
    expect(md.stdout).toContain('## rusak.sop\n\n> ⚠ the new version of rusak.sop has errors; the diff is computed from what could be read \\(sop check rusak.sop\\)\n');
  });

  it('--git lists every changed SOP, whatever its name: a name with an accent is diffed, one not UTF-8 is named (exit 2)', () => {
    // Without -z git quoted such names ("caf\\303\\251.sop"): they named no file and were left out, exit 0.
    const { repo, g } = gitRepo('sop-diff-names-');
    writeFileSync(join(repo, 'tamu–café.sop'), sop('  [a] Satu\n'));
    writeFileSync(Buffer.from(join(repo, 'bad\xff.sop'), 'latin1'), sop('  [a] Satu\n'));
    g('add', '.');
    g('commit', '-qm', 'awal');
    writeFileSync(join(repo, 'tamu–café.sop'), sop('  [a] Satu\n  [b] Dua\n'));
    writeFileSync(Buffer.from(join(repo, 'bad\xff.sop'), 'latin1'), sop('  [a] Satu\n  [b] Dua\n'));
    const r = runCli(['diff', '--git', 'HEAD'], { cwd: repo });
    // The one pair diffed (the other named on stderr): its changes, not an empty diff.
    expect(r.stdout).toContain('langkah 2 [b] Dua');
    expect(r.stderr).toBe('sop: git: bad\\xff.sop: nama berkas bukan UTF-8; ganti namanya agar dapat dibandingkan\n');
    expect(r.code).toBe(2);
    rmSync(repo, { recursive: true, force: true });
  });

  it('--git reads every old version through two git processes, whatever the number of files: names with a line feed or a space, a file in a folder, new and deleted files', () => {
    // Two processes a file (cat-file -s, then show) had cost some 5 ms a file in CI.
    const { repo, g } = gitRepo('sop-diff-batch-');
    const names = ['a.sop', 'dengan spasi.sop', 'baris\nbaru.sop', 'sub/dalam.sop', 'hapus.sop'];
    mkdirSync(join(repo, 'sub'));
    for (const n of names) writeFileSync(join(repo, n), sop(`  [a] Satu ${n.length}\n`));
    g('add', '.');
    g('commit', '-qm', 'awal');
    for (const n of names.slice(0, 4)) writeFileSync(join(repo, n), sop(`  [a] Satu ${n.length}\n  [b] Dua\n`));
    rmSync(join(repo, 'hapus.sop'));
    writeFileSync(join(repo, 'baru.sop'), sop('  [a] Baru\n'));
    g('add', '-N', 'baru.sop');
    // A new SOP not added yet is a working file too (it had been left out unsaid); one git ignores is not.
    writeFileSync(join(repo, 'belum.sop'), sop('  [a] Belum\n'));
    writeFileSync(join(repo, 'abaikan.sop'), sop('  [a] Abaikan\n'));
    writeFileSync(join(repo, '.git', 'info', 'exclude'), 'abaikan.sop\n');
    // git on the PATH through a script that logs its first argument.
    const bin = tempDir('sop-git-shim-');
    const log = join(bin, 'log');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const r = runCli(['diff', '--git', 'HEAD'], { cwd: repo, env: { PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.match(/\+ \{\+langkah 2 \[b\] Dua\+\} ditambahkan/g)).toHaveLength(4);
    expect(r.stdout).toContain('== baris\u240abaru.sop\n');
    expect(r.stdout).toContain('== sub/dalam.sop\n');
    expect(r.stdout).toContain('== hapus.sop\nberkas dihapus: Uji (1 langkah)\n');
    expect(r.stdout).toContain('== baru.sop\nberkas baru: Uji (1 langkah)\n');
    expect(r.stdout).toContain('== belum.sop\nberkas baru: Uji (1 langkah)\n');
    expect(r.stdout).not.toContain('abaikan');
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['rev-parse', 'diff', 'ls-files', 'cat-file', 'cat-file']);
    // The redlines of the seven files: one HTML document, a section each (they were six documents back to back).
    const html = runCli(['diff', '--git', 'HEAD', '--format', 'html'], { cwd: repo }).stdout;
    expect(html.match(/<!DOCTYPE html>/g)).toHaveLength(1);
    expect(html.match(/<\/html>/g)).toHaveLength(1);
    expect(html.match(/<section>\n?<h1>/g)).toHaveLength(7);
    expect(html).toContain('<title>Perubahan 7 berkas</title>');
    expect(html).toContain('<h1>berkas dihapus: hapus.sop</h1>');
    rmSync(bin, { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  });

  it('--git: an old version over 10 MB and a working file turned into a link to nothing are named (exit 2), never "berkas baru" or "berkas dihapus"', () => {
    // A second probe: an old version over 40 MB (git show's buffer) was called new, one over 10 MB read past the limit,
    // and a dangling link called deleted.
    const { repo, g } = gitRepo('sop-diff-big-');
    writeFileSync(join(repo, 'besar.sop'), sop('  [a] Satu\n') + `# ${'x'.repeat(1000)}\n`.repeat(11_000));
    writeFileSync(join(repo, 'a.sop'), sop('  [a] Satu\n'));
    g('add', '.');
    g('commit', '-qm', 'awal');
    writeFileSync(join(repo, 'besar.sop'), sop('  [a] Satu\n'));
    rmSync(join(repo, 'a.sop'));
    symlinkSync('hilang.sop', join(repo, 'a.sop'));
    const r = runCli(['diff', '--git', 'HEAD'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sop: besar.sop: versi HEAD terlalu besar (10.5 MB; batasnya 10 MB); tidak dibandingkan');
    expect(r.stderr).toContain('sop: a.sop: tautan simbolik yang tidak menunjuk ke berkas mana pun; tidak dibandingkan');
    expect(r.stdout).not.toMatch(/berkas baru|berkas dihapus/);
    // A path above the working folder listed nothing and said "no change" (exit 0): it is named, exit 2.
    mkdirSync(join(repo, 'sub'));
    const above = runCli(['diff', '--git', 'HEAD', '../besar.sop'], { cwd: join(repo, 'sub') });
    expect(above.code).toBe(2);
    expect(above.stderr).toBe('sop: git: ../besar.sop: di luar folder kerja; jalankan sop diff --git dari folder yang memuatnya\n');
    rmSync(repo, { recursive: true, force: true });
  });

  it('as the git diff driver: a name with a line feed prints on one line; a side that cannot be read is said, not taken for new', () => {
    writeFileSync(join(dir, 'x.sop'), sop('  [a] Satu\n'));
    const forged = 'x\nIdentitas\n  ~ Nama SOP: palsu.sop';
    const r = runCli(['diff', forged, 'x.sop', '0', '100644', 'x.sop', 'abc', '100644'], { cwd: dir });
    expect(r.stdout.split('\n')[0]).toBe('sop diff x\u240aIdentitas\u240a  ~ Nama SOP: palsu.sop');
    // A zero-width character is shown, not hidden ("zw\u200bx.sop" had printed as "zwx.sop").
    const zw = runCli(['diff', 'zw\u200bx.sop', 'x.sop', '0', '100644', 'x.sop', 'abc', '100644'], { cwd: dir });
    expect(zw.stdout.split('\n')[0]).toBe('sop diff zw\\u200bx.sop');
    expect(r.stdout).not.toContain('\nIdentitas\n  ~ Nama SOP: palsu');
    // Exit 0 still: git stops the whole diff at a driver that fails (the files after it would go unseen).
    const gone = runCli(['diff', 'y.sop', 'tidak-ada\ufffd.sop', '0', '100644', 'x.sop', 'abc', '100644'], { cwd: dir });
    expect(gone.code).toBe(0);
    expect(gone.stdout).toBe('sop diff y.sop\ntidak dapat dibandingkan: berkasnya tidak dapat dibaca (lihat pesan di atas)\n');
    expect(gone.stdout).not.toContain('berkas baru');
    expect(gone.stderr).toContain('nama berkasnya bukan UTF-8');
  });

  it('as the git diff driver: /dev/null on one side is a new or deleted file', () => {
    writeFileSync(join(dir, 'x.sop'), sop('  [a] Satu\n'));
    const r = runCli(['diff', 'x.sop', '/dev/null', '0', '100644', 'x.sop', 'abc', '100644'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('sop diff x.sop\nberkas baru: Uji (1 langkah)\n');
  });
});

describe('sop diff reads nothing outside the project, and serves git as its driver on every kind of change', () => {
  const dir = tempDir('sop-diff-trust-');
  const secretDir = tempDir('sop-diff-secret-');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(secretDir, { recursive: true, force: true });
  });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  const secret = join(secretDir, 'creds');
  writeFileSync(secret, 'Nama SOP: TOKEN-RAHASIA-123\n');

  it('a .sop linking out of its folder is refused, named or in the working tree of --git (exit 2, nothing of it printed)', () => {
    git('init', '-q');
    git('config', 'user.email', 't@t');
    git('config', 'user.name', 't');
    writeFileSync(join(dir, 'a.sop'), sop('  [a] Satu\n'));
    git('add', '.');
    git('commit', '-qm', 'awal');
    symlinkSync(secret, join(dir, 'b.sop'));
    const named = runCli(['diff', 'a.sop', 'b.sop'], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toBe('sop: b.sop: adalah tautan simbolik ke luar folder proyek; tidak dibaca\n');
    expect(named.stdout).not.toContain('RAHASIA');
    rmSync(join(dir, 'b.sop'));
    rmSync(join(dir, 'a.sop'));
    symlinkSync(secret, join(dir, 'a.sop'));
    const r = runCli(['diff', '--git', 'HEAD'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sop: a.sop: adalah tautan simbolik ke luar folder proyek; tidak dibaca\n');
    expect(r.stdout + r.stderr).not.toContain('RAHASIA');
    rmSync(join(dir, 'a.sop'));
    git('checkout', '-q', '--', 'a.sop');
  });

  it('the OLD file with errors is the one named in the warning', () => {
    writeFileSync(join(dir, 'rusak.sop'), 'Nama SOP: Uji\nNgawur: x\n');
    const r = runCli(['diff', 'rusak.sop', 'a.sop'], { cwd: dir });
    expect(r.stderr).toBe('sop: versi lama rusak.sop memiliki galat; perbedaan dihitung dari bagian yang dapat dibaca (sop check rusak.sop)\n');
    rmSync(join(dir, 'rusak.sop'));
    // The hint is a command to copy: a name with a space or a quote stays one word, one with a dash no option.
    writeFileSync(join(dir, "ru sak'.sop"), 'Nama SOP: Uji\nNgawur: x\n');
    writeFileSync(join(dir, '-r.sop'), 'Nama SOP: Uji\nNgawur: x\n');
    const spaced = runCli(['diff', "ru sak'.sop", '--', '-r.sop'], { cwd: dir });
    expect(spaced.stderr).toBe("sop: kedua versi ru sak'.sop dan -r.sop memiliki galat; perbedaan dihitung dari bagian yang dapat dibaca (sop check 'ru sak'\\''.sop' ./-r.sop)\n");
    rmSync(join(dir, "ru sak'.sop"));
    rmSync(join(dir, '-r.sop'));
  });

  it('through git: a renamed file is diffed against its old name, a root file named "-x.sop" is no option', () => {
    writeFileSync(join(dir, '.gitattributes'), '*.sop diff=sop\n');
    git('config', 'diff.sop.command', `"${process.execPath}" "${CLI}" diff`);
    git('mv', 'a.sop', 'b.sop');
    writeFileSync(join(dir, 'b.sop'), sop('  [a] Satu lagi\n'));
    const renamed = git('-c', 'diff.renames=true', '--no-pager', 'diff', '-M30%', 'HEAD');
    expect(renamed).toBe('sop diff a.sop -> b.sop\nLangkah\n  ~ langkah 1, Kegiatan: Satu {+lagi+}\n');
    git('commit', '-qam', 'ganti nama');
    writeFileSync(join(dir, '-x.sop'), sop('  [a] Satu\n'));
    git('add', '--', '-x.sop');
    git('commit', '-qm', 'x');
    writeFileSync(join(dir, '-x.sop'), sop('  [a] Satu juga\n'));
    expect(git('--no-pager', 'diff')).toBe('sop diff -x.sop\nLangkah\n  ~ langkah 1, Kegiatan: Satu {+juga+}\n');
  });

  it('seven files named by hand are not taken for git\'s arguments', () => {
    const r = runCli(['diff', 'a', 'b', 'c', 'd', 'e', 'f', 'g'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sop: diff memerlukan dua berkas: sop diff LAMA BARU (atau --git REV)\n');
  });
});

describe('the redline in English', () => {
  it('--lang en: the summary in English', () => {
    const templates = {
      document: readFileSync(join(import.meta.dirname, '../templates/diff.hbs'), 'utf8'),
      cell: readFileSync(join(import.meta.dirname, '../templates/diff-cell.hbs'), 'utf8'),
    };
    const html = renderDiffHtml(compile(sop('  [a] Satu\n')), compile(sop('  [a] Satu\n  [b] Dua\n')), templates, 'Changes', 'en');
    expect(html).toContain('<h2>Steps</h2>\n<ul>\n<li><ins>step 2 [b] Dua</ins> added</li>');
  });

  it('--lang en: the column titles, the page language and a removed target in English too', () => {
    const templates = {
      document: readFileSync(join(import.meta.dirname, '../templates/diff.hbs'), 'utf8'),
      cell: readFileSync(join(import.meta.dirname, '../templates/diff-cell.hbs'), 'utf8'),
    };
    const before = compile(sop('  @satu [a] Satu\n  [a] Dua?\n    Tidak: @satu\n  [a] Tiga\n'));
    const after = compile(sop('  [a] Dua?\n    Tidak: selesai\n  [a] Tiga\n'));
    const en = renderDiffHtml(before, after, templates, 'Changes', 'en');
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/<th>No\.<\/th><th>Activity<\/th>.*<th>Requirements<\/th><th>Time<\/th><th>Output<\/th><th>Notes<\/th><th>Flow<\/th>/);
    expect(en).not.toMatch(/Kegiatan|Kelengkapan|Waktu|Keterangan|Alur|dihapus/);
    expect(en).toContain('(removed) 1');
    const id = renderDiffHtml(before, after, templates, 'Perubahan', 'id');
    expect(id).toContain('<html lang="id">');
    expect(id).toMatch(/<th>No\.<\/th><th>Kegiatan<\/th>.*<th>Kelengkapan<\/th><th>Waktu<\/th><th>Output<\/th><th>Keterangan<\/th><th>Alur<\/th>/);
    expect(id).toContain('(dihapus) 1');
  });
});

describe("a diff's work is bounded, whatever the two files hold", () => {
  const dir = tempDir('sop-diff-work-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sop = (steps: readonly string[]): string =>
    ['Nama SOP: Besar', 'Nomor SOP: 1', 'Pelaksana:', '  - a: A', '', 'Prosedur:', ...steps.map((t) => `  [a] ${t}\n`), ''].join('\n');
  const pair = (name: string, before: readonly string[], after: readonly string[]): [string, string] => {
    const a = join(dir, `${name}-lama.sop`);
    const b = join(dir, `${name}-baru.sop`);
    writeFileSync(a, sop(before));
    writeFileSync(b, sop(after));
    return [a, b];
  };

  it('12 000 steps of one text on both sides (a 144 KB file): paired, no crash', async () => {
    // A probe: every pair of the same text was a candidate (144 million); Node ran out of memory after 17 s, V8's
    // crash report on stderr, exit 134, in `sop diff` and the git diff driver alike.
    const same = Array.from({ length: 12_000 }, () => 'sama');
    const [a, b] = pair('sama', same, [...same.slice(1), 'baru']);
    const r = await runCliAsync(['diff', a, b], { cwd: dir, killAfterMs: 90_000 });
    expect(r.stderr).not.toMatch(/heap|FATAL|kesalahan internal/);
    expect(r.code).toBe(1); // past the step limit: both versions have errors, said on stderr
    expect(r.stdout).toContain('langkah 12000 [a] baru');
    // One step of the old text left over, one new: every other step paired, none moved.
    expect(r.stdout.match(/dihapus/g)?.length).toBe(1);
    expect(r.stdout.match(/ditambahkan/g)?.length).toBe(1);
    expect(r.stdout).not.toContain('dipindahkan');
  }, 120_000);

  it('800 steps of 1 900 words, one word changed in each (9 MB): every step paired, in seconds', async () => {
    // A probe: every pair of steps compared word by word (800 x 800 x 1 900) and every changed step's whole LCS
    // table (1.8 billion cells in all) took over two minutes.
    const words = (seed: number, n: number): string[] => Array.from({ length: n }, (_, k) => `w${(seed * 7919 + k * 104_729) % 5000}`);
    const before = Array.from({ length: 800 }, (_, s) => words(s, 1900).join(' '));
    const after = Array.from({ length: 800 }, (_, s) => {
      const w = words(s, 1900);
      w[100 + s] = 'GANTI';
      return w.join(' ');
    });
    const [a, b] = pair('panjang', before, after);
    const started = Date.now();
    const r = await runCliAsync(['diff', a, b], { cwd: dir, killAfterMs: 90_000 });
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(r.stderr).not.toMatch(/heap|FATAL|kesalahan internal/);
    expect(r.stdout).not.toContain('ditambahkan');
    expect(r.stdout.match(/\{\+GANTI\+\}/g)?.length).toBe(800);
  }, 120_000);

  it('the redline of two revisions of 3 000 different steps (47 KB each): every old step once, in seconds', async () => {
    // A probe: each removed step was looked for among all the rows, for every new step: over 2 minutes.
    const [a, b] = pair('merah', Array.from({ length: 3000 }, (_, k) => `satu${k}`), Array.from({ length: 3000 }, (_, k) => `dua${k}`));
    const started = Date.now();
    const r = await runCliAsync(['diff', '--format', 'html', a, b], { cwd: dir, killAfterMs: 90_000 });
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/<tr class="removed">/g)?.length).toBe(3000);
    expect(r.stdout.match(/<tr class="added">/g)?.length).toBe(3000);
  }, 120_000);

  it('60 000 decisions against 60 000 others (3 MB): the branches of every pair compared, in seconds', async () => {
    // A probe: each pair's written targets were searched in the whole list: 20 000 decisions took 22 s, and the
    // time grows with the square of the steps.
    const before = Array.from({ length: 60_000 }, (_, k) => `@l${k} [a] Apakah ok?\n    Ya: @l${(k * 7919) % 60_000}\n    Tidak: @l0`);
    const after = Array.from({ length: 60_000 }, () => '[a] Apakah ok?\n    Ya: 1\n    Tidak: selesai');
    const [a, b] = pair('cabang', before, after);
    const started = Date.now();
    const r = await runCliAsync(['diff', a, b], { cwd: dir, killAfterMs: 90_000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('langkah 60000, cabang Tidak:');
  }, 120_000);

  it('a text of 200 000 changes is printed (a spread into push overflowed the stack: kesalahan internal, exit 3)', () => {
    const changes = Array.from({ length: 200_000 }, (_, k) => ({ kind: 'step-added' as const, path: `Prosedur/langkah ${k + 1}`, before: null, after: { number: k + 1, label: null, lanes: ['a'], text: 'x' }, steps: { before: null, after: k + 1 } }));
    for (const style of ['plain', 'html'] as const) expect(renderDiffText(changes, style).split('\n').length).toBeGreaterThan(200_000);
  });
});
