/**
 * What the text of the steps says when the drawing is lost: who does each
 * step, which steps are decisions, and where a decision's "Tidak" goes.
 *
 * Rules, in order (each one a guess, written as a comment and a diagnostic):
 * - the first step is done by the first lane not named as its recipient;
 * - a step is done by the lane the step before hands the work to
 *   ("… disampaikan kepada Inspektur", "memerintahkan Kepala Bidang");
 * - failing that: a step that reports to X is done by whoever X handed work
 *   to before; a step that receives or reviews ("Menerima", "Memeriksa") goes
 *   back to whoever handed work to the lane before it; else the lane before;
 * - lanes that no step uses (every column of the form has an official who
 *   acts) go to the steps guessed last: all of them to a step that follows
 *   an order given to no one by name, else one each;
 * - a decision is a step whose text has a negative condition ("jika tidak
 *   setuju", "apabila belum sesuai", "jika terdapat perbaikan"); Tidak goes to
 *   the latest earlier step of the lane it returns to ("dikembalikan kepada
 *   X"), or of the last other lane; Ya goes to the next step.
 */
import type { Draft, DraftStep, Guess } from './draft.js';
import type { RawStep } from './read-table.js';
import { expand, GENERIC_TITLES, laneIdCandidates, slugWords } from './words.js';
import { minOf } from '../util/array.js';
import { isQuestion, labelledBranches, stepNumberIn } from './branches.js';

interface Mention {
  readonly lane: number;
  readonly at: number;
  readonly end: number;
  /** The hand-over word before it ("kepada", "memerintahkan"), for recipients. */
  readonly via?: string;
}

/** Verbs and prepositions that hand work to the official named after them. */
const HANDOVER_RE =
  /\b(kepada|ke|memerintahkan|menugaskan|menginstruksikan|mendisposisikan|didisposisikan|meneruskan\w*|teruskan|diteruskan|menyampaikan\w*|disampaikan|menyerahkan\w*|diserahkan|melaporkan|dilaporkan|mengajukan|diajukan|dikirim\w*|mengirim\w*|mengarahkan|memberi\w* arahan|memberi\w* disposisi|mengembalikan\w*|dikembalikan|meminta|memohon)\b/g;
const RECEIVE_RE = /^(menerima|memeriksa|meneliti|mengoreksi|menelaah|memverifikasi|verifikasi|mengontrol|mengecek|memaraf|menandatangani|menyetujui|mengevaluasi|mereviu|mereview|mempelajari|mencermati)\b/;
const ORDER_RE = /\b(memerintahkan|menugaskan|menginstruksikan|mendisposisikan|memberi\w* (perintah|tugas|disposisi))\b/;
const CONDITION_RE = /\b(jika|apabila|bila|bilamana|kalau|jikalau)\b/g;
const NEGATIVE_RE = /^\S+\s+(?:\S+\s+){0,4}?(tidak|belum|terdapat perbaikan|ada perbaikan|perlu perbaikan|ditolak|kurang|salah|keliru|tdk)\b/;
const RETURN_RE = /\b(dikembalikan|mengembalikan\w*|kembali|diperbaiki|perbaikan|revisi|ditolak|menyelesaikan|dilengkapi)\b/;

/** The lanes as text patterns: the title, its parts around `/` and in brackets, the title without its trailing number. */
function laneMatchers(titles: readonly string[]): { lane: number; re: RegExp }[] {
  const out: { lane: number; re: RegExp }[] = [];
  const variantsOf = titles.map((t) => {
    const e = expand(t);
    const parts = new Set<string>([e.replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim()]);
    for (const p of e.split(/[/()]/)) if (p.trim().split(' ').length >= 1 && p.trim().length >= 3) parts.add(p.trim());
    const noNum = e.replace(/\s+(\d+|[ivx]+)$/, '').trim();
    if (noNum !== e) parts.add(noNum);
    // "Petugas Front Desk" is also called by what sets it apart: "Staf Front Desk", "front desk".
    const core = e.replace(/^(petugas|pegawai|pejabat|operator|pelaksana|pengelola)\s+/, '').trim();
    if (core !== e && core.length >= 5) parts.add(core);
    return [...parts];
  });
  // A variant shared by two lanes names neither.
  const count = new Map<string, number>();
  for (const vs of variantsOf) for (const v of vs) count.set(v, (count.get(v) ?? 0) + 1);
  variantsOf.forEach((vs, lane) => {
    for (const v of vs) {
      if (count.get(v)! > 1) continue;
      const esc = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      out.push({ lane, re: new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'gu') });
    }
  });
  // Generic titles (pejabat administrator, kepala perangkat daerah) name the one lane that holds such a post.
  for (const [re, posts] of GENERIC_TITLES) {
    const lanes = titles.map((t, i) => ({ i, e: expand(t) })).filter((x) => posts.some((p) => x.e.startsWith(p)));
    if (lanes.length === 1) out.push({ lane: lanes[0]!.i, re: new RegExp(re.source, 'gu') });
  }
  return out;
}

