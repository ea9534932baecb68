/**
 * Makes the Word and Excel fixtures of test/import-office.test.ts with a
 * real office suite: each SOP below is written as an HTML document the way
 * agencies lay out the form (identity table, lists side by side, the
 * procedure table with "Pelaksana" and "Mutu Baku" merged over their
 * columns, a tick in the lanes of each step), then converted by LibreOffice
 * (headless) to .docx and .xlsx. Needs `npm run build` and LibreOffice
 * (`apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc`).
 * Run: node scripts/import-office-fixtures.mjs; commit the .html, .docx and .xlsx it writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/index.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test/fixtures/import/office');
const SOPS = ['pelaksanaan-pelatihan-bimtek', 'penyusunan-duk', 'pelayanan-tamu'];

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** `*x*` italics of the .sop text as <i>. */
const inline = (s) => esc(s).replace(/(?<!\\)\*([^*]+)\*/g, '<i>$1</i>').replace(/\\\*/g, '*');
const list = (items) => items.map((x, i) => `${i + 1}. ${inline(x)}`).join('<br>');

function html(m) {
  const date = (d) => (d ? `${String(d.day).padStart(2, '0')}-${String(d.month).padStart(2, '0')}-${d.year}` : '-');
  const L = m.lanes.length;
  const rows = m.steps
    .map((s) => {
      const ticks = m.lanes.map((l) => `<td>${s.lanes.includes(l.id) ? '√' : ''}</td>`).join('');
      return `<tr><td>${s.number}</td><td>${inline(s.text)}</td>${ticks}<td>${inline(s.kelengkapan)}</td><td>${esc(s.waktu?.text ?? '')}</td><td>${inline(s.output)}</td><td>${inline(s.keterangan)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(m.name)}</title></head><body>
${m.instansi.map((x) => `<p>${esc(x.toUpperCase())}</p>`).join('\n')}
<table border="1">
<tr><td>Nomor SOP</td><td>${esc(m.number)}</td></tr>
<tr><td>Tanggal Pembuatan</td><td>${date(m.dates.pembuatan)}</td></tr>
<tr><td>Tanggal Revisi</td><td>${date(m.dates.revisi)}</td></tr>
<tr><td>Tanggal Efektif</td><td>${date(m.dates.efektif)}</td></tr>
<tr><td>Disahkan oleh</td><td>${esc(m.disahkanOleh.jabatan) || '-'}</td></tr>
<tr><td>Nama SOP</td><td>${esc(m.name)}</td></tr>
</table>
<table border="1">
<tr><td>Dasar Hukum</td><td>Kualifikasi Pelaksana</td></tr>
<tr><td>${list(m.lists.dasarHukum)}</td><td>${list(m.lists.kualifikasi)}</td></tr>
<tr><td>Keterkaitan</td><td>Peralatan/Perlengkapan</td></tr>
<tr><td>${list(m.lists.keterkaitan)}</td><td>${list(m.lists.peralatan)}</td></tr>
<tr><td>Peringatan</td><td>Pencatatan dan Pendataan</td></tr>
<tr><td>${list(m.lists.peringatan)}</td><td>${list(m.lists.pencatatan)}</td></tr>
</table>
<p>SOP ${esc(m.name.toUpperCase())}</p>
<table border="1">
<tr><td rowspan="2">No.</td><td rowspan="2">Kegiatan</td><td colspan="${L}">Pelaksana</td><td colspan="3">Mutu Baku</td><td rowspan="2">Keterangan</td></tr>
<tr>${m.lanes.map((l) => `<td>${inline(l.title)}</td>`).join('')}<td>Kelengkapan</td><td>Waktu</td><td>Output</td></tr>
${rows}
</table>
</body></html>
`;
}

const tmp = mkdtempSync(join(tmpdir(), 'sop-office-'));
try {
  for (const name of SOPS) {
    const m = compile(readFileSync(join(root, 'sops', `${name}.sop`), 'utf8')).model;
    const file = join(out, `${name}.html`);
    writeFileSync(file, html(m));
    for (const [ext, filter] of [['docx', 'docx:MS Word 2007 XML'], ['xlsx', 'xlsx:Calc MS Excel 2007 XML']]) {
      const args = ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', filter, '--outdir', tmp];
      // Calc reads an HTML file through its own HTML import filter.
      if (ext === 'xlsx') args.splice(1, 0, '--infilter=calc_HTML_WebQuery');
      execFileSync('soffice', [...args, file], { stdio: 'pipe', timeout: 120_000 });
      copyFileSync(join(tmp, `${name}.${ext}`), join(out, `${name}.${ext}`));
      console.log(`wrote test/fixtures/import/office/${name}.${ext}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
