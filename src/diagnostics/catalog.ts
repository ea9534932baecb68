/**
 * The catalogue of diagnostics: stable codes, severities, and message
 * templates in Indonesian (`id`, the default) and English (`en`).
 *
 * Codes are grouped by range:
 *   SOP1xx syntax   — the shape of lines and their grouping
 *   SOP2xx names    — lanes, step labels, targets
 *   SOP3xx flow     — the procedure's graph
 *   SOP4xx identity — dates, NIP, durations, required fields
 *   SOP5xx project  — checks across the files of a project
 *   SOP6xx render   — building outputs
 * A code never changes meaning once released; retired codes are not reused.
 */
import type { Severity } from './diagnostic.js';
import { visibleLine, visibleName } from '../util/text.js';

export type Lang = 'id' | 'en';
export type Params = Readonly<Record<string, string | number>>;
type Template = (p: Params) => string;

export interface CatalogEntry {
  readonly severity: Severity;
  /** A one-line title for documentation. */
  readonly title: string;
  readonly message: Readonly<Record<Lang, Template>>;
  readonly hint?: Readonly<Record<Lang, Template>>;
}

/**
 * User text in a message, quoted; control characters made visible (messages reach terminals),
 * and so are invisible characters (zero-width space, joiners, soft hyphen, BOM): otherwise
 * "Pelaksana `a\u200b` tidak dideklarasikan. Mungkin maksud Anda `a`?" reads as `a` against `a`.
 */
const q = (s: string | number | undefined): string => `\`${visibleName(String(s ?? ''))}\``;

/** Reasons are passed as keys so that a message can be re-rendered in either language. */
const REASONS: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  'date-format': { id: 'bentuknya tidak dikenali', en: 'the form is not recognised' },
  'date-month': { id: 'bulan tidak ada', en: 'no such month' },
  'date-day': { id: 'tanggal itu tidak ada pada bulan tersebut', en: 'no such day in that month' },
  'nip-length': { id: 'harus 18 angka', en: 'it must have 18 digits' },
  'nip-birth': { id: 'tanggal lahir (8 angka pertama) tidak sah', en: 'the birth date (first 8 digits) is invalid' },
  'nip-appointment': {
    id: 'tahun-bulan pengangkatan (angka 9-14) tidak sah',
    en: 'the appointment year-month (digits 9-14) is invalid',
  },
  'nip-gender': { id: 'angka jenis kelamin (angka ke-15) harus 1 atau 2', en: 'the gender digit (15th) must be 1 or 2' },
  'logo-folder': { id: 'itu sebuah folder', en: 'it is a folder' },
  'logo-special': { id: 'itu bukan berkas biasa (FIFO, perangkat atau soket)', en: 'it is not a regular file (a FIFO, device or socket)' },
  'logo-unreadable': { id: 'berkas tidak dapat dibaca', en: 'the file cannot be read' },
  'logo-svg': { id: 'logo SVG tidak diterima karena dapat memuat skrip dan rujukan ke berkas lain', en: 'SVG logos are refused: they can carry scripts and references to other files' },
  'logo-extension': { id: 'ekstensinya bukan .png, .jpg, .jpeg, .gif atau .webp', en: 'its extension is not .png, .jpg, .jpeg, .gif or .webp' },
  'logo-content': { id: 'isinya bukan gambar yang sesuai dengan ekstensinya', en: 'its content is not the image type its extension claims' },
  'logo-dimensions': {
    id: 'ukuran yang tertulis di gambarnya melebihi batas (8 000 piksel per sisi, 16 juta piksel seluruhnya)',
    en: 'the size written in the image is over the limit (8,000 pixels a side, 16 million pixels in all)',
  },
  'logo-corrupt': { id: 'berkas gambarnya rusak atau terpotong', en: 'the image file is corrupt or cut short' },
  'logo-unsupported': {
    id: 'jenis JPEG ini tidak dapat dimuat dalam PDF (hanya JPEG 8 bit, baseline atau progresif, dengan 1, 3 atau 4 komponen warna)',
    en: 'this kind of JPEG cannot be held in a PDF (only 8-bit JPEG, baseline or progressive, with 1, 3 or 4 colour components)',
  },
};
const reason = (lang: Lang, p: Params): string => {
  const r = p['reason'];
  return r === undefined ? '' : (REASONS[String(r)]?.[lang] ?? String(r));
};

/** "Mungkin maksud Anda `x`?" when a suggestion exists. */
function didYouMean(lang: Lang, p: Params): string {
  const s = p['suggestion'];
  if (s === undefined || s === '') return '';
  return lang === 'id' ? `Mungkin maksud Anda ${q(s)}?` : `Did you mean ${q(s)}?`;
}

/** A list passed as one parameter (names joined by line breaks), quoted: `a`, `b`, `c` (at most 12). */
function qList(list: string | number | undefined): string {
  const names = String(list ?? '').split('\n').filter((n) => n !== '');
  return names.slice(0, 12).map(q).join(', ') + (names.length > 12 ? ', …' : '');
}

/** "Did you mean", then what is known at the place (`known`), for a name nothing is near to. */
function didYouMeanOrList(lang: Lang, p: Params, id: string, en: string): string {
  const list = qList(p['known']);
  return [didYouMean(lang, p), list === '' ? '' : `${lang === 'id' ? id : en}: ${list}.`].filter(Boolean).join(' ');
}
/** Why the importer put a step in a lane (SOP701). */
const IMPORT_WHY: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  first: { id: 'langkah pertama', en: 'first step' },
  handover: { id: 'langkah sebelumnya menyerahkan kepadanya', en: 'the step before hands the work to it' },
  partner: { id: 'ia yang sebelumnya menerima dari penerima langkah ini', en: 'it earlier received from this step\'s recipient' },
  receive: { id: 'menerima kembali dari pelaksana sebelumnya', en: 'it receives back from the lane before' },
  same: { id: 'sama dengan langkah sebelumnya', en: 'same as the step before' },
  unused: { id: 'lajur yang belum dipakai', en: 'a lane no other step used' },
  'unused-order': { id: 'perintah tanpa nama pelaksana; lajur yang belum dipakai', en: 'an order naming no one; the lanes no other step used' },
};