function mentions(text: string, matchers: readonly { lane: number; re: RegExp }[]): Mention[] {
  const out: Mention[] = [];
  for (const m of matchers) {
    m.re.lastIndex = 0;
    for (const hit of text.matchAll(m.re)) out.push({ lane: m.lane, at: hit.index, end: hit.index + hit[0].length });
  }
  // Longest first at the same place, then drop mentions inside another.
  out.sort((a, b) => a.at - b.at || b.end - a.end);
  return out.filter((m, i) => !out.some((o, j) => j !== i && o.at <= m.at && o.end >= m.end && o.end - o.at > m.end - m.at));
}

/** Mentions that follow a hand-over word within three words: the recipients. */
function recipients(text: string, ms: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const m of ms) {
    const before = text.slice(Math.max(0, m.at - 60), m.at);
    const words = before.trim().split(/\s+/).slice(-4);
    for (let k = words.length - 1; k >= 0; k--) {
      const w = words[k]!;
      if (/[,;.]$/.test(w) && k < words.length - 1) break;
      HANDOVER_RE.lastIndex = 0;
      if (HANDOVER_RE.test(w)) {
        const phrase = (w === 'ke' || w === 'kepada') && k > 0 ? `${words[k - 1]!.replace(/[,;.]$/, '')} ${w}` : w;
        out.push({ ...m, via: phrase });
        break;
      }
    }
  }
  return out;
}

interface Clauses {
  /** Text outside the negative condition: the main clause and the positive branch. */
  readonly positive: string;
  /** The negative branch ("jika tidak setuju, dikembalikan kepada …"), or null. */
  readonly negative: string | null;
}

/** Splits a step's text at its conditions; the first negative one that sends the work back is the Tidak branch. */
function clauses(text: string): Clauses {
  const cuts = [...text.matchAll(CONDITION_RE)].map((m) => m.index);
  if (cuts.length === 0) return { positive: text, negative: null };
  const parts: string[] = [text.slice(0, cuts[0])];
  cuts.forEach((c, i) => parts.push(text.slice(c, i + 1 < cuts.length ? cuts[i + 1] : text.length)));
  let negative: string | null = null;
  const positive: string[] = [parts[0]!];
  for (const p of parts.slice(1)) {
    if (negative === null && NEGATIVE_RE.test(p)) negative = p;
    else positive.push(p);
  }
  return { positive: positive.join(' '), negative };
}

/** How a comment names a hand-over: `"kepada" → Kepala Dinas`. */
function via(m: Mention, titles: readonly string[]): string {
  return `"${m.via ?? ''}" → ${titles[m.lane]}`;
}

/** The original text's clause that matches clause `n` of the folded text (the same condition words cut both). */
function originalClause(text: string, folded: string, clause: string): string {
  const cutsF = [...folded.matchAll(CONDITION_RE)].map((m) => m.index);
  const k = cutsF.indexOf(folded.indexOf(clause));
  const re = new RegExp(CONDITION_RE.source, 'gi');
  const cuts = [...text.matchAll(re)].map((m) => m.index);
  if (k < 0 || cuts.length !== cutsF.length) return clause;
  return text.slice(cuts[k], k + 1 < cuts.length ? cuts[k + 1] : text.length);
}

/** How far back the rules look for who handed work over or where a branch returns (bounds the work on huge inputs). */
const WINDOW = 60;

const g = (code: Guess['code'], params: Guess['params'], note: string): Guess => ({ code, params, note });

