import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const root = join(import.meta.dirname, '..');

function project(): string {
  const dir = tempDir('sop-build-');
  cpSync(join(root, 'sops'), join(dir, 'sops'), { recursive: true });
  return dir;
}

describe('sop build', () => {
  it('with no arguments renders sops/ into out/ (html + pdf), byte-identical HTML run to run', () => {
    const dir = project();
    const first = runCli(['build'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(8);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(8);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    const html = readFileSync(join(dir, 'out/penanganan-rumah-tangga-kantor.html'), 'utf8');
    runCli(['build', '--format', 'html'], { cwd: dir });
    expect(readFileSync(join(dir, 'out/penanganan-rumah-tangga-kantor.html'), 'utf8')).toBe(html);
    // Self-contained: no external resource of any kind.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<script/);
    // Keterkaitan linked to the project's SOP it names.
    expect(html).toContain('<a href="./pelayanan-tamu.html"><span class="line">SOP Pelayanan Tamu</span></a>');
  });

  it('an invalid sop.config.json stops its project: nothing built with the defaults, exit 1; another project still builds', () => {
    const dir = project();
    mkdirSync(join(dir, 'other'));
    cpSync(join(root, 'sops/pelayanan-tamu.sop'), join(dir, 'other/tamu.sop'));
    for (const bad of ['{ "paper": "A3" }', '{ "paper": "A4", bogus']) {
      writeFileSync(join(dir, 'sops/sop.config.json'), bad);
      const r = runCli(['build', 'sops', 'other', '--format', 'html', '--out', 'out'], { cwd: dir });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain('SOP503');
      expect(r.stdout).toContain('8 SOP dilewati karena galat');
      expect(readdirSync(join(dir, 'out')).sort()).toEqual(['fonts', 'tamu.html']);
    }
  });

  it('warns once, in the user\'s language, when the identity page would print "-" in every field (issue 20 item 9)', () => {
    const dir = tempDir('sop-build-');
    writeFileSync(join(dir, 'kosong.sop'), 'Pelaksana:\n  - a: A\nProsedur:\n  [a] Mulai\n  [a] Selesai\n');
    writeFileSync(join(dir, 'isi.sop'), 'Nama SOP: Isi\nPelaksana:\n  - a: A\nProsedur:\n  [a] Mulai\n  [a] Selesai\n');
    const id = runCli(['build', 'kosong.sop', 'isi.sop', '--format', 'html', '--out', 'out'], { cwd: dir });
    expect(id.code, id.stderr).toBe(0);
    expect(id.stderr.match(/halaman identitas/g)).toHaveLength(1);
    expect(id.stderr).toContain('kosong.sop: peringatan: halaman identitas akan tercetak "-" di setiap isian');
    const en = runCli(['build', 'kosong.sop', '--format', 'html', '--out', 'out', '--lang', 'en'], { cwd: dir });
    expect(en.stderr.match(/identity page/g)).toHaveLength(1);
    expect(en.stderr).not.toContain('halaman identitas');
  });

  it('a file with errors is reported and skipped; the others are built; exit 1', () => {
    const dir = project();
    writeFileSync(join(dir, 'sops/rusak.sop'), 'Nama SOP: Rusak\nPelaksana:\n  - a: A\nProsedur:\n  [b] Langkah\n');
    const r = runCli(['build', '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SOP201');
    expect(existsSync(join(dir, 'out/rusak.html'))).toBe(false);
    expect(existsSync(join(dir, 'out/pelayanan-tamu.html'))).toBe(true);
  });

  it('without a browser: the default build needs none (native PDF); --pdf-engine chromium says how to install one, exit 1, HTML still built', () => {
    const dir = project();
    const ok = runCli(['build', '--out', 'asli'], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada/chromium' } });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(join(dir, 'asli')).filter((f) => f.endsWith('.pdf'))).toHaveLength(8);
    const r = runCli(['build', '--pdf-engine', 'chromium', '--out', 'hasil'], { cwd: dir, env: { SOP_CHROMIUM: '/tidak/ada/chromium' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(readdirSync(join(dir, 'hasil')).filter((f) => f.endsWith('.html'))).toHaveLength(8);
    expect(readdirSync(join(dir, 'hasil')).filter((f) => f.endsWith('.pdf'))).toHaveLength(0);
  });

  it('escapes every user string: hostile text cannot become markup', () => {
    const dir = tempDir('sop-build-');
    writeFileSync(
      join(dir, 'x.sop'),
      'Nama SOP: <script>alert(1)</script> & "kutip"\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: <b>Kepala</b>\nProsedur:\n  [a] Tulis {{nama}} dan *miring* \\* <img src=x onerror=alert(1)>\n',
    );
    const r = runCli(['build', 'x.sop', '--format', 'html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out/x.html'), 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot;');
    // The page model's line: the space before an italic word is the italic run's.
    expect(html).toContain('<span class="line">Tulis {{nama}} dan<i> miring</i> * &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</span>');
  });

  it('--templates overrides a template; files it lacks fall back to the built-in ones', () => {
    const dir = project();
    const t = join(dir, 'tpl');
    cpSync(join(root, 'templates/sop.css'), join(t, 'sop.css'));
    writeFileSync(join(t, 'sop.css'), readFileSync(join(t, 'sop.css'), 'utf8') + '\n.caption { color: #123456; }\n');
    const r = runCli(['build', 'sops/pelayanan-tamu.sop', '--format', 'html', '--templates', 'tpl'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/pelayanan-tamu.html'), 'utf8')).toContain('#123456');
  });

  it('a template of --templates that does not compile is one message naming it, before anything is built (exit 2)', () => {
    const dir = project();
    mkdirSync(join(dir, 'tpl', 'partials'), { recursive: true });
    for (const [src, why] of [
      ['{{#each steps}}<p>{{number}</p>', 'Parse error on line 1'],
      ['{{bantuan x}}', 'unknown helper bantuan'],
    ]) {
      writeFileSync(join(dir, 'tpl', 'partials', 'row.hbs'), src!);
      const r = runCli(['build', 'sops', '--format', 'html', '--templates', 'tpl'], { cwd: dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`sop: templat tidak sah: ${join('tpl', 'partials', 'row.hbs')}: `);
      expect(r.stderr).toContain(why);
      // Once, not once per SOP.
      expect(r.stderr.split('templat tidak sah').length - 1).toBe(1);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  });

  it('--paper F4 sets the page size', () => {
    const dir = project();
    runCli(['build', 'sops/pelayanan-tamu.sop', '--format', 'html', '--paper', 'F4'], { cwd: dir });
    expect(readFileSync(join(dir, 'out/pelayanan-tamu.html'), 'utf8')).toContain('@page { size: 330mm 215mm;');
  });

  it('embeds the logo as a data URI and uses the header words of sop.config.json', () => {
    const dir = tempDir('sop-build-');
    mkdirSync(join(dir, 'img'));
    // A 1x1 PNG.
    writeFileSync(join(dir, 'img/logo.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    writeFileSync(join(dir, 'sop.config.json'), JSON.stringify({ logo: 'img/logo.png', headers: { kegiatan: 'Aktivitas', keterangan: 'Ket' }, instansi: ['Pemerintah Provinsi Kalimantan Barat'] }));
    writeFileSync(join(dir, 'a.sop'), 'Nama SOP: A\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: A\nProsedur:\n  [a] Satu\n');
    const r = runCli(['build', '.', '--format', 'html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out/a.html'), 'utf8');
    expect(html).toContain('<img class="logo" src="data:image/png;base64,iVBORw0KGgo');
    expect(html).toContain('<div class="agency-line"><span class="line">PEMERINTAH PROVINSI KALIMANTAN BARAT</span></div>');
    expect(html).toContain('<th rowspan="2"><span class="line">Aktivitas</span></th>');
    expect(html).toMatch(/<th rowspan="2" class="col-title" style="font-size: [\d.]+px"><span class="line">Ket<\/span><\/th>/);
  });

  it('--watch rebuilds a file when it changes, and keeps running through an error', async () => {
    const dir = tempDir('sop-watch-');
    mkdirSync(join(dir, 'sops'));
    const file = join(dir, 'sops/a.sop');
    const sop = (text: string): string => `Nama SOP: A\nNomor SOP: 1\nTanggal Pembuatan: 2023-08-31\nPelaksana:\n  - a: A\nProsedur:\n  [a] ${text}\n`;
    writeFileSync(file, sop('Pertama'));
    const proc = spawn(process.execPath, [CLI, 'build', '--watch', '--format', 'html,mmd'], { cwd: dir, stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const waitFor = async (pred: () => boolean): Promise<void> => {
      for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(pred()).toBe(true);
    };
    const html = (): string => (existsSync(join(dir, 'out/a.html')) ? readFileSync(join(dir, 'out/a.html'), 'utf8') : '');
    try {
      await waitFor(() => html().includes('Pertama') && err.includes('Menunggu perubahan'));
      writeFileSync(file, sop('Rusak').replace('[a] Rusak', '[a Rusak'));
      await waitFor(() => err.includes('SOP109'));
      writeFileSync(file, sop('Kedua'));
      await waitFor(() => html().includes('Kedua'));
      expect(proc.exitCode).toBeNull();
    } finally {
      proc.kill('SIGINT');
    }
  });
});
