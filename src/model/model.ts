/**
 * The normalised model of one SOP, what the emitters draw from: lanes in
 * order, steps numbered 1..n, resolved flow edges, start and end steps,
 * parsed dates and durations. Plain data (serialisable as JSON by
 * `sop check --ast`; the shape is described in grammar/sop-model.schema.json).
 */
import type { Range } from '../ast/nodes.js';
import type { SopDate } from './dates.js';
import type { Duration } from './duration.js';
import type { FlowTiming } from './flow-facts.js';

export type SymbolKind = 'terminator' | 'process' | 'decision';
export type BranchLabel = 'Ya' | 'Tidak';

export interface Lane {
  /** The lane id as declared (or the title when none was given). */
  readonly id: string;
  readonly title: string;
  /** 0-based column index. */
  readonly index: number;
  readonly range: Range | null;
}

/** Where a flow goes: a step number, or the end of the procedure. */
export type FlowTarget = number | 'selesai';

export interface FlowEdge {
  readonly from: number;
  readonly to: FlowTarget;
  /** `Ya`/`Tidak` for a decision's branches, null for ordinary flow. */
  readonly label: BranchLabel | null;
}

export interface Step {
  /** 1-based, in file order. */
  readonly number: number;
  readonly label: string | null;
  /** Lane ids, in the order written. */
  readonly lanes: readonly string[];
  readonly text: string;
  readonly kelengkapan: string;
  readonly waktu: Duration | null;
  readonly output: string;
  readonly keterangan: string;
  readonly symbol: SymbolKind;
  readonly isStart: boolean;
  readonly isEnd: boolean;
  readonly range: Range;
}

export interface Approver {
  readonly jabatan: string;
  readonly nama: string;
  readonly nip: string;
}

export interface SopLists {
  readonly dasarHukum: readonly string[];
  readonly kualifikasi: readonly string[];
  readonly keterkaitan: readonly string[];
  readonly peralatan: readonly string[];
  readonly peringatan: readonly string[];
  readonly pencatatan: readonly string[];
}

export interface SopModel {
  readonly name: string;
  readonly number: string;
  readonly instansi: readonly string[];
  /** The logo path as written (relative to the file), or null. */
  readonly logo: string | null;
  readonly dates: {
    readonly pembuatan: SopDate | null;
    readonly revisi: SopDate | null;
    readonly efektif: SopDate | null;
  };
  readonly disahkanOleh: Approver;
  readonly lists: SopLists;
  readonly lanes: readonly Lane[];
  readonly steps: readonly Step[];
  readonly edges: readonly FlowEdge[];
  /** The first step's number, or null when there are no steps. */
  readonly start: number | null;
  /** Steps drawn as end terminators. */
  readonly ends: readonly number[];
  /** Total time along the "Ya" path and the longest path (src/model/flow-facts.ts). */
  readonly timing: FlowTiming;
}