/** Fills in lanes (ids, and each step's), decisions and targets of a table's steps. */
export function inferProcedure(draft: Draft, raw: readonly RawStep[]): void {
  assignLaneIds(draft);
  const titles = draft.lanes.map((l) => l.title);
  const matchers = laneMatchers(titles);
  const steps = raw.map((r) => r.step);
  const texts = steps.map((s) => expand(s.text));
  // A branch labelled Tidak ("Tidak: dikembalikan kepada X") is the negative branch: no hand-over.
  const cl = steps.map((s, i): Clauses => {
    const lab = labelledBranches(s.text);
    return lab ? { positive: expand(`${lab.rest} ${lab.ya ?? ''}`), negative: expand(lab.tidak) } : clauses(texts[i]!);
  });
  const laneIndex = new Map(draft.lanes.map((l, k) => [l.id, k]));
  const own = (i: number): number[] => steps[i]!.lanes.map((id) => laneIndex.get(id) ?? -1);
  const setLanes = (i: number, lanes: number[]): void => {
    steps[i]!.lanes = [...new Set(lanes)].sort((a, b) => a - b).map((k) => draft.lanes[k]!.id);
  };
  // Recipients named outside each step's negative branch, read once per step (they do not depend on its lanes).
  const named = cl.map((c) => recipients(c.positive, mentions(c.positive, matchers)));
  /** Recipients of step i outside its negative branch, not its own lanes. */
  const sendsTo = (i: number): Mention[] => {
    const mine = new Set(own(i));
    return named[i]!.filter((m) => !mine.has(m.lane));
  };
  const weak = new Set<number>();
  const notes = new Map<number, Guess>();
  const fixed = new Map<number, { lanes: number[]; note: Guess }>();
  const pass = (): void => {
    weak.clear();
    notes.clear();
    raw.forEach((r, i) => {
      const step = r.step;
      const keep = fixed.get(i);
      if (keep) {
        setLanes(i, keep.lanes);
        notes.set(i, keep.note);
        return;
      }
      if (r.drawn && r.drawn.lanes.length > 0) {
        setLanes(i, [...r.drawn.lanes]);
        return;
      }
      if (r.ticks.length > 0) {
        setLanes(i, r.ticks.filter((k) => k < draft.lanes.length));
        return;
      }
      if (i === 0) {
        const named = new Set(recipients(texts[0]!, mentions(texts[0]!, matchers)).map((m) => m.lane));
        const lane = draft.lanes.findIndex((_l, k) => !named.has(k));
        setLanes(0, [Math.max(0, lane)]);
        notes.set(0, g('SOP701', { lanes: step.lanes.join(', '), why: 'first' }, `SOP701: pelaksana ditebak: langkah pertama, lajur pertama yang tidak disebut sebagai penerima.`));
        return;
      }
      const from = sendsTo(i - 1);
      if (from.length > 0) {
        const last = from[from.length - 1]!;
        setLanes(i, [last.lane]);
        notes.set(i, g('SOP701', { lanes: step.lanes.join(', '), why: 'handover', step: i }, `SOP701: pelaksana ditebak dari langkah ${i} (${via(last, titles)}).`));
        return;
      }
      weak.add(i);
      // (1) A step that sends to X is done by whoever X handed work to before.
      const mineOut = named[i]!;
      for (let m = mineOut.length - 1; m >= 0; m--) {
        const x = mineOut[m]!.lane;
        for (let j = i - 1; j >= Math.max(0, i - WINDOW); j--) {
          if (!own(j).includes(x)) continue;
          const to = sendsTo(j).filter((t) => t.lane !== x);
          if (to.length === 0) continue;
          const y = to[to.length - 1]!.lane;
          setLanes(i, [y]);
          notes.set(i, g('SOP701', { lanes: step.lanes.join(', '), why: 'partner', step: j + 1 }, `SOP701: pelaksana ditebak: langkah ini menyerahkan kepada ${titles[x]}, yang di langkah ${j + 1} menyerahkan kepada ${titles[y]}.`));
          return;
        }
      }
      const prevLanes = own(i - 1);
      // (2) Receiving or reviewing: back to whoever handed work to the lane before.
      if (RECEIVE_RE.test(texts[i]!)) {
        for (let j = i - 2; j >= Math.max(0, i - WINDOW); j--) {
          const lanes = own(j);
          if (lanes.some((k) => prevLanes.includes(k))) continue;
          setLanes(i, lanes);
          notes.set(i, g('SOP701', { lanes: step.lanes.join(', '), why: 'receive', step: j + 1 }, `SOP701: pelaksana ditebak: "${firstWord(step.text)}" kembali ke pelaksana langkah ${j + 1}, yang menyerahkan pekerjaan ke langkah ${i}.`));
          return;
        }
      }
      // (3) The lane before.
      setLanes(i, prevLanes);
      notes.set(i, g('SOP701', { lanes: step.lanes.join(', '), why: 'same', step: i }, `SOP701: pelaksana ditebak: teks tidak menyebut pelaksananya; sama dengan langkah ${i}.`));
    });
  };
  pass();
  // Lanes no step uses go to the weakest guesses.
  const used = new Set(raw.flatMap((_r, i) => own(i)));
  const unused = draft.lanes.map((_l, k) => k).filter((k) => !used.has(k));
  if (unused.length > 0 && weak.size > 0) {
    const order = [...weak].sort((a, b) => a - b);
    const afterOrder = order.find((i) => ORDER_RE.test(texts[i - 1]!) && sendsTo(i - 1).length === 0);
    if (afterOrder !== undefined) {
      fixed.set(afterOrder, { lanes: unused, note: g('SOP701', { lanes: unused.map((k) => draft.lanes[k]!.id).join(', '), why: 'unused-order', step: afterOrder }, `SOP701: pelaksana ditebak: langkah ${afterOrder} memberi perintah tanpa menyebut pelaksananya; lajur yang belum dipakai (${unused.map((k) => titles[k]).join(', ')}).`) });
    } else {
      // Each lane to the weak step that follows a step in the nearest column: a flowchart moves to a neighbouring column.
      const left = [...order];
      unused.forEach((k) => {
        if (left.length === 0) return;
        const dist = (i: number): number => minOf(own(i - 1).map((c) => Math.abs(c - k)));
        const i = left.reduce((best, x) => (dist(x) < dist(best) ? x : best));
        left.splice(left.indexOf(i), 1);
        fixed.set(i, { lanes: [k], note: g('SOP701', { lanes: draft.lanes[k]!.id, why: 'unused' }, `SOP701: pelaksana ditebak: teks tidak menyebut pelaksananya, dan lajur ${titles[k]} belum dipakai langkah lain.`) });
      });
    }
  }
  // Steps after a lane that was given away are read again.
  if (fixed.size > 0) pass();
  for (const [i, note] of notes) steps[i]!.guesses.push(note);
  inferDecisions(draft, titles, raw, texts, cl, matchers);
}

