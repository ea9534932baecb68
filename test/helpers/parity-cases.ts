/**
 * The generated cases of the parity test (issue 22): SOPs the native PDF is
 * held to the Chromium PDF on, besides sops/. One project per paper: `A4`
 * (the default) and `F4` (its sop.config.json says so), so that each engine
 * builds each paper once.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainSop, generateSop, multiLaneSop, pageLoopsSop } from '../../bench/generate.mjs';

const LOGOS = join(import.meta.dirname, '../fixtures/logo');

/** Lane titles of two and three lines: the lane headers grow, the steps' columns narrow. */
const LONG_TITLES = [
  'Kepala Dinas Koperasi, Usaha Kecil dan Menengah Provinsi',
  'Sekretaris Dinas selaku Pejabat Penatausahaan Keuangan',
  'Kepala Bidang Pemberdayaan dan Pengembangan Usaha Mikro',
  'Kepala Sub Bagian Perencanaan, Evaluasi dan Pelaporan',
  'Analis Kepegawaian Ahli Muda pada Sub Bagian Umum',
  'Pengadministrasi Umum Bidang Kelembagaan Koperasi',
  'Bendahara Pengeluaran Pembantu Sekretariat Dinas',
  'Ketua Tim Kerja Pengawasan dan Pemeriksaan Koperasi',
  'Pramu Kantor dan Petugas Ekspedisi Surat Menyurat',
];

/** `text` with its lanes' titles replaced by long ones. */
function longTitles(text: string): string {
  return text.replace(/^ {2}- l(\d+): .*$/gm, (_, n: string) => `  - l${n}: ${LONG_TITLES[(Number(n) - 1) % LONG_TITLES.length]}`);
}

/** An identity page of long values: a long name, agency lines and legal bases that wrap, a long warning. */
function longIdentity(text: string): string {
  const law = (i: number) => `  - Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia Nomor ${30 + i} Tahun 20${10 + i} tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan pada Instansi Pemerintah`;
  return text
    .replace(/^Nama SOP: (.*)$/m, 'Nama SOP: $1 dalam Rangka Penyusunan, Pemeriksaan dan Pengesahan Laporan Pertanggungjawaban Keuangan Daerah')
    .replace(
      /^(Tanggal Pembuatan: .*)$/m,
      [
        '$1',
        'Instansi:',
        '  - Pemerintah Provinsi Kalimantan Barat',
        '  - Dinas Koperasi, Usaha Kecil dan Menengah Provinsi Kalimantan Barat',
        '  - Bidang Pemberdayaan dan Pengembangan Usaha Mikro, Kecil dan Menengah',
        'Dasar Hukum:',
        ...Array.from({ length: 6 }, (_, i) => law(i)),
        'Kualifikasi Pelaksana:',
        '  - Memahami tugas pokok dan fungsi, peraturan perundang-undangan di bidang pengelolaan keuangan daerah dan aplikasi pendukungnya',
        'Peringatan: Jika SOP ini tidak dilaksanakan, laporan pertanggungjawaban terlambat disampaikan, tidak sesuai dengan ketentuan dan dapat menimbulkan temuan pemeriksaan',
      ].join('\n'),
    );
}

/** Italics (`*…*`) in the identity fields, a lane title and the steps' fields. */
const ITALICS = [
  'Nama SOP: Pengelolaan *Database* Koperasi dan *E-Office*',
  'Nomor SOP: 000.8/77/DISKOPUKM.A',
  'Instansi:',
  '  - Pemerintah Provinsi Kalimantan Barat',
  '  - Dinas Koperasi, Usaha Kecil dan Menengah',
  'Tanggal Pembuatan: 2023-08-31',
  'Disahkan oleh: Kepala Dinas',
  '  Nama: Budi Santoso, S.E.',
  '  NIP: 19650809 198603 1 012',
  'Dasar Hukum:',
  '  - Peraturan Menteri PAN RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP (*Standard Operating Procedure*)',
  'Kualifikasi Pelaksana:',
  '  - Mampu mengoperasikan *Microsoft Office* dan *e-mail*',
  'Keterkaitan:',
  '  - SOP Pelayanan Tamu',
  'Peralatan/Perlengkapan:',
  '  - *Personal Computer*',
  '  - *Printer* dan *scanner*',
  'Peringatan: Jika *database* tidak diperbarui, laporan tidak akurat',
  'Pencatatan dan Pendataan:',
  '  - *Logbook* harian',
  '',
  'Pelaksana:',
  '  - operator: Operator *Database*',
  '  - kasubbag: Kasubbag Umum',
  '  - sekretaris: Sekretaris',
  '  - kadis: Kepala Dinas',
  '',
  'Prosedur:',
  '  [operator] Mengunduh data *online* dari aplikasi *Online Data System* (ODS) dan menyimpannya sebagai *file* *spreadsheet*',
  '    Kelengkapan: *Username* dan *password*',
  '    Waktu: 30 menit',
  '    Output: *File* data koperasi',
  '  [kasubbag] Memeriksa *file* data dan kelengkapannya',
  '    Kelengkapan: *File* data koperasi',
  '    Waktu: 15 menit',
  '    Output: *File* terverifikasi',
  '    Tidak: @unggah',
  '  [sekretaris] Menyetujui laporan *database*',
  '    Kelengkapan: *File* terverifikasi',
  '    Waktu: 10 menit',
  '    Output: Laporan',
  '    Keterangan: melalui *e-Office*',
  '  @unggah [operator] Mengunggah ulang data ke *server*',
  '    Kelengkapan: Laporan',
  '    Waktu: 10 menit',
  '    Output: Laporan',
  '  [kadis] Menerima laporan *database*',
  '    Kelengkapan: Laporan',
  '    Waktu: 5 menit',
  '    Output: Disposisi',
];