/** What the importer mended in a drafter's text (SOP706). */
const IMPORT_MEND: Readonly<Record<string, Readonly<Record<Lang, string>>>> = {
  repeat: { id: 'kata berulang', en: 'a repeated word' },
  italics: { id: 'huruf miring HTML ditulis sebagai huruf miring .sop', en: 'HTML italics written as .sop italics' },
  cp1252: { id: 'berkas bukan UTF-8, dibaca sebagai Windows-1252', en: 'the file is not UTF-8, read as Windows-1252' },
  utf8: { id: 'bita yang bukan UTF-8 ditulis \ufffd', en: 'bytes that are not UTF-8 written \ufffd' },
  cut: { id: 'lebih dari 20 000 karakter; dipotong', en: 'over 20 000 characters; cut' },
};
const IMPORT_MEND_ANY: Readonly<Record<Lang, string>> = {
  id: 'kata berulang, huruf miring HTML, pengodean berkas teks, atau teks lebih dari 20 000 karakter',
  en: 'a repeated word, HTML italics, the text file\'s encoding, or text over 20 000 characters',
};

export const CATALOG = {
  // ---- syntax -------------------------------------------------------------
  SOP101: {
    severity: 'error',
    title: 'unrecognised line',
    message: {
      id: (p) => `Baris ini tidak dikenali: ${q(p['text'])}`,
      en: (p) => `This line is not recognised: ${q(p['text'])}`,
    },
    hint: {
      id: (p) =>
        p['continues'] === 'step'
          ? `Kegiatan sebuah langkah ditulis dalam satu baris: sambungkan baris ini ke akhir baris ${p['line']} (teks panjang dilipat sendiri saat dicetak).`
          : p['continues'] === 'value'
          ? `Nilai ditulis dalam satu baris: sambungkan baris ini ke akhir baris ${p['line']}, atau jadikan butir tersendiri \`- teks\`.`
          : p['numbered'] === 2
          ? 'Langkah ditulis `[pelaksana] kegiatan`, tanpa nomor; nomor langkah dihitung otomatis.'
          : p['numbered'] === 1
          ? 'Item daftar ditulis dengan tanda hubung, misalnya `- teks`; nomor dihitung otomatis.'
          : 'Setiap baris berbentuk `Label: nilai`, `- item`, atau `[pelaksana] kegiatan`.',
      en: (p) =>
        p['continues'] === 'step'
          ? `A step's activity is written on one line: join this line to the end of line ${p['line']} (long text wraps by itself in print).`
          : p['continues'] === 'value'
          ? `A value is written on one line: join this line to the end of line ${p['line']}, or make it an item of its own \`- text\`.`
          : p['numbered'] === 2
          ? 'A step is written `[lane] activity`, without a number; steps are numbered automatically.'
          : p['numbered'] === 1
          ? 'List items are written with a dash, e.g. `- text`; numbers are computed.'
          : 'Every line is `Label: value`, `- item`, or `[lane] activity`.',
    },
  },
  SOP102: {
    severity: 'error',
    title: 'unknown label',
    message: {
      id: (p) => `Label ${q(p['label'])} tidak dikenal.`,
      en: (p) => `Unknown label ${q(p['label'])}.`,
    },
    hint: {
      id: (p) =>
        p['heading'] === 1
          ? `Bagian langkah-langkah ditulis ${q('Prosedur:')}; langkah di bawahnya dibaca sebagai prosedur.`
          : didYouMeanOrList('id', p, 'Label yang berlaku di sini', ''),
      en: (p) =>
        p['heading'] === 1
          ? `The steps' section is written ${q('Prosedur:')}; the steps below it are read as the procedure.`
          : didYouMeanOrList('en', p, '', 'Labels valid here'),
    },
  },
  SOP103: {
    severity: 'error',
    title: 'label in the wrong place',
    message: {
      id: (p) => `${q(p['label'])} hanya berlaku di bawah ${q(p['place'])}.`,
      en: (p) => `${q(p['label'])} is only valid under ${q(p['place'])}.`,
    },
    hint: {
      id: (p) => (p['place'] === 'langkah' ? 'Tulis field ini di bawah sebuah langkah di dalam `Prosedur`.' : `Pindahkan baris ini ke bawah ${q(p['place'])}.`),
      en: (p) => (p['place'] === 'langkah' ? 'Write this field under a step inside `Prosedur`.' : `Move this line under ${q(p['place'])}.`),
    },
  },
  SOP104: {
    severity: 'error',
    title: 'repeated section or field',
    message: {
      id: (p) => `${q(p['label'])} sudah ditulis sebelumnya; setiap bagian hanya boleh muncul sekali.`,
      en: (p) => `${q(p['label'])} was already written; each section may appear only once.`,
    },
    hint: {
      id: () => 'Gabungkan isinya dengan yang pertama.',
      en: () => 'Merge its content into the first one.',
    },
  },
  SOP105: {
    severity: 'error',
    title: 'list item where no list is allowed',
    message: {
      id: (p) => (p['label'] ? `${q(p['label'])} tidak menerima item daftar.` : 'Item daftar ini tidak berada di bawah bagian mana pun.'),
      en: (p) => (p['label'] ? `${q(p['label'])} does not take list items.` : 'This list item belongs to no section.'),
    },
    hint: {
      id: () => 'Item daftar (`- teks`) hanya berlaku di bawah bagian daftar seperti `Dasar Hukum` atau `Pelaksana`.',
      en: () => 'List items (`- text`) belong under list sections such as `Dasar Hukum` or `Pelaksana`.',
    },
  },
  SOP106: {
    severity: 'error',
    title: 'step outside Prosedur',
    message: {
      id: () => 'Langkah ini berada di luar `Prosedur`.',
      en: () => 'This step stands outside `Prosedur`.',
    },
    hint: {
      id: () => 'Tulis `Prosedur:` pada baris sebelum langkah pertama.',
      en: () => 'Write `Prosedur:` on a line before the first step.',
    },
  },
  SOP107: {
    severity: 'error',
    title: 'step without activity text',
    message: {
      id: () => 'Langkah ini tidak memiliki teks kegiatan.',
      en: () => 'This step has no activity text.',
    },
    hint: {
      id: () => 'Tulis kegiatannya setelah `]`, misalnya `[kasubag] Memeriksa berkas`.',
      en: () => 'Write the activity after `]`, e.g. `[kasubag] Memeriksa berkas`.',
    },
  },
  SOP108: {
    severity: 'error',
    title: 'step names no lane',
    message: {
      id: () => 'Langkah ini tidak menyebut pelaksana.',
      en: () => 'This step names no lane.',
    },
    hint: {
      id: () => 'Sebutkan pelaksana di dalam kurung siku, misalnya `[kasubag] ...`.',
      en: () => 'Name the lane in brackets, e.g. `[kasubag] ...`.',
    },
  },
  SOP109: {
    severity: 'error',
    title: 'unclosed lane list',
    message: {
      id: () => 'Kurung siku `[` tidak ditutup dengan `]`.',
      en: () => 'The `[` is not closed by `]`.',
    },
    hint: {
      id: () => 'Tutup daftar pelaksana dengan `]` sebelum teks kegiatan.',
      en: () => 'Close the lane list with `]` before the activity text.',
    },
  },
  SOP110: {
    severity: 'error',
    title: 'field repeated in one step or block',
    message: {
      id: (p) => `${q(p['label'])} sudah ditulis untuk ${p['owner'] === 'step' ? 'langkah ini' : q(p['owner'])}.`,
      en: (p) => `${q(p['label'])} was already written for ${p['owner'] === 'step' ? 'this step' : q(p['owner'])}.`,
    },
  },
  SOP111: {
    severity: 'error',
    title: 'invalid identifier',
    message: {
      id: (p) => `${q(p['name'])} bukan nama yang sah.`,
      en: (p) => `${q(p['name'])} is not a valid name.`,
    },
    hint: {
      id: () => 'Nama diawali huruf, diikuti huruf, angka, `_` atau `-`, misalnya `@periksa`.',
      en: () => 'A name starts with a letter followed by letters, digits, `_` or `-`, e.g. `@periksa`.',
    },
  },
  SOP112: {
    severity: 'error',
    title: 'empty lane name',
    message: {
      id: () => 'Nama pelaksana kosong di dalam daftar.',
      en: () => 'Empty lane name in the list.',
    },
    hint: { id: () => 'Hapus koma yang berlebih.', en: () => 'Remove the extra comma.' },
  },
  SOP113: {
    severity: 'error',
    title: 'value not allowed on this label',
    message: {
      id: (p) => `${q(p['label'])} tidak menerima nilai pada baris yang sama.`,
      en: (p) => `${q(p['label'])} takes no value on its own line.`,
    },
    hint: {
      id: () => 'Tulis langkah-langkah pada baris berikutnya.',
      en: () => 'Write the steps on the following lines.',
    },
  },
  SOP114: {
    severity: 'error',
    title: 'control characters',
    message: {
      id: () => 'Berkas mengandung karakter kontrol; ini bukan teks biasa.',
      en: () => 'The file contains control characters; it is not plain text.',
    },
  },
  SOP115: {
    severity: 'error',
    title: 'numbered step',
    message: {
      id: (p) => `Langkah tidak diberi nomor sendiri: ${q(p['number'])} di depan langkah ini tidak boleh ditulis.`,
      en: (p) => `Steps are not numbered by hand: ${q(p['number'])} must not be written before this step.`,
    },
    hint: {
      id: (p) => `Nomor langkah dihitung otomatis. Hapus nomornya: ${q(p['step'])}.`,
      en: (p) => `Steps are numbered automatically. Remove the number: ${q(p['step'])}.`,
    },
  },
  SOP116: {
    severity: 'error',
    title: 'text the formatter cannot keep',
    message: {
      id: (p) => `\`sop fmt\` tidak dapat mempertahankan ${q(p['text'])} di baris ini; berkas tidak diformat.`,
      en: (p) => `\`sop fmt\` cannot keep ${q(p['text'])} on this line; the file was not formatted.`,
    },
    hint: {
      id: () => 'Perbaiki baris ini (lihat `sop check`), atau laporkan sebagai kesalahan `sop` bila barisnya sah.',
      en: () => 'Fix this line (see `sop check`), or report it as a bug in `sop` if the line is valid.',
    },
  },
  SOP117: {
    severity: 'warning',
    title: 'invisible or direction-changing characters',
    message: {
      id: (p) => `Teks ini mengandung karakter tak terlihat atau pengatur arah tulisan (${q(p['text'])}): yang tercetak tidak sama dengan yang terbaca.`,
      en: (p) => `This text holds invisible or direction-changing characters (${q(p['text'])}): what is printed is not what it reads.`,
    },
    hint: {
      id: () => 'Hapus karakter itu dan ketik ulang teksnya; pengatur arah (misalnya U+202E) dapat membuat `fdp.exe` terbaca `exe.pdf`.',
      en: () => 'Delete the character and retype the text; a direction control (such as U+202E) can make `fdp.exe` read as `exe.pdf`.',
    },
  },

  // ---- names --------------------------------------------------------------
  SOP201: {
    severity: 'error',
    title: 'unknown lane',
    message: {
      id: (p) => `Pelaksana ${q(p['name'])} tidak dideklarasikan di \`Pelaksana\`.`,
      en: (p) => `Lane ${q(p['name'])} is not declared under \`Pelaksana\`.`,
    },
    hint: {
      id: (p) => didYouMeanOrList('id', p, 'Pelaksana yang dideklarasikan', ''),
      en: (p) => didYouMeanOrList('en', p, '', 'Declared lanes'),
    },
  },
  SOP202: {
    severity: 'error',
    title: 'duplicate lane',
    message: {
      id: (p) => `Pelaksana ${q(p['name'])} dideklarasikan dua kali.`,
      en: (p) => `Lane ${q(p['name'])} is declared twice.`,
    },
  },
  SOP203: {
    severity: 'warning',
    title: 'unused lane',
    message: {
      id: (p) => `Pelaksana ${q(p['name'])} tidak dipakai oleh langkah mana pun.`,
      en: (p) => `Lane ${q(p['name'])} is used by no step.`,
    },
  },
  SOP204: {
    severity: 'error',
    title: 'unknown target',
    message: {
      id: (p) => `Tidak ada langkah berlabel ${q('@' + p['name'])}.`,
      en: (p) => `No step is labelled ${q('@' + p['name'])}.`,
    },
    // With no label near it, the label is still to be given: say where it is written (a drafter new to labels was told nothing).
    hint: {
      id: (p) => didYouMean('id', p) || `Tulis label itu di depan langkah tujuannya: ${q(`@${p['name']} [pelaksana] kegiatan`)}.`,
      en: (p) => didYouMean('en', p) || `Write the label before the step it leads to: ${q(`@${p['name']} [lane] activity`)}.`,
    },
  },
  SOP205: {
    severity: 'error',
    title: 'duplicate step label',
    message: {
      id: (p) => `Label ${q('@' + p['name'])} sudah dipakai oleh langkah lain.`,
      en: (p) => `Label ${q('@' + p['name'])} is already used by another step.`,
    },
  },
  SOP206: {
    severity: 'error',
    title: 'invalid target',
    message: {
      id: (p) => `${q(p['text'])} bukan tujuan alur yang sah.`,
      en: (p) => `${q(p['text'])} is not a valid flow target.`,
    },
    hint: {
      id: (p) => [didYouMean('id', p), 'Tujuan ditulis `@label` (label sebuah langkah) atau `selesai`.'].filter(Boolean).join(' '),
      en: (p) => [didYouMean('en', p), 'A target is `@label` (a step label) or `selesai`.'].filter(Boolean).join(' '),
    },
  },
  SOP207: {
    severity: 'error',
    title: 'lane without a title',
    message: {
      id: () => 'Pelaksana ini tidak memiliki nama jabatan.',
      en: () => 'This lane has no title.',
    },
    hint: {
      id: () => 'Tulis `- id: Nama Jabatan` atau `- Nama Jabatan`.',
      en: () => 'Write `- id: Full Title` or `- Full Title`.',
    },
  },

  // ---- flow ---------------------------------------------------------------
  SOP301: {
    severity: 'error',
    title: 'decision branch to its own step',
    message: {
      id: (p) => `Cabang \`${p['branch']}\` menunjuk ke langkahnya sendiri.`,
      en: (p) => `Branch \`${p['branch']}\` points at its own step.`,
    },
  },
  SOP302: {
    severity: 'warning',
    title: 'both branches go to the same place',
    message: {
      id: () => 'Kedua cabang keputusan (`Ya` dan `Tidak`) menuju tempat yang sama.',
      en: () => 'Both branches of the decision (`Ya` and `Tidak`) go to the same place.',
    },
    hint: {
      id: () => 'Jika bukan keputusan, hapus `Ya`/`Tidak` atau pakai `Lanjut`.',
      en: () => 'If this is no decision, remove `Ya`/`Tidak` or use `Lanjut`.',
    },
  },
  SOP303: {
    severity: 'error',
    title: 'Lanjut together with Ya/Tidak',
    message: {
      id: () => '`Lanjut` tidak boleh dipakai bersama `Ya` atau `Tidak` pada satu langkah.',
      en: () => '`Lanjut` cannot be used together with `Ya` or `Tidak` on one step.',
    },
  },
  SOP304: {
    severity: 'error',
    title: 'last decision leaves a branch unwritten',
    message: {
      id: (p) => `Keputusan ini adalah langkah terakhir, tetapi cabang \`${p['branch']}\` tidak ditulis.`,
      en: (p) => `This decision is the last step, but branch \`${p['branch']}\` is not written.`,
    },
    hint: {
      id: (p) => `Tambahkan \`${p['branch']}: selesai\` atau \`${p['branch']}: @label\`.`,
      en: (p) => `Add \`${p['branch']}: selesai\` or \`${p['branch']}: @label\`.`,
    },
  },
  SOP305: {
    severity: 'warning',
    title: 'unreachable step',
    message: {
      id: (p) => `Langkah ${p['step']} tidak dapat dicapai dari langkah pertama.`,
      en: (p) => `Step ${p['step']} cannot be reached from the first step.`,
    },
  },
  SOP306: {
    severity: 'error',
    title: 'endless loop',
    message: {
      id: (p) => `Putaran tanpa akhir: dari langkah ${p['step']} alur tidak pernah mencapai akhir prosedur.`,
      en: (p) => `Endless loop: from step ${p['step']} the flow never reaches an end.`,
    },
    hint: {
      id: () => 'Beri salah satu langkah dalam putaran ini cabang yang keluar, misalnya `Ya: @label` atau `Lanjut: selesai`.',
      en: () => 'Give a step of this loop a way out, e.g. `Ya: @label` or `Lanjut: selesai`.',
    },
  },
  SOP307: {
    severity: 'error',
    title: 'no steps',
    message: {
      id: () => 'Prosedur tidak memiliki langkah.',
      en: () => 'The procedure has no steps.',
    },
    hint: {
      id: () => 'Tulis langkah di bawah `Prosedur:`, misalnya `[kasubag] Memeriksa berkas`.',
      en: () => 'Write steps under `Prosedur:`, e.g. `[kasubag] Memeriksa berkas`.',
    },
  },
  SOP308: {
    severity: 'info',
    title: 'Kelengkapan not produced by an earlier step',
    message: {
      id: (p) => `\`Kelengkapan\` langkah ${p['step']} (${q(p['text'])}) tidak disebut dalam \`Output\` langkah sebelumnya.`,
      en: (p) => `The \`Kelengkapan\` of step ${p['step']} (${q(p['text'])}) is named in no earlier step's \`Output\`.`,
    },
    hint: {
      id: () => 'Jika bahan ini dibuat dalam prosedur, sebut di `Output` langkah yang membuatnya; jika datang dari luar, abaikan. Atur di sop.config.json: `"checks": { "SOP308": "off" }`.',
      en: () => 'If the procedure makes it, name it in the `Output` of the step that does; if it comes from outside, ignore this. Set in sop.config.json: `"checks": { "SOP308": "off" }`.',
    },
  },
  SOP309: {
    severity: 'info',
    title: 'Output used by no later step',
    message: {
      id: (p) => `\`Output\` langkah ${p['step']} (${q(p['text'])}) tidak dipakai langkah sesudahnya.`,
      en: (p) => `The \`Output\` of step ${p['step']} (${q(p['text'])}) is used by no later step.`,
    },
    hint: {
      id: () => 'Sebut di `Kelengkapan` langkah yang memakainya. Atur di sop.config.json: `"checks": { "SOP309": "off" }`.',
      en: () => 'Name it in the `Kelengkapan` of the step that uses it. Set in sop.config.json: `"checks": { "SOP309": "off" }`.',
    },
  },

  // ---- identity -----------------------------------------------------------
  SOP401: {
    severity: 'warning',
    title: 'missing identity field',
    message: {
      id: (p) => `${q(p['label'])} tidak diisi.`,
      en: (p) => `${q(p['label'])} is missing.`,
    },
    hint: {
      id: (p) => (p['present'] === 1 ? 'Isi nilainya setelah titik dua.' : `Tambahkan baris \`${p['label']}: ...\`.`),
      en: (p) => (p['present'] === 1 ? 'Write its value after the colon.' : `Add a line \`${p['label']}: ...\`.`),
    },
  },
  SOP402: {
    severity: 'error',
    title: 'missing Pelaksana or Prosedur',
    message: {
      id: (p) => `Bagian ${q(p['label'])} wajib ada.`,
      en: (p) => `Section ${q(p['label'])} is required.`,
    },
    hint: {
      id: (p) => (p['label'] === 'Pelaksana' ? 'Tambahkan `Pelaksana:` dengan satu baris `- id: Nama Jabatan` per pelaksana.' : 'Tambahkan `Prosedur:` diikuti langkah-langkahnya.'),
      en: (p) => (p['label'] === 'Pelaksana' ? 'Add `Pelaksana:` with one `- id: Full Title` line per lane.' : 'Add `Prosedur:` followed by the steps.'),
    },
  },
  SOP403: {
    severity: 'error',
    title: 'invalid date',
    message: {
      id: (p) => `${q(p['text'])} bukan tanggal yang sah (${reason('id', p)}).`,
      en: (p) => `${q(p['text'])} is not a valid date (${reason('en', p)}).`,
    },
    hint: {
      id: () => 'Bentuk yang diterima: `31-08-2023`, `31/08/2023`, `2023-08-31`, `31 Agustus 2023`, `31-Aug-23`.',
      en: () => 'Accepted forms: `31-08-2023`, `31/08/2023`, `2023-08-31`, `31 Agustus 2023`, `31-Aug-23`.',
    },
  },
  SOP404: {
    severity: 'warning',
    title: 'date precedes Tanggal Pembuatan',
    message: {
      id: (p) => `${q(p['label'])} (${p['date']}) lebih awal dari \`Tanggal Pembuatan\` (${p['created']}).`,
      en: (p) => `${q(p['label'])} (${p['date']}) is earlier than \`Tanggal Pembuatan\` (${p['created']}).`,
    },
  },
  SOP405: {
    severity: 'warning',
    title: 'NIP has the wrong shape',
    message: {
      id: (p) => `NIP ${q(p['text'])} tidak sesuai bentuk \`YYYYMMDD YYYYMM G NNN\`: ${reason('id', p)}.`,
      en: (p) => `NIP ${q(p['text'])} does not match \`YYYYMMDD YYYYMM G NNN\`: ${reason('en', p)}.`,
    },
  },
  SOP406: {
    severity: 'warning',
    title: 'duration without a unit',
    message: {
      id: (p) => `Waktu ${q(p['text'])} tidak memiliki satuan.`,
      en: (p) => `Duration ${q(p['text'])} has no unit.`,
    },
    hint: {
      id: (p) => `Tulis misalnya \`${p['text']} Menit\`; satuan: detik, menit, jam, hari, minggu, bulan.`,
      en: (p) => `Write e.g. \`${p['text']} Menit\`; units: detik, menit, jam, hari, minggu, bulan.`,
    },
  },
  SOP407: {
    severity: 'warning',
    title: 'unknown duration unit',
    message: {
      id: (p) => `Satuan waktu ${q(p['unit'])} tidak dikenal.`,
      en: (p) => `Unknown duration unit ${q(p['unit'])}.`,
    },
    hint: { id: (p) => didYouMean('id', p), en: (p) => didYouMean('en', p) },
  },
  SOP409: {
    severity: 'warning',
    title: 'duration range reversed',
    message: {
      id: (p) => `Rentang waktu ${q(p['text'])} terbalik: ${p['from']} lebih dari ${p['to']}.`,
      en: (p) => `Duration range ${q(p['text'])} is reversed: ${p['from']} is more than ${p['to']}.`,
    },
    hint: {
      id: (p) => `Tulis yang kecil dulu: \`${p['fixed']}\`. Jumlah waktu prosedur dihitung dari rentang ini.`,
      en: (p) => `Write the smaller first: \`${p['fixed']}\`. The procedure's total time is counted from this range.`,
    },
  },
  SOP410: {
    severity: 'warning',
    title: 'duration of zero',
    message: {
      id: (p) => `Waktu ${q(p['text'])} bernilai nol.`,
      en: (p) => `Duration ${q(p['text'])} is zero.`,
    },
    hint: {
      id: () => 'Tulis lama langkah yang sebenarnya, atau hapus baris `Waktu` bila lamanya tidak diketahui.',
      en: () => 'Write how long the step really takes, or remove the `Waktu` line when it is not known.',
    },
  },
  SOP408: {
    severity: 'error',
    title: 'logo outside the project',
    message: {
      id: (p) => `Logo ${q(p['path'])} berada di luar folder proyek.`,
      en: (p) => `Logo ${q(p['path'])} lies outside the project folder.`,
    },
    hint: {
      id: () => 'Simpan gambar logo di dalam folder proyek dan tulis jalurnya relatif terhadap berkas ini.',
      en: () => 'Keep the logo inside the project folder, with a path relative to this file.',
    },
  },

  // ---- project ------------------------------------------------------------
  SOP501: {
    severity: 'error',
    title: 'duplicate Nomor SOP',
    message: {
      id: (p) => `Nomor SOP ${q(p['number'])} sudah dipakai oleh ${visibleLine(String(p['other']))}.`,
      en: (p) => `Nomor SOP ${q(p['number'])} is already used by ${visibleLine(String(p['other']))}.`,
    },
  },
  SOP502: {
    severity: 'error',
    title: 'logo file not found',
    message: {
      id: (p) => `Berkas logo ${q(p['path'])} tidak ditemukan.`,
      en: (p) => `Logo file ${q(p['path'])} not found.`,
    },
  },
  SOP503: {
    severity: 'error',
    title: 'invalid sop.config.json',
    message: {
      id: (p) => `sop.config.json tidak sah: ${p['reason']}.`,
      en: (p) => `sop.config.json is invalid: ${p['reason']}.`,
    },
  },
  SOP504: {
    severity: 'error',
    title: 'logo is not a regular file',
    message: {
      id: (p) => `Logo ${q(p['path'])} tidak dapat dipakai: ${reason('id', p)}.`,
      en: (p) => `Logo ${q(p['path'])} cannot be used: ${reason('en', p)}.`,
    },
    hint: {
      id: () => 'Logo harus berkas gambar biasa di dalam folder proyek.',
      en: () => 'A logo must be a regular image file inside the project folder.',
    },
  },
  SOP505: {
    severity: 'error',
    title: 'logo too large',
    message: {
      id: (p) => `Logo ${q(p['path'])} terlalu besar (${p['size']} MB; batasnya 2 MB).`,
      en: (p) => `Logo ${q(p['path'])} is too large (${p['size']} MB; the limit is 2 MB).`,
    },
    hint: {
      id: () => 'Perkecil gambarnya; logo dicetak sekitar 2 cm, 300 piksel sudah cukup.',
      en: () => 'Make the image smaller; the logo is printed about 2 cm wide, 300 pixels are enough.',
    },
  },
  SOP506: {
    severity: 'error',
    title: 'logo is not a sound PNG, JPEG, GIF or WebP image',
    message: {
      id: (p) => `Logo ${q(p['path'])} ditolak: ${reason('id', p)}.`,
      en: (p) => `Logo ${q(p['path'])} is refused: ${reason('en', p)}.`,
    },
    hint: {
      id: () => 'Gunakan gambar PNG, JPEG, GIF atau WebP yang sah, dengan ekstensi yang sesuai (ubah SVG ke PNG).',
      en: () => 'Use a valid PNG, JPEG, GIF or WebP image with the matching extension (convert an SVG to PNG).',
    },
  },
  SOP590: {
    severity: 'error',
    title: 'diagram too large for mermaid-svg/mermaid-png',
    message: {
      id: (p) => `Diagram Mermaid SVG/PNG tidak dibuat: SOP ini punya ${p['steps']} langkah, batasnya ${p['max']} langkah (Mermaid tidak selesai menata diagram sebesar itu).`,
      en: (p) => `Mermaid SVG/PNG diagram not made: this SOP has ${p['steps']} steps, the limit is ${p['max']} (Mermaid does not finish laying out a diagram that large).`,
    },
    hint: {
      id: () => 'Pecah prosedur menjadi beberapa SOP yang saling terkait (Keterkaitan), atau bangun dengan svg/png bawaan (`--format html,pdf,svg,png`); HTML, PDF, SVG/PNG bawaan dan teks Mermaid tetap dibuat.',
      en: () => 'Split the procedure into several related SOPs (Keterkaitan), or build the native svg/png instead (`--format html,pdf,svg,png`); HTML, PDF, the native SVG/PNG and the Mermaid text are still made.',
    },
  },
  SOP591: {
    severity: 'error',
    title: 'procedure too long (every output)',
    message: {
      id: (p) => `Prosedur terlalu panjang: ${p['steps']} langkah, batasnya ${p['max']}; langkah ini yang pertama melewatinya. Tidak ada dokumen yang dibuat (HTML, PDF, SVG/PNG, Mermaid, buku, pratinjau).`,
      en: (p) => `The procedure is too long: ${p['steps']} steps, the limit is ${p['max']}; this step is the first past it. No document is made (HTML, PDF, SVG/PNG, Mermaid, book, preview).`,
    },
    hint: {
      id: () => 'Pecah prosedur menjadi beberapa SOP yang saling terkait (Keterkaitan).',
      en: () => 'Split the procedure into several related SOPs (Keterkaitan).',
    },
  },
  SOP592: {
    severity: 'error',
    title: 'too many lanes (every output)',
    message: {
      id: (p) => `Terlalu banyak pelaksana: ${p['lanes']}, batasnya ${p['max']} (kolomnya tidak lagi terbaca); pelaksana ini yang pertama melewatinya. Tidak ada dokumen yang dibuat (HTML, PDF, SVG/PNG, Mermaid, buku, pratinjau).`,
      en: (p) => `Too many lanes: ${p['lanes']}, the limit is ${p['max']} (the columns would no longer be readable); this lane is the first past it. No document is made (HTML, PDF, SVG/PNG, Mermaid, book, preview).`,
    },
    hint: {
      id: () => 'Gabungkan pelaksana yang berperan sama, atau pecah prosedur menjadi beberapa SOP.',
      en: () => 'Merge lanes that play the same part, or split the procedure into several SOPs.',
    },
  },
  SOP593: {
    severity: 'warning',
    title: 'document too large to check in the editor',
    message: {
      id: (p) => `Dokumen ini terlalu besar untuk diperiksa di editor (${p['size']} MB; batasnya ${p['max']} MB): tidak ada pemeriksaan, pelengkapan atau info lain untuknya.`,
      en: (p) => `This document is too large to check in the editor (${p['size']} MB; the limit is ${p['max']} MB): no checks, completion or other help for it.`,
    },
    hint: {
      id: () => 'Periksa dengan `sop check` di terminal, atau pecah prosedur menjadi beberapa SOP yang saling terkait (Keterkaitan).',
      en: () => 'Check it with `sop check` in a terminal, or split the procedure into several related SOPs (Keterkaitan).',
    },
  },
  SOP594: {
    severity: 'error',
    title: 'SOP text too large (every output)',
    message: {
      id: (p) => `Teks SOP terlalu besar: ${p['chars']} karakter, batasnya ${p['max']} juta; di sini batas itu terlewati. Tidak ada dokumen yang dibuat (HTML, PDF, SVG/PNG, Mermaid, buku, pratinjau).`,
      en: (p) => `The SOP's text is too large: ${p['chars']} characters, the limit is ${p['max']} million; it is passed here. No document is made (HTML, PDF, SVG/PNG, Mermaid, book, preview).`,
    },
    hint: {
      id: () => 'Pecah prosedur menjadi beberapa SOP yang saling terkait (Keterkaitan), atau pindahkan uraian panjang ke dokumen lain.',
      en: () => 'Split the procedure into several related SOPs (Keterkaitan), or move long descriptions into another document.',
    },
  },
  SOP595: {
    severity: 'error',
    title: 'lane title too long (every output)',
    message: {
      id: (p) => `Nama pelaksana terlalu panjang: ${p['chars']} karakter, batasnya ${p['max']} (kepala tabel tidak lagi muat di halaman). Tidak ada dokumen yang dibuat.`,
      en: (p) => `The lane title is too long: ${p['chars']} characters, the limit is ${p['max']} (the table header would no longer fit the page). No document is made.`,
    },
    hint: {
      id: () => 'Tulis nama jabatannya saja (misalnya "Kepala Subbagian Umum"); uraian tugas masuk ke langkah atau Keterangan.',
      en: () => 'Write the post\'s name only (for example "Kepala Subbagian Umum"); duties belong in the steps or Keterangan.',
    },
  },
  SOP596: {
    severity: 'error',
    title: 'table header and tallest row do not fit the page',
    message: {
      id: (p) =>
        `Kepala tabel (${p['header']} mm dengan judulnya) dan baris tertinggi (${p['row']} mm${p['step'] ? `, langkah ${p['step']}` : ''}) tidak muat di halaman (tinggi ${p['page']} mm). Tidak ada dokumen yang dibuat untuk SOP ini (HTML, PDF, SVG/PNG, buku, pratinjau).`,
      en: (p) =>
        `The table header (${p['header']} mm with the caption) and the tallest row (${p['row']} mm${p['step'] ? `, step ${p['step']}` : ''}) do not fit the page (${p['page']} mm high). No document is made for this SOP (HTML, PDF, SVG/PNG, book, preview).`,
    },
    hint: {
      id: () => 'Perpendek nama pelaksana atau "headers" di sop.config.json, atau langkah terpanjang.',
      en: () => 'Shorten the lane titles or sop.config.json\'s "headers", or the longest step.',
    },
  },
  // ---- import (sop import): every guess the importer made, at the line it produced --------
  SOP597: {
    severity: 'error',
    title: 'too many arrows beside one step (every output)',
    message: {
      id: (p) => `Terlalu banyak panah lewat di samping langkah ${p['step']}: ${p['count']} panah, batasnya ${p['max']} (gambarnya tidak lagi dapat diikuti, dan menatanya makan waktu sangat lama). Tidak ada dokumen yang dibuat (HTML, PDF, SVG/PNG, Mermaid, buku, pratinjau).`,
      en: (p) => `Too many arrows pass beside step ${p['step']}: ${p['count']}, the limit is ${p['max']} (the drawing could no longer be followed, and laying it out takes very long). No document is made (HTML, PDF, SVG/PNG, Mermaid, book, preview).`,
    },
    hint: {
      id: () => 'Kurangi lompatan Ya/Tidak ke langkah yang jauh, atau pecah prosedur menjadi beberapa SOP yang saling terkait (Keterkaitan).',
      en: () => 'Cut the Ya/Tidak jumps to far steps, or split the procedure into several related SOPs (Keterkaitan).',
    },
  },
  SOP701: {
    severity: 'info',
    title: 'import: lane guessed',
    message: {
      id: (p) => `Pelaksana langkah ini ditebak (${IMPORT_WHY[String(p['why'])]?.id ?? p['why']}): ${q(p['lanes'])}.`,
      en: (p) => `This step's lane was guessed (${IMPORT_WHY[String(p['why'])]?.en ?? p['why']}): ${q(p['lanes'])}.`,
    },
    hint: { id: () => 'Periksa pelaksananya, lalu hapus komentar `# SOP701` di atasnya.', en: () => 'Check the lane, then delete the `# SOP701` comment above it.' },
  },
  SOP702: {
    severity: 'info',
    title: 'import: decision read from the text',
    message: {
      id: (p) =>
        p['from'] === 'drawing'
          ? 'Langkah ini digambar sebagai keputusan, tetapi cabang-cabangnya tidak terbaca dari gambar.'
          : `Langkah ini dibaca sebagai keputusan dari ${p['from'] === 'keterangan' ? 'Keterangan' : 'teks'}nya: ${q(p['text'])}.`,
      en: (p) =>
        p['from'] === 'drawing'
          ? 'This step is drawn as a decision, but its branches could not be read from the drawing.'
          : `This step was read as a decision from its ${p['from'] === 'keterangan' ? 'Keterangan' : 'text'}: ${q(p['text'])}.`,
    },
  },
  SOP703: {
    severity: 'info',
    title: 'import: Tidak target guessed',
    message: {
      id: (p) => `Cabang Tidak ditebak kembali ke langkah ${p['step']}.`,
      en: (p) => `The Tidak branch was guessed to return to step ${p['step']}.`,
    },
  },
  SOP704: {
    severity: 'info',
    title: 'import: name taken from the table title',
    message: {
      id: (p) => `Nama SOP diambil dari judul tabel ${q(p['text'])}; halaman identitas menulis ${q(p['other'])}.`,
      en: (p) => `The SOP's name was taken from the table title ${q(p['text'])}; the identity page says ${q(p['other'])}.`,
    },
  },
  SOP705: {
    severity: 'info',
    title: 'import: label read despite a misspelling',
    message: {
      id: (p) => `Label ${q(p['text'])} dibaca sebagai ${q(p['label'])}.`,
      en: (p) => `Label ${q(p['text'])} was read as ${q(p['label'])}.`,
    },
  },
  SOP706: {
    severity: 'info',
    title: 'import: text mended',
    message: {
      id: (p) => `Teks sumber ${q(p['text'])} diperbaiki (${IMPORT_MEND[String(p['mend'])]?.id ?? IMPORT_MEND_ANY.id}).`,
      en: (p) => `Source text ${q(p['text'])} was mended (${IMPORT_MEND[String(p['mend'])]?.en ?? IMPORT_MEND_ANY.en}).`,
    },
  },
  SOP707: {
    severity: 'info',
    title: 'import: step renumbered',
    message: {
      id: (p) => (p['found'] === '-' ? `Baris tanpa nomor dibaca sebagai langkah ${p['step']}.` : `Langkah bernomor ${p['found']} di sumber menjadi langkah ${p['step']}.`),
      en: (p) => (p['found'] === '-' ? `A row without a number was read as step ${p['step']}.` : `The step numbered ${p['found']} in the source is step ${p['step']}.`),
    },
  },
  SOP708: {
    severity: 'info',
    title: 'import: Ya/Tidak marks without a decision',
    message: {
      id: (p) => `Sumber memberi tanda ${q(p['marks'])} pada langkah ini, tetapi teksnya bukan keputusan; ditulis sebagai proses biasa.`,
      en: (p) => `The source marks this step ${q(p['marks'])}, but its text is no decision; written as an ordinary process.`,
    },
  },
  SOP709: {
    severity: 'info',
    title: 'import: time normalised',
    message: {
      id: (p) => `Waktu ${q(p['text'])} ditulis ${q(p['value'])}.`,
      en: (p) => `Time ${q(p['text'])} written as ${q(p['value'])}.`,
    },
  },
  SOP710: {
    severity: 'warning',
    title: 'import: value not understood',
    message: {
      id: (p) => `Nilai ${q(p['text'])} tidak dikenali dan disalin apa adanya.`,
      en: (p) => `Value ${q(p['text'])} was not understood and was copied as it is.`,
    },
  },
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof CATALOG;