function firstWord(s: string): string {
  return s.trim().split(/\s+/)[0] ?? '';
}

function inferDecisions(draft: Draft, titles: readonly string[], raw: readonly RawStep[], texts: readonly string[], cl: readonly Clauses[], matchers: readonly { lane: number; re: RegExp }[]): void {
  const steps = raw.map((r) => r.step);
  const laneIdx = (s: DraftStep): number[] => s.lanes.map((id) => draft.lanes.findIndex((l) => l.id === id));
  raw.forEach((r, i) => {
    const step = r.step;
    // The drawing says where each step goes (targets by step row id); a decision whose branches it does not show
    // (connectors cut at a page break, or drawn loose) is read as the text's decisions are, its Tidak target guessed.
    const index = (id: number): number => raw.findIndex((x) => x.drawn?.id === id);
    const outs = r.drawn ? r.drawn.out.map((o) => ({ to: index(o.to), label: o.label })).filter((o) => o.to >= 0) : [];
    const drawnDecision = r.drawn?.symbol === 'decision' && outs.length === 0;
    if (r.drawn && !drawnDecision) {
      if (r.drawn.symbol === 'decision' || outs.some((o) => o.label !== null)) {
        const ya = outs.find((o) => o.label === 'Ya') ?? outs.find((o) => o.label === null && o.to === i + 1);
        const tidak = outs.find((o) => o.label === 'Tidak') ?? outs.find((o) => o !== ya);
        if (ya && ya.to !== i + 1) step.ya = ya.to;
        if (tidak) step.tidak = tidak.to;
        if (!ya && i === raw.length - 1) step.ya = 'selesai';
        if (!tidak && ya) step.tidak = i + 1 < raw.length ? i + 1 : 'selesai';
      } else if (outs.length > 0) {
        if (outs[0]!.to !== i + 1) step.lanjut = outs[0]!.to;
      } else if (i > 0 && i < raw.length - 1 && r.drawn.symbol === 'terminator' && raw.some((x) => x.drawn && x.drawn.out.length > 0)) {
        // A terminator that no connector leaves ends the procedure (sop draws a step that ends it so); a box that
        // none leaves says nothing (its connector may be cut at a page break): the next step.
        step.lanjut = 'selesai';
      }
      return;
    }
    const words = decisionWords(step, cl[i]!.negative, r.marks.length > 0, drawnDecision);
    if (words === null) {
      if (r.marks.length > 0) {
        step.guesses.push(g('SOP708', { marks: r.marks.map((m) => m.mark).join(' ') }, `SOP708: sumber memberi tanda ${r.marks.map((m) => (m.mark === 'ya' ? 'Ya' : 'Tidak')).join('/')} pada langkah ini tanpa teks keputusan; ditulis sebagai proses biasa.`));
      }
      return;
    }
    if (i === 0) return;
    const { target, why } = tidakTarget(raw, i, words, (j) => laneIdx(steps[j]!), (tidak) => recipients(tidak, mentions(tidak, matchers)), titles);
    step.tidak = target;
    // Ya: to the next step, or to the step its branch names by number ("Ya: lanjut ke langkah 7").
    const yn = words.ya === null ? null : stepNumberIn(words.ya);
    const yaAt = yn === null ? -1 : stepOfNumber(raw, yn);
    if (yaAt >= 0 && yaAt !== i && yaAt !== i + 1 && Math.abs(yaAt - i) <= WINDOW) step.ya = yaAt;
    else if (i === raw.length - 1) step.ya = 'selesai';
    const marks = r.marks.length > 0 ? ` (tanda ${r.marks.map((m) => (m.mark === 'ya' ? 'Ya' : 'Tidak')).join('/')} di sumber)` : '';
    const said = shorten(words.said);
    const yaTo = typeof step.ya === 'number' ? `langkah ${step.ya + 1}` : i === raw.length - 1 ? 'selesai' : `langkah ${i + 2}`;
    if (words.from === 'drawing') step.guesses.push(g('SOP702', { text: '', from: 'drawing' }, `SOP702: keputusan di gambar (belah ketupat) yang cabangnya tidak terbaca; Ya ke ${yaTo}.`));
    else if (words.from === 'keterangan') step.guesses.push(g('SOP702', { text: said, from: 'keterangan' }, `SOP702: keputusan dari Keterangan "${said}"${marks}; Ya ke ${yaTo}.`));
    else step.guesses.push(g('SOP702', { text: said }, `SOP702: keputusan dari teks "${said}"${marks}; Ya ke ${yaTo}.`));
    step.guesses.push(g('SOP703', { step: target + 1 }, `SOP703: Tidak kembali ke langkah ${target + 1} (${why}).`));
  });
  // Labels for the targets.
  const taken = new Set<string>();
  const targets = new Set<number>();
  for (const s of steps) for (const t of [s.ya, s.tidak, s.lanjut]) if (typeof t === 'number') targets.add(t);
  for (const t of [...targets].sort((a, b) => a - b)) {
    const s = steps[t];
    if (!s) continue;
    const words = slugWords(s.text);
    let base = (words[0] ?? 'langkah').replace(/^(\d)/, 'l$1').slice(0, 24);
    if (!/^[a-z]/.test(base)) base = `l${base}`;
    let label = base;
    for (let n = 2; taken.has(label); n++) label = `${base}-${n}`;
    taken.add(label);
    s.label = label;
  }
}

