/**
 * The language of the CLI's own messages (not the diagnostics, which have
 * their catalogue in src/diagnostics/catalog.ts).
 *
 * The commands write their `sop: ...` messages in Indonesian; under
 * `--lang en` the terminal translates them with the table below, so a
 * message added anywhere needs one line here to be English too. Commander's
 * own errors and help are English; in Indonesian they are translated the
 * same way. `--lang` is read from argv before commander parses it, so that
 * even a usage error is in the language asked for.
 */
import { Help } from 'commander';
import type { Lang } from '../diagnostics/catalog.js';
import type { Terminal } from './terminal.js';

/** `--lang en` / `--lang=en` anywhere on the command line; Indonesian otherwise. */
export function argvLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'en') return 'en';
  }
  return 'id';
}

/** Indonesian → English, for the CLI's `sop: ...` lines (first match of each pattern is replaced). */
const TO_EN: readonly (readonly [RegExp, string])[] = [
  [/bukan berkas teks \(berisi byte NUL\)/, 'not a text file (it contains NUL bytes)'],
  [/berkas UTF-16, bukan UTF-8; simpan ulang berkas sebagai UTF-8/, 'a UTF-16 file, not UTF-8; save the file again as UTF-8'],
  [/adalah tautan simbolik ke luar folder proyek; tidak dibaca/, 'is a symbolic link out of the project folder; not read'],
  [/adalah tautan simbolik yang melingkar; tidak dibaca/, 'is a symbolic link that loops; not read'],
  [/bukan berkas biasa \(FIFO, perangkat atau soket\); tidak dibaca/, 'not a regular file (a FIFO, device or socket); not read'],
  [/bukan berkas biasa \(FIFO, perangkat atau soket\); tidak ditimpa/, 'not a regular file (a FIFO, device or socket); not replaced'],
  [/terlalu besar \(([\d.]+) MB; batasnya (\d+) MB\)/, 'too large ($1 MB; the limit is $2 MB)'],
  [/bukan teks UTF-8 yang sah; simpan ulang berkas sebagai UTF-8/, 'not valid UTF-8 text; save the file again as UTF-8'],
  [/tidak dapat dibaca \(izin ditolak\)/, 'cannot be read (permission denied)'],
  [/tidak dapat ditulis \(izin ditolak\)/, 'cannot be written (permission denied)'],
  [/tidak dapat ditulis: sistem berkasnya hanya-baca \(EROFS\)/, 'cannot be written: its file system is read-only (EROFS)'],
  [/tidak dapat ditulis: foldernya tidak ada dan tidak dapat dibuat di sana/, 'cannot be written: its folder does not exist and cannot be made there'],
  [/tidak ditulis: foldernya adalah tautan simbolik ke luar folder keluaran atau proyek/, 'not written: its folder is a symbolic link out of the output or project folder'],
  [/tidak ditulis: berkasnya berubah selagi diformat \(disimpan dari editor\?\); jalankan lagi/, 'not written: the file changed while it was formatted (saved from an editor?); run again'],
  [/tidak dapat ditulis: namanya terlalu panjang untuk sistem berkas \(ganti nama berkas \.sop-nya\)/, 'cannot be written: its name is too long for the file system (rename its .sop file)'],
  [/tidak dapat ditulis: /, 'cannot be written: '],
  [/adalah folder, bukan berkas/, 'is a folder, not a file'],
  [/sebagian jalurnya adalah berkas, bukan folder/, 'part of its path is a file, not a folder'],
  [/disk penuh/, 'the disk is full'],
  [/kesalahan perangkat penyimpanan \(EIO\); periksa disknya/, 'a storage device error (EIO); check the disk'],
  [/terlalu banyak berkas terbuka \((E[A-Z]+)\); tutup program lain lalu ulangi/, 'too many files open ($1); close other programs and try again'],
  [/namanya terlalu panjang untuk sistem berkas \(ENAMETOOLONG\)/, 'its name is too long for the file system (ENAMETOOLONG)'],
  [/bukan berkas biasa \((ENXIO|ENODEV)\)/, 'not a regular file ($1)'],
  [/sedang dipakai program lain \((E[A-Z]+)\); ulangi nanti/, 'in use by another program ($1); try again later'],
  [/folder jaringannya terputus \((E[A-Z]+)\)/, 'its network folder is disconnected ($1)'],
  [/memori tidak cukup \(ENOMEM\)/, 'not enough memory (ENOMEM)'],
  [/kesalahan sistem \(/, 'a system error ('],
  [/: tidak ditemukan$/, ': not found'],
  [/--jobs memerlukan bilangan bulat 1 sampai 32/, '--jobs needs a whole number from 1 to 32'],
  [/--shard memerlukan i\/n dengan 1 ≤ i ≤ n ≤ 9999, misalnya 2\/4 \(bukan (.*)\)$/, '--shard needs i/n with 1 ≤ i ≤ n ≤ 9999, e.g. 2/4 (not $1)'],
  [/format tidak dikenal: (.*); pilih dari (.*)$/, 'unknown format: $1; choose from $2'],
  [/\(kosong\)/, '(empty)'],
  [/--ast memerlukan tepat satu berkas \.sop/, '--ast needs exactly one .sop file'],
  [/diff memerlukan dua berkas: sop diff LAMA BARU \(atau --git REV\)/, 'diff needs two files: sop diff OLD NEW (or --git REV)'],
  [/pilih salah satu: --write atau --check/, 'choose one of --write and --check'],
  [/tanpa --write atau --check, fmt mencetak satu berkas saja/, 'without --write or --check, fmt prints one file only'],
  [/templat tidak dapat dibaca: /, 'templates cannot be read: '],
  [/templat tidak sah: /, 'template is invalid: '],
  // After the template's own line: its words begin the same way.
  [/tidak dapat dibaca: /, 'cannot be read: '],
  [/^sop: (SOP_CHROMIUM|PUPPETEER_EXECUTABLE_PATH)=(.*) tidak ada atau bukan berkas yang dapat dijalankan\. PDF\/SVG\/PNG tidak dibuat untuk (\d+) berkas\. /, 'sop: $1=$2 does not exist or is not an executable file. PDF/SVG/PNG not made for $3 file(s). '],
  [/PDF\/SVG\/PNG tidak dibuat untuk (\d+) berkas\. /, 'PDF/SVG/PNG not made for $1 file(s). '],
  [
    /Tidak ada Chromium\/Chrome\. Pasang dengan `apt-get install chromium` \(Debian\/Ubuntu\) atau tunjuk lokasinya dengan SOP_CHROMIUM=\/path\/ke\/chromium\./,
    'No Chromium/Chrome found. Install it with `apt-get install chromium` (Debian/Ubuntu) or name it with SOP_CHROMIUM=/path/to/chromium.',
  ],
  [/Chromium dimulai ulang (\d+) kali; pembangunan diteruskan\./, 'Chromium was restarted $1 time(s); the build went on.'],
  [/^sop: gagal: /, 'sop: failed: '],
  [/^sop: git: revisi (.*) tidak dikenal$/, 'sop: git: unknown revision $1'],
  [/^sop: git: (.*) bukan repositori git$/, 'sop: git: $1 is not a git repository'],
  [/^sop: git: git tidak dapat dijalankan: /, 'sop: git: git cannot be run: '],
  [/ memiliki galat; perbedaan dihitung dari bagian yang dapat dibaca/, ' has errors; the diff is computed from what could be read'],
];

/** Commander's English → Indonesian. */
const TO_ID: readonly (readonly [RegExp, string])[] = [
  [/^error: unknown command '(.*)'/, "galat: perintah '$1' tidak dikenal"],
  [/^error: unknown option '(.*)'/, "galat: opsi '$1' tidak dikenal"],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./, "galat: nilai '$2' untuk opsi '$1' tidak sah. Pilihan: $3."],
  [/^error: option '(.*)' argument missing/, "galat: opsi '$1' memerlukan nilai"],
  [/^error: missing required argument '(.*)'/, "galat: argumen wajib '$1' tidak ada"],
  [/^error: required option '(.*)' not specified/, "galat: opsi wajib '$1' tidak diberikan"],
  [/^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\./, 'galat: terlalu banyak argumen: seharusnya $2, diberikan $3.'],
  [/\(Did you mean one of (.*)\?\)/, '(Mungkin maksud Anda salah satu dari $1?)'],
  [/\(Did you mean (.*)\?\)/, '(Mungkin maksud Anda $1?)'],
  [/^error: /, 'galat: '],
];

