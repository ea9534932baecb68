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

const HEAD = (name, lanes) => [
  `Nama SOP: ${name}`,
  `Nomor SOP: 000.8/${name.replace(/\W+/g, '-')}/DISKOPUKM.A`,
  'Tanggal Pembuatan: 2023-08-31',
  'Pelaksana:',
  ...Array.from({ length: lanes }, (_, i) => `  - l${i + 1}: ${TITLES[i % TITLES.length]}${i >= TITLES.length ? ' ' + (i + 1) : ''}`),
  '',
  'Prosedur:',
];

/**
 * A chain of rework loops: after the start, every step is a decision whose
 * Tidak returns to the step before it ("jika tidak setuju dikembalikan ...").
 * Lanes go round in order, so each loop also changes lane.
 * @param {number} steps
 * @param {number} [lanes]
 * @param {{ back?: number, text?: number }} [opts] back: how many steps each loop goes back; text: words of Kegiatan per step
 */
export function chainSop(steps, lanes = 4, opts = {}) {
  const back = opts.back ?? 1;
  const words = opts.text ?? 6;
  const lines = HEAD(`Uji Rantai Perbaikan ${steps} Langkah ${lanes} Lajur`, lanes);
  for (let s = 1; s <= steps; s++) {
    const lane = ((s - 1) % lanes) + 1;
    const decision = s > back && s < steps;
    lines.push(`  @s${s} [l${lane}] ${VERBS[s % VERBS.length]} ${OBJECTS[s % OBJECTS.length]} ${'kata '.repeat(words)}${decision ? ', jika tidak setuju dikembalikan untuk diperbaiki' : ''}`.trimEnd());
    if (decision) lines.push(`    Tidak: @s${s - back}`);
  }
  return lines.join('\n');
}

/**
 * Loops that cross page breaks: long Kegiatan texts push steps onto later
 * pages, and decisions return to steps several rows (and pages) back.
 * @param {number} lanes
 */
export function pageLoopsSop(lanes = 5) {
  const lines = HEAD(`Uji Putaran Antar Halaman ${lanes} Lajur`, lanes);
  const n = 30;
  for (let s = 1; s <= n; s++) {
    const lane = ((s * 3) % lanes) + 1;
    lines.push(`  @s${s} [l${lane}] Langkah ${s} ${'uraian kegiatan yang panjang '.repeat(s % 4 === 0 ? 6 : 1)}`.trimEnd());
    if (s === 9) lines.push('    Tidak: @s2');
    if (s === 14) lines.push('    Tidak: @s12');
    if (s === 20) lines.push('    Tidak: @s7');
    if (s === 25) lines.push('    Tidak: @s21');
    if (s === 29) lines.push('    Ya: selesai', '    Tidak: @s3');
    if (s === 27) lines.push('    Tidak: @s26');
  }
  return lines.join('\n');
}

/**
 * Steps done by several lanes at once, with loops that return to them.
 * @param {number} lanes
 */
export function multiLaneSop(lanes = 8) {
  const all = Array.from({ length: lanes }, (_, i) => `l${i + 1}`);
  return [
    ...HEAD(`Uji Langkah Bersama ${lanes} Lajur`, lanes),
    `  @a [l1] Mulai`,
    `  @b [${all.join(', ')}] Rapat bersama semua pejabat`,
    `  [l${lanes}] Memeriksa hasil rapat`,
    '    Tidak: @b',
    `  @c [l2, l${Math.max(3, lanes - 2)}] Dua pejabat sekaligus`,
    `  [l${Math.ceil(lanes / 2)}] Memutuskan`,
    '    Tidak: @c',
    `  [l1, l${lanes}] Mengarsipkan bersama`,
    `  [l3] Memeriksa arsip`,
    '    Tidak: @b',
    '  [l1] Selesai',
  ].join('\n');
}