/** Steps done by lanes that are not side by side, with loops back to them. */
function apartLanesSop(): string {
  const lanes = ['Kepala Dinas', 'Sekretaris', 'Kepala Bidang', 'Kasubbag Umum', 'Analis Kepegawaian', 'Bendahara', 'Pramu Kantor'];
  return [
    'Nama SOP: Uji Langkah Bersama Lajur Berjauhan',
    'Nomor SOP: 000.8/78/DISKOPUKM.A',
    'Tanggal Pembuatan: 2023-08-31',
    'Pelaksana:',
    ...lanes.map((t, i) => `  - l${i + 1}: ${t}`),
    '',
    'Prosedur:',
    '  @a [l4] Menerima surat masuk',
    '  @b [l1, l4] Membahas surat bersama',
    '  @c [l2, l6, l7] Menyiapkan anggaran dan sarana',
    '  [l3] Memeriksa kesiapan',
    '    Tidak: @c',
    '  [l1, l7] Melaksanakan kegiatan',
    '  [l5] Memeriksa laporan kegiatan',
    '    Tidak: @b',
    '  [l2, l5] Mengarsipkan laporan',
    '  [l1] Selesai',
  ].join('\n');
}

function withLogo(text: string, file: string): string {
  return text.replace(/^(Nomor SOP: .*)$/m, `$1\nLogo: ${file}`);
}

/** The A4 cases (besides sops/, built in the same project). */
export const A4_CASES: Record<string, string> = {
  'sepuluh-lajur.sop': generateSop(110, { steps: 40, lanes: 10 }),
  'putaran-halaman.sop': pageLoopsSop(5),
  'langkah-bersama.sop': multiLaneSop(8),
  'rantai-10-lajur.sop': chainSop(14, 10),
  'satu-lajur.sop': generateSop(101, { steps: 14, lanes: 1 }),
  'dua-lajur.sop': generateSop(102, { steps: 16, lanes: 2 }),
  'tiga-lajur.sop': generateSop(103, { steps: 18, lanes: 3 }),
  'dua-belas-lajur.sop': generateSop(112, { steps: 36, lanes: 12 }),
  'teks-panjang.sop': longIdentity(longTitles(chainSop(20, 9, { back: 3, text: 30 }))),
  'miring.sop': ITALICS.join('\n'),
  'lajur-berjauhan.sop': apartLanesSop(),
  'logo-png.sop': withLogo(generateSop(120, { steps: 10, lanes: 4 }), 'logo.png'),
  'logo-jpeg.sop': withLogo(generateSop(121, { steps: 10, lanes: 5 }), 'logo.jpg'),
};

/** The F4 cases (a project whose sop.config.json says F4). */
export const F4_CASES: Record<string, string> = {
  'f4-satu-lajur.sop': generateSop(101, { steps: 14, lanes: 1 }),
  'f4-sepuluh-lajur.sop': generateSop(110, { steps: 40, lanes: 10 }),
  'f4-dua-belas-lajur.sop': generateSop(112, { steps: 36, lanes: 12 }),
  'f4-teks-panjang.sop': longIdentity(longTitles(chainSop(20, 9, { back: 3, text: 30 }))),
  'f4-putaran-halaman.sop': pageLoopsSop(5),
  'f4-lajur-berjauhan.sop': apartLanesSop(),
  'f4-miring-logo.sop': withLogo(ITALICS.join('\n'), 'logo.png'),
};

/** Writes the A4 cases into `a4` (beside whatever is there) and the F4 project into `f4`, with the logos. */
export function writeParityCases(a4: string, f4: string): void {
  for (const dir of [a4, f4]) for (const f of ['logo.png', 'logo.jpg']) copyFileSync(join(LOGOS, f), join(dir, f));
  for (const [f, text] of Object.entries(A4_CASES)) writeFileSync(join(a4, f), text);
  for (const [f, text] of Object.entries(F4_CASES)) writeFileSync(join(f4, f), text);
  writeFileSync(join(f4, 'sop.config.json'), JSON.stringify({ paper: 'F4' }));
}
