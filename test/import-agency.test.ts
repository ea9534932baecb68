/**
 * Documents as an agency writes them, made by LibreOffice 7.4 (headless)
 * from the HTML and flat spreadsheet sources beside them in
 * test/fixtures/import/agency/ (`soffice --headless --convert-to docx|xlsx|pdf`):
 * a procedure table that runs onto a second page or is split into two
 * tables, a flowchart drawn on a sheet printed over two pages, a Waktu
 * column with its unit in the header, decisions written in Keterangan, a
 * named step number, a lane mark merged over two lanes, the approver's
 * lines in one cell. Each file's drafts are also compared whole with a
 * reviewed golden file (`<file>.expected.sop`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/check/check.js';
import { importBytes } from '../src/import/input.js';
import { importText, type ImportedSop } from '../src/import/import.js';
import { zip } from './helpers/import.js';

const dir = join(import.meta.dirname, 'fixtures/import/agency');

const imp = (name: string): Promise<ImportedSop[]> => importBytes(readFileSync(join(dir, name)), { source: name });

/** The model `sop check` reads from a draft. */
const model = (d: ImportedSop): ReturnType<typeof checkText>['model'] => checkText(d.text).model;

describe('sop import: documents as an agency writes them (LibreOffice)', () => {
  for (const name of ['d6_satu_tabel_2hal.pdf', 'd4_split.docx']) {
    it(`${name}: a procedure table going on with its header repeated (Writer on the next page, or a second table) and its numbers going on is one SOP`, async () => {
      const drafts = await imp(name);
      expect(drafts).toHaveLength(1);
      const m = model(drafts[0]!);
      expect(m.name).toBe('Pembayaran Tagihan Pihak Ketiga (LS)');
      expect(m.number).toBe('900/021/DPMPTSP-KEU/2023');
      expect(m.steps).toHaveLength(16);
      expect(m.steps[8]!.text).toMatch(/^Memeriksa SPM-LS dan memaraf/);
      expect(m.steps[15]!.text).toMatch(/^Melaporkan realisasi pembayaran/);
      // Nothing renumbered: the source's numbers are the steps'.
      expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP707')).toEqual([]);
    });
  }

  it('x4_drawn.pdf: a Calc sheet with a drawn flowchart printed over two pages (borders stroked as lines, symbols as hairlines) reads its lanes from the drawing', async () => {
    const drafts = await imp('x4_drawn.pdf');
    expect(drafts).toHaveLength(1);
    const m = model(drafts[0]!);
    expect(m.name).toBe('Penerbitan Surat Izin Cuti Pegawai');
    const lanes = m.steps.map((s) => s.lanes.join(','));
    expect(lanes).toEqual(['pegawai', 'kasubbag', 'sekretaris', 'kadis', 'kasubbag', 'pegawai,kasubbag']);
    // Every lane from the drawing: none guessed.
    expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP701')).toEqual([]);
    // Calc's connectors are not where its symbols are (the diamond's are cut or drawn beside it): the decision is
    // kept from its symbol, its Tidak branch guessed and said so.
    expect(m.steps[2]!.symbol).toBe('decision');
    expect(m.edges.filter((e) => e.from === 3).map((e) => `${e.to}:${e.label}`).sort()).toEqual(['2:Tidak', '4:Ya']);
    expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP702' || g.code === 'SOP703').map((g) => g.code)).toEqual(['SOP702', 'SOP703']);
    // No step ends the procedure early: a box whose connector is cut at the page break goes on to the next step.
    expect(m.edges.filter((e) => e.label === null).map((e) => `${e.from}>${e.to}`)).toEqual(['1>2', '2>3', '4>5', '5>6', '6>selesai']);
  });

  for (const name of ['d5_waktu_menit.docx', 'waktu_menit_angka.xlsx']) {
    it(`${name}: a header "Waktu (menit)" is the Waktu column, and a bare number under it is that many minutes`, async () => {
      const drafts = await imp(name);
      expect(drafts).toHaveLength(1);
      const m = model(drafts[0]!);
      // The number was pasted into Kelengkapan ("Berkas permohonan 15"), the Waktu column lost.
      for (const s of m.steps) {
        expect(s.kelengkapan).not.toMatch(/\d$/);
        expect(s.waktu?.text).toMatch(/^\d+ Menit$/);
      }
      expect(m.steps[0]!.waktu?.text).toBe('15 Menit');
      // The header says the unit: nothing guessed.
      expect(drafts[0]!.guesses.filter((g) => g.code === 'SOP709')).toEqual([]);
    });
  }

  it('x2_keuangan.xlsx: "jika belum sesuai dikembalikan ke langkah 8" returns to step 8, the step the text names', async () => {
    const drafts = await imp('x2_keuangan.xlsx');
    expect(drafts).toHaveLength(1);
    const m = model(drafts[0]!);
    expect(m.steps[9]!.text).toMatch(/dikembalikan ke langkah 8$/);
    // It went to step 9, the last step of another lane.
    expect(m.edges.filter((e) => e.from === 10 && e.label === 'Tidak').map((e) => e.to)).toEqual([8]);
    expect(drafts[0]!.text).toContain('# SOP703: Tidak kembali ke langkah 8 (teks menyebut langkah 8).');
  });

  /** Step number → its Tidak target and its Ya target (null: the next step). */
  const branches = (d: ImportedSop): Record<number, [number | string, number | string | null]> => {
    const m = model(d);
    const out: Record<number, [number | string, number | string | null]> = {};
    for (const e of m.edges.filter((x) => x.label === 'Tidak')) out[e.from] = [e.to, m.edges.find((x) => x.from === e.from && x.label === 'Ya')!.to];
    return out;
  };

  it('d7_ket_keputusan.docx: decisions written in Keterangan ("Jika tidak sesuai dikembalikan ke langkah 2"; "Ya: lanjut ke langkah 5. Tidak: kembali ke Sekretaris (langkah 3)") are read as in Kegiatan, and said', async () => {
    const [d] = await imp('d7_ket_keputusan.docx');
    expect(branches(d!)).toEqual({ 3: [2, 4], 4: [3, 5] });
    expect(d!.text).toContain('# SOP702: keputusan dari Keterangan "Jika tidak sesuai dikembalikan ke langkah 2"; Ya ke langkah 4.');
    expect(d!.text).toContain('# SOP703: Tidak kembali ke langkah 3 (Keterangan menyebut langkah 3).');
    expect(d!.guesses.filter((g) => g.code === 'SOP702').map((g) => g.message)).toEqual([
      'Langkah ini dibaca sebagai keputusan dari Keterangannya: `Jika tidak sesuai dikembalikan ke langkah 2`.',
      'Langkah ini dibaca sebagai keputusan dari Keterangannya: `Ya: lanjut ke langkah 5. Tidak: kembali ke Sekretaris (la…`.',
    ]);
  });

  it('d2_dua_sop.docx, second SOP: "Ya: lanjut ke langkah 5; Tidak: kembali ke langkah 3" and "Tidak: dikembalikan ke Verifikator Teknis (langkah 5)" in Keterangan', async () => {
    const drafts = await imp('d2_dua_sop.docx');
    expect(drafts.map((d) => d.name)).toEqual(['Penerbitan Surat Izin Cuti Pegawai', 'Pelayanan Perizinan Berusaha Berbasis Risiko']);
    expect(branches(drafts[1]!)).toEqual({ 4: [3, 5], 6: [5, 7] });
  });

  it('d5_waktu_menit.docx: "Apakah …? Ya: lanjut ke langkah 5. Tidak: kembali ke langkah 3" in Kegiatan is a decision', async () => {
    const [d] = await imp('d5_waktu_menit.docx');
    expect(branches(d!)).toEqual({ 4: [3, 5] });
    expect(d!.text).toContain('# SOP702: keputusan dari teks "Ya: lanjut ke langkah 5. Tidak: kembali ke langkah 3"; Ya ke langkah 5.');
  });

  for (const name of ['d2_dua_sop.docx', 'd2_dua_sop.pdf']) {
    it(`${name}, first SOP: one "X" in a cell merged over two lanes is the step of both`, async () => {
      const [d] = await imp(name);
      const m = model(d!);
      expect(m.steps[5]!.text).toMatch(/^Menerima surat izin cuti/);
      expect(m.steps[5]!.lanes).toEqual(['pegawai', 'kasubbag']);
      expect(m.steps.slice(0, 5).map((s) => s.lanes.length)).toEqual([1, 1, 1, 1, 1]);
    });
  }

  for (const name of ['d2_dua_sop.docx', 'd2_dua_sop.pdf']) {
    it(`${name}: the approver's position, name and NIP on lines of one cell are Disahkan oleh, Nama and NIP`, async () => {
      const drafts = await imp(name);
      // In Word they were run together into one line (`Disahkan oleh: Kepala Dinas … Drs. H. … NIP. …`); in the PDF
      // Writer centres them beside the label, and the position above the label's line was lost.
      expect(drafts.map((d) => model(d).disahkanOleh)).toEqual([
        { jabatan: 'Kepala Dinas Penanaman Modal dan PTSP', nama: 'Drs. H. Yohanes Ale, M.Si', nip: '19680512 199303 1 007' },
        { jabatan: 'Kepala Dinas', nama: 'Drs. H. Yohanes Ale, M.Si', nip: '19680512 199303 1 007' },
      ]);
    });
  }

  it('PDFs Writer prints: an Instansi line beside the approver\'s lines is kept, and a word broken at its own hyphen is one word', async () => {
    const drafts = await imp('d2_dua_sop.pdf');
    // "DINAS … SEKRETARIAT" stood in a row with no label (the approver's position beside it) and was dropped.
    for (const d of drafts) expect(model(d).instansi).toEqual(['Pemerintah Kabupaten Sanggau', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Sekretariat']);
    const [d6] = await imp('d6_satu_tabel_2hal.pdf');
    // "perundang-" at a line's end, "undangan" on the next: "perundang- undangan".
    expect(model(d6!).steps[7]!.text).toContain('peraturan perundang-undangan yang berlaku');
  });
});

describe('sop import: what Writer breaks over a page, and the identity page as agencies fill it', () => {
  it('a8_baris_terpotong.pdf: a step row Writer breaks over two pages (its end under the repeated header) keeps its end, and the steps after it keep their columns and lanes', async () => {
    const [pdf, docx] = await Promise.all([imp('a8_baris_terpotong.pdf'), imp('a8_baris_terpotong.docx')]);
    expect(pdf).toHaveLength(1);
    const m = model(pdf[0]!);
    // Step 4's end ("keputusan pengesahan perubahan anggaran dasar", Output "keputusan") was dropped, and the
    // header took it for a title: Output then ran into Waktu ("30 menit Konsep …") and step 9's tick into its text.
    expect(m.steps[3]!.text).toBe('Menyusun telaahan staf dan konsep keputusan pengesahan perubahan anggaran dasar');
    expect(m.steps[3]!.output).toBe('Telaahan staf dan konsep keputusan');
    expect(m.steps[7]!.text).toBe('Memberi nomor, menggandakan dan menyerahkan keputusan kepada pemohon');
    expect(m.steps[4]!.waktu?.text).toBe('30 Menit');
    expect(m.steps[8]!.lanes).toEqual(['pemohon']);
    expect(m.steps[8]!.text).not.toMatch(/✓/);
    // The Word file it was printed from: the very same draft from its dates on (the PDF prints two of the
    // Instansi's paragraphs as one block).
    const from = (t: string): string => t.slice(t.indexOf('Tanggal Pembuatan'));
    expect(from(pdf[0]!.text)).toBe(from(docx[0]!.text));
  });

  it('a8_baris_terpotong: an identity list going on at the top of the next page, the Instansi in a cell of three paragraphs beside the labels, the position in capitals', async () => {
    for (const name of ['a8_baris_terpotong.pdf', 'a8_baris_terpotong.docx']) {
      const m = model((await imp(name))[0]!);
      expect(m.lists.keterkaitan).toEqual(['SOP Pendaftaran Koperasi', 'SOP Pengelolaan Surat Masuk']);
      expect(m.lists.peralatan).toEqual(['Komputer dan printer', 'Buku agenda', 'ODS (Online Data System)']);
      // One line per paragraph (the PDF: per line, but for the two it printed as one), in title case: the
      // position in capitals in the approver's cell was taken as the document's spelling ("PROVINSI", "DINAS").
      expect(m.instansi[0]).toBe('Pemerintah Provinsi Kalimantan Barat');
      expect(m.instansi.join(' ')).toBe('Pemerintah Provinsi Kalimantan Barat Dinas Koperasi, Usaha Kecil dan Menengah Bidang Kelembagaan dan Pengawasan');
      if (name.endsWith('.docx')) expect(m.instansi).toHaveLength(3);
      // The PDF put the position (in capitals, right of the labels) into Instansi and left Disahkan oleh empty.
      expect(m.disahkanOleh?.jabatan).toBe('KEPALA DINAS KOPERASI, USAHA KECIL DAN MENENGAH PROVINSI KALIMANTAN BARAT');
      expect(m.disahkanOleh?.nama).toBe('Ir. H. Ansfridus J. Andjioe, M.M.');
    }
  });

  it('x9_ttd_per_baris.xlsx: a signature block written one line a row ("ttd", the name, the rank, the NIP): the rank is not the name', async () => {
    const m = model((await imp('x9_ttd_per_baris.xlsx'))[0]!);
    expect(m.disahkanOleh?.jabatan).toBe('Kepala Dinas Koperasi, Usaha Kecil dan Menengah');
    expect(m.disahkanOleh?.nama).toBe('Ir. H. Ansfridus J. Andjioe, M.M.');
    expect(m.disahkanOleh?.nip).toBe('19670823 199403 1 004');
    expect(m.steps).toHaveLength(22);
  });

  it('d9_plut.docx: the Instansi over line breaks of one paragraph, a word in capitals joined by a hyphen (PLUT-KUMKM), a numbered line left "-"', async () => {
    const m = model((await imp('d9_plut.docx'))[0]!);
    expect(m.instansi).toEqual(['Pemerintah Provinsi Kalimantan Barat', 'Dinas Koperasi, Usaha Kecil dan Menengah', 'UPT PLUT-KUMKM']);
    expect(m.lists.keterkaitan).toEqual([]);
  });
});

describe('sop import: the agency documents, whole drafts against reviewed golden files', () => {
  // UPDATE_IMPORT_GOLDEN=1 writes them again: review the difference before committing it.
  const names = ['d2_dua_sop.docx', 'd2_dua_sop.pdf', 'd4_split.docx', 'd5_waktu_menit.docx', 'd6_satu_tabel_2hal.pdf', 'd7_ket_keputusan.docx', 'x2_keuangan.xlsx', 'x4_drawn.pdf', 'waktu_menit_angka.xlsx', 'a8_baris_terpotong.docx', 'a8_baris_terpotong.pdf', 'x9_ttd_per_baris.xlsx', 'd9_plut.docx'];
  for (const name of names) {
    it(`${name} imports to ${name}.expected.sop, which checks without errors`, async () => {
      const drafts = await imp(name);
      const text = drafts.map((d) => d.text).join('\n');
      const golden = join(dir, `${name}.expected.sop`);
      if (process.env['UPDATE_IMPORT_GOLDEN']) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
      for (const d of drafts) expect(d.check.filter((x) => x.severity === 'error')).toEqual([]);
    });
  }
});

describe('sop import: a table that goes on', () => {
  const header = 'No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKet\n\t\tStaf\tKasubbag\tKelengkapan\tWaktu\tOutput\t\n';
  const row = (n: number, t: string): string => `${n}\t${t}\t\t\tData\t5 menit\tDraf\t\n`;
  it('a second table under the same header whose numbers go on is the same SOP; one whose numbers start again is another', () => {
    const first = `SOP UJI LANJUT\n${header}${row(1, 'Menyusun draf dan menyampaikan kepada Kasubbag')}${row(2, 'Memeriksa draf')}\n`;
    const on = importText(`${first}\n${header}${row(3, 'Memaraf draf')}${row(4, 'Mengarsipkan draf')}`, { source: 't' });
    expect(on.map((d) => checkText(d.text).model.steps.length)).toEqual([4]);
    const again = importText(`${first}\n${header}${row(1, 'Memaraf draf')}${row(2, 'Mengarsipkan draf')}`, { source: 't' });
    expect(again.map((d) => checkText(d.text).model.steps.length)).toEqual([2, 2]);
    // A title of another name between the two starts another SOP, numbers or not.
    const other = importText(`${first}\nSOP UJI LAIN\n${header}${row(3, 'Memaraf draf')}`, { source: 't' });
    expect(other.map((d) => d.name)).toEqual(['Uji Lanjut', 'Uji Lain']);
  });
});

describe('sop import: a unit in the header', () => {
  it('Waktu (Jam) in tab-separated text: a bare number is that many hours, a time with its own unit is kept, a unit that is no time is not taken', () => {
    const text = (waktu: string): string =>
      `SOP UJI WAKTU\nNo\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKet\n\t\tStaf\tKasubbag\tKelengkapan\t${waktu}\tOutput\t\n1\tMenyusun draf dan menyampaikan kepada Kasubbag\t\t\tData\t2\tDraf\t\n2\tMemeriksa draf\t\t\tDraf\t30 menit\tDraf\t\n`;
    const [d] = importText(text('Waktu (Jam)'), { source: 't' });
    expect(checkText(d!.text).model.steps.map((s) => [s.kelengkapan, s.waktu?.text])).toEqual([['Data', '2 Jam'], ['Draf', '30 Menit']]);
    const [e] = importText(text('Waktu (Rp)'), { source: 't' });
    // No unit of time: the bare number is guessed as minutes and said so, as under "Waktu".
    expect(checkText(e!.text).model.steps[0]!.waktu?.text).toBe('2 Menit');
    expect(e!.guesses.map((g) => g.code)).toContain('SOP709');
  });
});

describe('sop import: a step named by its number', () => {
  const header = 'No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKet\n\t\tStaf\tKasubbag\tKelengkapan\tWaktu\tOutput\t\n';
  const row = (n: string, t: string): string => `${n}\t${t}\t\t\tData\t5 menit\tDraf\t\n`;
  const tidak = (text: string): (number | string)[] => {
    const [d] = importText(text, { source: 't' });
    return checkText(d!.text).model.edges.filter((e) => e.label === 'Tidak').map((e) => e.to);
  };
  it('wins over the lane the branch names, is the step written with that number (a source that skips one), or the n-th in a table without numbers', () => {
    const steps = (nums: string[]): string =>
      `SOP UJI NOMOR\n${header}${row(nums[0]!, 'Menyusun draf')}${row(nums[1]!, 'Mengoreksi draf')}${row(nums[2]!, 'Menyampaikan draf kepada Kasubbag')}${row(nums[3]!, 'Memeriksa draf, jika belum sesuai dikembalikan kepada Staf (langkah 2)')}`;
    // Staf's last step is 3; the text names 2.
    expect(tidak(steps(['1', '2', '3', '4']))).toEqual([2]);
    // Numbered 1, 2, 4, 5: "langkah 2" is the step written 2.
    expect(tidak(steps(['1', '2', '4', '5']))).toEqual([2]);
    expect(tidak(steps(['', '', '', '']))).toEqual([2]);
    // A number no step carries names none: the lane's last step.
    expect(tidak(steps(['1', '3', '4', '5']))).toEqual([3]);
  });

  it('a phase ("tahap 2") is no step, and a step more than 60 steps away (a block of steps copied with its text) is said and not followed', () => {
    const many = (n: number, last: string): string => {
      let rows = '';
      for (let k = 1; k < n; k++) rows += row(String(k), k % 2 ? 'Menyusun draf dan menyampaikan kepada Kasubbag' : 'Mengoreksi draf dan mengembalikan kepada Staf');
      return `SOP UJI JAUH\n${header}${rows}${row(String(n), last)}`;
    };
    expect(tidak(many(5, 'Memeriksa draf, jika belum sesuai dikembalikan untuk diperbaiki (tahap 2)'))).toEqual([4]);
    expect(tidak(many(61, 'Memeriksa draf, jika belum sesuai dikembalikan ke langkah 1'))).toEqual([1]);
    const [d] = importText(many(62, 'Memeriksa draf, jika belum sesuai dikembalikan ke langkah 1'), { source: 't' });
    expect(checkText(d!.text).model.edges.filter((e) => e.label === 'Tidak').map((e) => e.to)).toEqual([61]);
    expect(d!.text).toContain('# SOP703: Tidak kembali ke langkah 61 (teks menyebut langkah 1, lebih dari 60 langkah dari sini; langkah terakhir pelaksana lain yang menyerahkan kepadanya).');
  });
});

describe('sop import: Ya/Tidak written with labels', () => {
  const header = 'No\tKegiatan\tPelaksana\t\tMutu Baku\t\t\tKet\n\t\tStaf\tKasubbag\tKelengkapan\tWaktu\tOutput\t\n';
  const row = (n: number, t: string, ket = ''): string => `${n}\t${t}\t\t\tData\t5 menit\tDraf\t${ket}\n`;
  const read = (rows: string): ReturnType<typeof checkText>['model'] => checkText(importText(`SOP UJI LABEL\n${header}${rows}`, { source: 't' })[0]!.text).model;
  it('a Ya branch naming a step jumps there; a labelled Tidak branch names no recipient for the next step; a question without labels is a decision', () => {
    const m = read(
      row(1, 'Menyusun draf dan menyampaikan kepada Kasubbag') +
        row(2, 'Apakah draf lengkap? Ya: lanjut ke langkah 4; Tidak: dikembalikan kepada Staf') +
        row(3, 'Melengkapi draf') +
        row(4, 'Apakah draf disetujui?') +
        row(5, 'Mengarsipkan draf', 'Jika ya, lanjut ke langkah 6; jika tidak, kembali ke langkah 3') +
        row(6, 'Menutup berkas'),
    );
    const edge = (from: number, label: string): number | string | undefined => m.edges.find((e) => e.from === from && e.label === label)?.to;
    expect([edge(2, 'Ya'), edge(2, 'Tidak')]).toEqual([4, 1]);
    // "Tidak: dikembalikan kepada Staf" hands nothing over: step 3 is not put in Staf's lane from it.
    expect(m.steps[2]!.lanes).toEqual(m.steps[1]!.lanes);
    expect(m.steps[3]!.symbol).toBe('decision');
    expect([edge(5, 'Ya'), edge(5, 'Tidak')]).toEqual([6, 3]);
    // A "Ya:" without a Tidak makes no decision; "Tidak" in a sentence is no label.
    const p = read(row(1, 'Menyusun draf') + row(2, 'Memaraf draf', 'Ya: diparaf') + row(3, 'Tidak ada perubahan, mengarsipkan draf'));
    expect(p.steps.filter((s) => s.symbol === 'decision')).toEqual([]);
  });
});

describe('sop import: a signature block', () => {
  it('a Word cell with the position, "ttd", the name, the rank and the NIP on its lines: the rank and "ttd" are neither position nor name', async () => {
    const p = (...runs: string[]): string => `<w:p>${runs.map((r) => (r === '' ? '<w:r><w:br/></w:r>' : `<w:r><w:t>${r}</w:t></w:r>`)).join('')}</w:p>`;
    const tc = (inner: string): string => `<w:tc>${inner}</w:tc>`;
    const tr = (...cells: string[]): string => `<w:tr>${cells.map(tc).join('')}</w:tr>`;
    const head = tr(p('No'), p('Kegiatan'), p('Pelaksana'), p('Kelengkapan'), p('Waktu'), p('Output')) + tr(p(''), p(''), p('Staf'), p(''), p(''), p(''));
    const doc = `<w:document xmlns:w="w"><w:body><w:tbl>${tr(p('Disahkan oleh'), p('KEPALA DINAS,') + p('ttd') + p('Drs. H. Yohanes Ale, M.Si') + p('Pembina Utama Muda') + p('NIP. 196805121993031007'))}</w:tbl>${p('SOP UJI TANDA TANGAN')}<w:tbl>${head}${tr(p('1'), p('Menyusun draf'), p('√'), p('Data'), p('5 menit'), p('Draf'))}</w:tbl></w:body></w:document>`;
    const [d] = await importBytes(zip([{ name: 'word/document.xml', data: Buffer.from(doc) }]), { source: 'ttd.docx' });
    expect(model(d!).disahkanOleh).toEqual({ jabatan: 'KEPALA DINAS', nama: 'Drs. H. Yohanes Ale, M.Si', nip: '19680512 199303 1 007' });
  });
});
