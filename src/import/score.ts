/**
 * How close an imported draft is to a reviewed transcription of the same
 * SOP: the figures the seed test and the bench report. Lanes are compared by
 * column (the transcription may have mended a title), flows as edges.
 */
import { checkText } from '../check/check.js';
import type { SopModel } from '../model/model.js';

export interface ImportScore {
  readonly steps: { readonly got: number; readonly want: number };
  /** Steps whose lanes are exactly the transcription's. */
  readonly lanesExact: number;
  /** Steps whose lanes are all among the transcription's (a shared activity put in one of its lanes). */
  readonly lanesRight: number;
  /** Decisions found / decisions in the transcription, and decisions found that are not there. */
  readonly decisions: { readonly found: number; readonly want: number; readonly extra: number };
  /** Flow edges of the transcription that the draft has. */
  readonly flows: { readonly found: number; readonly want: number };
  readonly name: boolean;
  readonly number: boolean;
  /** Identity lists equal to the transcription's (Instansi, Dasar Hukum, …), and how many were compared. */
  readonly lists: { readonly equal: number; readonly of: number; readonly differ: readonly string[] };
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function scoreImport(draftText: string, truthText: string): ImportScore {
  const a = checkText(draftText).model;
  const b = checkText(truthText).model;
  const col = (m: SopModel, ids: readonly string[]): number[] => ids.map((id) => m.lanes.find((l) => l.id === id)?.index ?? -1).sort();
  let lanesExact = 0;
  let lanesRight = 0;
  const n = Math.min(a.steps.length, b.steps.length);
  for (let i = 0; i < n; i++) {
    const got = col(a, a.steps[i]!.lanes);
    const want = col(b, b.steps[i]!.lanes);
    if (got.join() === want.join()) lanesExact++;
    if (got.length > 0 && got.every((k) => want.includes(k))) lanesRight++;
  }
  const dec = (m: SopModel): Set<number> => new Set(m.steps.filter((s) => s.symbol === 'decision').map((s) => s.number));
  const da = dec(a);
  const db = dec(b);
  const edge = (e: SopModel['edges'][number]): string => `${e.from}>${e.to}:${e.label ?? ''}`;
  const ea = new Set(a.edges.map(edge));
  const lists: string[] = [];
  const differ: string[] = [];
  const compare = (key: string, x: readonly string[], y: readonly string[]): void => {
    if (y.length === 0 && x.length === 0) return;
    lists.push(key);
    if (x.map(norm).join('\n') !== y.map(norm).join('\n')) differ.push(key);
  };
  compare('instansi', a.instansi, b.instansi);
  for (const k of Object.keys(b.lists) as (keyof SopModel['lists'])[]) compare(k, a.lists[k], b.lists[k]);
  return {
    steps: { got: a.steps.length, want: b.steps.length },
    lanesExact,
    lanesRight,
    decisions: { found: [...db].filter((s) => da.has(s)).length, want: db.size, extra: [...da].filter((s) => !db.has(s)).length },
    flows: { found: b.edges.filter((e) => ea.has(edge(e))).length, want: b.edges.length },
    name: norm(a.name) === norm(b.name),
    number: a.number.trim() === b.number.trim(),
    lists: { equal: lists.length - differ.length, of: lists.length, differ },
  };
}

/**
 * Every difference between two SOPs' models that a round trip must not
 * have: identity, lanes (titles in order), steps (text, lanes, Mutu Baku,
 * symbol) and flows. Empty when they are the same model. Step labels and
 * lane ids are names, not meaning: they are not compared.
 */
export function modelDifferences(draftText: string, truthText: string): string[] {
  const a = checkText(draftText).model;
  const b = checkText(truthText).model;
  const out: string[] = [];
  const same = (what: string, x: unknown, y: unknown): void => {
    const sx = JSON.stringify(x);
    const sy = JSON.stringify(y);
    if (sx !== sy) out.push(`${what}: ${sx.slice(0, 200)} ≠ ${sy.slice(0, 200)}`);
  };
  const t = (s: string): string => s.replace(/\s+/g, ' ').trim();
  same('name', t(a.name), t(b.name));
  same('number', t(a.number), t(b.number));
  same('instansi', a.instansi.map(t), b.instansi.map(t));
  same('dates', [a.dates.pembuatan?.iso, a.dates.revisi?.iso, a.dates.efektif?.iso], [b.dates.pembuatan?.iso, b.dates.revisi?.iso, b.dates.efektif?.iso]);
  same('disahkanOleh', [t(a.disahkanOleh.jabatan), t(a.disahkanOleh.nama), a.disahkanOleh.nip.replace(/\s/g, '')], [t(b.disahkanOleh.jabatan), t(b.disahkanOleh.nama), b.disahkanOleh.nip.replace(/\s/g, '')]);
  for (const k of Object.keys(b.lists) as (keyof SopModel['lists'])[]) same(`lists.${k}`, a.lists[k].map(t), b.lists[k].map(t));
  same('lanes', a.lanes.map((l) => t(l.title)), b.lanes.map((l) => t(l.title)));
  same('steps', a.steps.length, b.steps.length);
  const titles = (m: SopModel, ids: readonly string[]): string[] => ids.map((id) => m.lanes.find((l) => l.id === id)?.title ?? id).map(t).sort();
  for (let i = 0; i < Math.min(a.steps.length, b.steps.length); i++) {
    const x = a.steps[i]!;
    const y = b.steps[i]!;
    same(`step ${i + 1}`, [t(x.text), titles(a, x.lanes), t(x.kelengkapan), t(x.waktu?.text ?? '').toLowerCase(), t(x.output), t(x.keterangan), x.symbol], [t(y.text), titles(b, y.lanes), t(y.kelengkapan), t(y.waktu?.text ?? '').toLowerCase(), t(y.output), t(y.keterangan), y.symbol]);
  }
  const edge = (e: SopModel['edges'][number]): string => `${e.from}>${e.to}:${e.label ?? ''}`;
  same('flows', a.edges.map(edge).sort(), b.edges.map(edge).sort());
  return out;
}
