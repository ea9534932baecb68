/**
 * Deterministic generator of realistic `.sop` texts for benchmarks and
 * stress tests: every identity field, lanes with ids, steps with all Mutu
 * Baku fields, decisions that loop back, multi-lane steps.
 */

/** A small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['Menerima', 'Memeriksa', 'Menyusun', 'Mengoreksi', 'Menandatangani', 'Mendisposisikan', 'Mengarsipkan', 'Melaporkan'];
const OBJECTS = ['surat masuk', 'konsep nota dinas', 'laporan kegiatan', 'berkas permohonan', 'data kepegawaian', 'bahan rapat'];
const TITLES = [
  'Kepala Dinas', 'Sekretaris', 'Kepala Bidang', 'Kepala Sub Bagian Umum', 'Analis Kepegawaian', 'Pengadministrasi Umum',
  'Bendahara', 'Pramu Kantor', 'Petugas Keamanan', 'Ketua Tim Kerja',
];

/**
 * @param {number} seed
 * @param {{ steps?: number, lanes?: number, loops?: boolean }} [opts]
 */
export function generateSop(seed, opts = {}) {
  const r = rng(seed);
  const nSteps = opts.steps ?? 12;
  const nLanes = opts.lanes ?? 6;
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const lines = [
    `# Dibuat otomatis (seed ${seed}).`,
    `Nama SOP: Pengelolaan ${pick(OBJECTS)} ${seed}`,
    `Nomor SOP: 000.8/${seed}/DISKOPUKM.A`,
    'Instansi:',
    '  - Pemerintah Provinsi Kalimantan Barat',
    '  - Dinas Koperasi, Usaha Kecil dan Menengah',
    '  - Sekretariat',
    'Tanggal Pembuatan: 31-08-2023',
    'Tanggal Revisi: 01 September 2023',
    'Tanggal Efektif: 2023-09-15',
    'Disahkan oleh: Kepala Dinas Koperasi, Usaha Kecil dan Menengah',
    '  Nama: Budi Santoso, S.E.',
    '  NIP: 19650809 198603 1 012',
    '',
    'Dasar Hukum:',
    '  - Peraturan Gubernur Kalimantan Barat Nomor 125 Tahun 2021',
    '  - Peraturan Menteri PAN RB Nomor 35 Tahun 2012',
    'Kualifikasi Pelaksana:',
    '  - Memahami tugas pokok dan fungsi',
    'Keterkaitan:',
    '  - SOP Pelayanan Tamu',
    'Peralatan/Perlengkapan:',
    '  - Komputer',
    '  - *Printer*',
    'Peringatan: Jika SOP tidak dilaksanakan, pelayanan terganggu',
    'Pencatatan dan Pendataan:',
    '  - Buku agenda',
    '',
    'Pelaksana:',
  ];
  for (let i = 0; i < nLanes; i++) lines.push(`  - l${i + 1}: ${TITLES[i % TITLES.length]}${i >= TITLES.length ? ' ' + (i + 1) : ''}`);
  lines.push('', 'Prosedur:');
  const loops = opts.loops ?? true;
  // Each step works on what the step before it made (Kelengkapan = the previous Output), as in a real
  // SOP, so generated files stay free of the material advice (SOP308/SOP309). The PRNG is drawn as
  // before, so every other field is unchanged.
  let previousOutput = null;
  for (let s = 1; s <= nSteps; s++) {
    const lane = s <= nLanes ? s : 1 + Math.floor(r() * nLanes);
    const multi = s > 1 && s < nSteps && r() < 0.1 && nLanes > 1 ? `, l${(lane % nLanes) + 1}` : '';
    const decision = loops && s > 2 && s < nSteps && r() < 0.25;
    lines.push(`  @s${s} [l${lane}${multi}] ${pick(VERBS)} ${pick(OBJECTS)} langkah ${s}${decision ? ', jika belum sesuai dikembalikan untuk diperbaiki' : ''}`);
    const kelengkapan = pick(OBJECTS);
    lines.push(`    Kelengkapan: ${previousOutput ?? kelengkapan}`);
    lines.push(`    Waktu: ${1 + Math.floor(r() * 59)} Menit`);
    previousOutput = pick(OBJECTS);
    lines.push(`    Output: ${previousOutput}`);
    if (r() < 0.3) lines.push(`    Keterangan: catatan ${s}`);
    if (decision) lines.push(`    Tidak: @s${Math.max(1, s - 1 - Math.floor(r() * Math.min(s - 1, 8)))}`);
    lines.push('');
  }
  return lines.join('\n');
}
