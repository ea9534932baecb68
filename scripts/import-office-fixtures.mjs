/**
 * Makes the Word and Excel fixtures of test/import-office.test.ts with a
 * real office suite: each SOP below is written as an HTML document the way
 * agencies lay out the form (identity table, lists side by side, the
 * procedure table with "Pelaksana" and "Mutu Baku" merged over their
 * columns, a tick in the lanes of each step), then converted by LibreOffice
 * (headless) to .docx and .xlsx. Needs `npm run build` and LibreOffice
 * (`apt-get install -y --no-install-recommends libreoffice-writer libreoffice-calc`).
 * Also one Excel file with the flowchart drawn on the sheet (no ticks): a flat
 * OpenDocument spreadsheet (.fods) with a flowchart shape in each lane cell
 * of a step (process, decision, terminator) and a connector for every flow,
 * glued to the shapes, converted to .xlsx (`<name>-drawn.xlsx`).
 * Each Word document is also printed to PDF by Writer (`<name>-word.pdf`).
 * Run: node scripts/import-office-fixtures.mjs; commit the .html, .fods,
 * .docx, .xlsx and .pdf it writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../dist/index.js';

const root = join(import.meta.dirname, '..');
const out = join(root, 'test/fixtures/import/office');
const SOPS = ['pelaksanaan-pelatihan-bimtek', 'penyusunan-duk', 'pelayanan-tamu'];
/** SOPs also written with the flowchart drawn on the sheet. */
const DRAWN = ['pelaksanaan-pelatihan-bimtek', 'penanganan-rumah-tangga-kantor'];

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

const colName = (c) => (c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : '') + String.fromCharCode(65 + (c % 26));
const GEOMETRY = { process: 'flowchart-process', decision: 'flowchart-decision', terminator: 'flowchart-terminator' };

/** The SOP as a flat OpenDocument spreadsheet: the table, and the flowchart drawn on it. */
function fods(m) {
  const L = m.lanes.length;
  const cell = (t) => `<table:table-cell office:value-type="string"><text:p>${esc(t)}</text:p></table:table-cell>`;
  const span = (t, n) => `<table:table-cell office:value-type="string" table:number-columns-spanned="${n}"><text:p>${esc(t)}</text:p></table:table-cell>${'<table:covered-table-cell/>'.repeat(n - 1)}`;
  const rows = [];
  rows.push(`<table:table-row><table:table-cell/><table:table-cell/>${cell(`SOP ${m.name.toUpperCase()}`)}</table:table-row>`);
  rows.push(`<table:table-row>${cell('No.')}${cell('Kegiatan')}${span('Pelaksana', L)}${span('Mutu Baku', 3)}${cell('Keterangan')}</table:table-row>`);
  rows.push(`<table:table-row><table:table-cell/><table:table-cell/>${m.lanes.map((l) => cell(l.title.replace(/\*/g, ''))).join('')}${cell('Kelengkapan')}${cell('Waktu')}${cell('Output')}</table:table-row>`);
  const firstRow = 4; // 1-based sheet row of step 1
  const shapeId = (step, lane) => `s${step}_${lane}`;
  m.steps.forEach((s, k) => {
    const r = firstRow + k;
    const lanes = m.lanes.map((l, i) => {
      if (!s.lanes.includes(l.id)) return '<table:table-cell/>';
      const end = `SOP.${colName(2 + i)}${r}`;
      return `<table:table-cell><draw:custom-shape draw:id="${shapeId(s.number, i)}" xml:id="${shapeId(s.number, i)}" table:end-cell-address="${end}" table:end-x="1.8cm" table:end-y="0.35cm" svg:x="0.4cm" svg:y="0.1cm" svg:width="1.4cm" svg:height="0.25cm"><draw:enhanced-geometry draw:type="${GEOMETRY[s.symbol]}"/></draw:custom-shape></table:table-cell>`;
    });
    rows.push(`<table:table-row table:style-name="tall"><table:table-cell office:value-type="float" office:value="${s.number}"><text:p>${s.number}</text:p></table:table-cell>${cell(s.text.replace(/\*/g, ''))}${lanes.join('')}${cell(s.kelengkapan)}${cell(s.waktu?.text ?? '')}${cell(s.output)}${cell(s.keterangan)}</table:table-row>`);
  });
  // Connectors, each anchored in the Keterangan column of its source row, glued bottom (2) to top (0).
  const connectors = m.edges.filter((e) => e.to !== 'selesai').map((e) => {
    const a = m.steps[e.from - 1];
    const b = m.steps[e.to - 1];
    const la = m.lanes.findIndex((l) => a.lanes.includes(l.id));
    const lb = m.lanes.findIndex((l) => b.lanes.includes(l.id));
    const end = `SOP.${colName(2 + L + 3)}${firstRow + e.from - 1}`;
    return `<draw:connector draw:type="standard" table:end-cell-address="${end}" table:end-x="0.5cm" table:end-y="0.2cm" draw:start-shape="${shapeId(a.number, la)}" draw:end-shape="${shapeId(b.number, lb)}" draw:start-glue-point="${e.to > e.from ? 2 : 3}" draw:end-glue-point="${e.to > e.from ? 0 : 3}" svg:x1="0cm" svg:y1="0cm" svg:x2="1cm" svg:y2="1cm"><draw:text-box/></draw:connector>`;
  });
  // The connectors live in the first cell of the last step row's Keterangan column.
  const lastRow = rows.length - 1;
  rows[lastRow] = rows[lastRow].replace(/<\/table:table-row>$/, `<table:table-cell>${connectors.join('')}</table:table-cell></table:table-row>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles><style:style style:name="tall" style:family="table-row"><style:table-row-properties style:row-height="1.2cm" style:use-optimal-row-height="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="SOP">
${rows.join('\n')}
</table:table></office:spreadsheet></office:body></office:document>
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
    // The Word document printed to PDF by Writer: a text PDF from an office program (stroked borders, centred cells).
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'pdf', '--outdir', tmp, join(out, `${name}.docx`)], { stdio: 'pipe', timeout: 120_000 });
    copyFileSync(join(tmp, `${name}.pdf`), join(out, `${name}-word.pdf`));
    console.log(`wrote test/fixtures/import/office/${name}-word.pdf`);
  }
  for (const name of DRAWN) {
    const m = compile(readFileSync(join(root, 'sops', `${name}.sop`), 'utf8')).model;
    const file = join(out, `${name}-drawn.fods`);
    writeFileSync(file, fods(m));
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', tmp, file], { stdio: 'pipe', timeout: 120_000 });
    copyFileSync(join(tmp, `${name}-drawn.xlsx`), join(out, `${name}-drawn.xlsx`));
    console.log(`wrote test/fixtures/import/office/${name}-drawn.xlsx`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