/** What makes a step a decision, read from its words: where, what to quote, and its branches' words. */
interface DecisionWords {
  /** Kegiatan, Keterangan, or a diamond drawn without readable branches (no words). */
  readonly from: 'text' | 'keterangan' | 'drawing';
  /** The words quoted in the comment, as written. */
  readonly said: string;
  /** The Tidak branch's words (expand()ed): the lane or the step it returns to. */
  readonly tidak: string;
  /** The Ya branch's words, when labelled: the step it names. */
  readonly ya: string | null;
  /** Where the Tidak branch's step number was read, when not where the decision was (Kegiatan asks, Keterangan names the step). */
  readonly tidakFrom?: 'keterangan';
}

/**
 * Whether a step's words make it a decision: its Kegiatan, else its Keterangan (where drafters often write the
 * branches), each by Ya/Tidak labels ("Tidak: kembali ke langkah 3"), a negative condition that sends the work
 * back ("jika tidak sesuai dikembalikan …"), or (Kegiatan only) a question ("Apakah …?"); else a diamond drawn
 * without readable branches. `negative` is the Kegiatan's negative clause (clauses()).
 */
function decisionWords(step: DraftStep, negative: string | null, marks: boolean, drawn: boolean): DecisionWords | null {
  const read = (text: string, from: 'text' | 'keterangan', neg: string | null): DecisionWords | null => {
    const lab = labelledBranches(text);
    if (lab) return { from, said: lab.branches, tidak: expand(lab.tidak), ya: lab.ya };
    if (neg !== null && (RETURN_RE.test(neg) || marks || drawn)) return { from, said: originalClause(text, expand(text), neg), tidak: neg, ya: null };
    if (from === 'text' && isQuestion(text)) return { from, said: text, tidak: '', ya: null };
    return null;
  };
  const ket = step.keterangan.trim() === '' ? null : read(step.keterangan, 'keterangan', clauses(expand(step.keterangan)).negative);
  const text = read(step.text, 'text', negative);
  // Kegiatan decides; Keterangan may still name the step its Tidak returns to ("Tidak: kembali ke langkah 2").
  if (text) return ket && stepNumberIn(text.tidak) === null && stepNumberIn(ket.tidak) !== null ? { ...text, tidak: `${text.tidak} ${ket.tidak}`, tidakFrom: 'keterangan' } : text;
  if (ket) return ket;
  return drawn ? { from: 'drawing', said: '', tidak: '', ya: null } : null;
}