/** Commander's help titles in Indonesian. */
const TITLES_ID: Readonly<Record<string, string>> = {
  'Usage:': 'Penggunaan:',
  'Options:': 'Opsi:',
  'Commands:': 'Perintah:',
  'Arguments:': 'Argumen:',
  'Global Options:': 'Opsi umum:',
};

const helpWords = (s: string): string =>
  s.replace(/\[options\]/g, '[opsi]').replace(/\[command\]/g, '[perintah]').replace(/\bchoices: /g, 'pilihan: ').replace(/\bdefault: /g, 'bawaan: ');

/**
 * Overrides of commander's Help methods (for `configureHelp`) that put its
 * own words in Indonesian before the columns are measured, so they stay aligned.
 */
export function commanderHelpConfig(lang: Lang): Partial<Help> {
  if (lang === 'en') return {};
  const base = Help.prototype;
  return {
    styleTitle: (str: string) => TITLES_ID[str] ?? str,
    commandUsage(this: Help, cmd) {
      return helpWords(base.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd) {
      return helpWords(base.subcommandTerm.call(this, cmd));
    },
    optionDescription(this: Help, option) {
      return helpWords(base.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument) {
      return helpWords(base.argumentDescription.call(this, argument));
    },
  };
}

function apply(table: readonly (readonly [RegExp, string])[], s: string): string {
  let out = s;
  for (const [re, to] of table) out = out.replace(re, to);
  return out;
}

/** A CLI message (a `sop: ...` line) in `lang`. Other lines (code frames, data) are left alone. */
export function cliMessage(line: string, lang: Lang): string {
  if (lang !== 'en' || !line.startsWith('sop: ')) return line;
  return apply(TO_EN, line);
}

/** Commander's error message in `lang`. */
export function commanderError(text: string, lang: Lang): string {
  return lang === 'en' ? text : text.split('\n').map((l) => apply(TO_ID, l)).join('\n');
}

/** The terminal with the CLI's messages on stderr in `lang` (stdout carries data and is left alone). */
export function localTerminal(term: Terminal, lang: Lang): Terminal {
  if (lang !== 'en') return term;
  return {
    out: (line) => term.out(line),
    err: (line) => term.err(line.split('\n').map((l) => cliMessage(l, lang)).join('\n')),
    color: term.color,
    isTTY: term.isTTY,
  };
}

/** Picks the text of `lang`. */
export const say = (lang: Lang, id: string, en: string): string => (lang === 'en' ? en : id);