/**
 * Where step i's Tidak returns: the step its words name by number ("ke langkah 8"), else the latest earlier step
 * of the lane they name ("dikembalikan kepada X"), else the latest earlier step of another lane.
 */
function tidakTarget(
  raw: readonly RawStep[],
  i: number,
  words: DecisionWords,
  lanesOf: (j: number) => number[],
  named: (tidak: string) => Mention[],
  titles: readonly string[],
): { target: number; why: string } {
  const n = stepNumberIn(words.tidak);
  const numbered = n === null ? -1 : stepOfNumber(raw, n);
  const said = `${(words.tidakFrom ?? words.from) === 'keterangan' ? 'Keterangan' : 'teks'} menyebut langkah ${n}`;
  if (numbered >= 0 && numbered !== i && Math.abs(numbered - i) <= WINDOW) return { target: numbered, why: said };
  // A number farther than the rules look (a block of steps copied with its text) is said, and not followed.
  const far = numbered >= 0 && numbered !== i ? `${said}, lebih dari ${WINDOW} langkah dari sini; ` : '';
  const mine = lanesOf(i);
  const back = named(words.tidak).filter((m) => !mine.includes(m.lane));
  if (back.length > 0) {
    const x = back[back.length - 1]!.lane;
    for (let j = i - 1; j >= Math.max(0, i - WINDOW); j--) if (lanesOf(j).includes(x)) return { target: j, why: far + via(back[back.length - 1]!, titles) };
  }
  const why = far + (back.length > 0 ? via(back[back.length - 1]!, titles) : 'langkah terakhir pelaksana lain yang menyerahkan kepadanya');
  for (let j = i - 1; j >= Math.max(0, i - WINDOW); j--) if (!lanesOf(j).some((k) => mine.includes(k))) return { target: j, why };
  return { target: i - 1, why };
}

/**
 * The step a source's number names: the step written with that number; in a table without numbers, the n-th. A
 * number no step carries names none.
 */
function stepOfNumber(raw: readonly RawStep[], n: number): number {
  const k = raw.findIndex((r) => r.number === n);
  if (k >= 0 || raw.some((r) => r.number !== null)) return k;
  return n >= 1 && n <= raw.length ? n - 1 : -1;
}

function shorten(s: string): string {
  const t = s.trim().replace(/[,;.]+$/, '');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** Unique lane ids from the titles (kadis, kabid, ketua, …). */
export function assignLaneIds(draft: Draft): void {
  const taken = new Set<string>();
  const cands = draft.lanes.map((l) => laneIdCandidates(l.title));
  draft.lanes = draft.lanes.map((l, i) => {
    // Prefer a candidate no other lane also proposes first.
    const firsts = cands.map((c) => c[0]);
    let id = cands[i]!.find((c) => !taken.has(c) && firsts.filter((f) => f === c).length <= 1) ?? cands[i]!.find((c) => !taken.has(c));
    for (let n = 2; id === undefined || taken.has(id); n++) id = `${cands[i]![0]}-${n}`;
    taken.add(id);
    return { ...l, id };
  });
}
