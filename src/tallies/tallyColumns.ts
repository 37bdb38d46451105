/**
 * The mutable per-model state behind a TallyAccumulator, stored by column.
 * @internal
 * @module
 */
import { ProblemSlots } from "./problemSlots.js";
import type { IndexRuns } from "./sampleIndexRuns.js";

/** Samples giving one answer: how many, and how many of them were graded correct. @internal */
export interface AnswerCount {
  count: number;
  correct: number;
}

function grown(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a);
  return b;
}

/**
 * The running tallies of one model: a slot per problem (problem id → slot, slots numbered 0, 1, …
 * in the order problems arrive) and, per slot, `n` and `c` in flat arrays. A counts table or a
 * details file adds one problem per row, so a problem costs one map entry and two array cells
 * rather than an object of its own (most of the time and garbage of a large ingest, measured with
 * `node --cpu-prof`). What few problems need beyond n and c exists only once needed:
 * - `runs[slot]`: the sample indices seen (the column is created at the first indexed sample;
 *   null for a slot without any);
 * - with `keepAnswers`: `answers[slot]` (null until the slot's first answer) and `noAnswer[slot]`.
 * @internal
 */
export class TallyColumns {
  /** Problem id → slot (`slots.ids`: slot → problem id). */
  readonly slots = new ProblemSlots();
  /** Samples per slot (capacity ≥ size; cells past size are 0). */
  n: Float64Array = new Float64Array(8);
  /** Correct samples per slot. */
  c: Float64Array = new Float64Array(8);
  /** Sample-index runs per slot (length = size once created), or null while no slot has any. */
  runs: Array<IndexRuns | null> | null = null;
  /** With keepAnswers: answer counts per slot (null until its first answer); else null. */
  readonly answers: Array<Map<string, AnswerCount> | null> | null;
  /** With keepAnswers: samples without an answer per slot; else null. */
  noAnswer: Float64Array | null;

  constructor(readonly keepAnswers: boolean) {
    this.answers = keepAnswers ? [] : null;
    this.noAnswer = keepAnswers ? new Float64Array(8) : null;
  }

  /** Number of problems. */
  get size(): number {
    return this.slots.size;
  }

  /**
   * The slot of a problem, given one (with no samples: n = c = 0) when it has none. Returns the
   * new slot `s`, or `-1 - s` for the slot the problem already had.
   */
  slotOf(problemId: string): number {
    const slot = this.slots.add(problemId);
    if (slot < 0) return slot;
    // Cells past the size are 0, so the new slot starts with no samples.
    if (slot === this.n.length) {
      const capacity = slot * 2;
      this.n = grown(this.n, capacity);
      this.c = grown(this.c, capacity);
      if (this.noAnswer !== null) this.noAnswer = grown(this.noAnswer, capacity);
    }
    if (this.runs !== null) this.runs.push(null);
    if (this.answers !== null) this.answers.push(null);
    return slot;
  }

  /**
   * Adds a problem that has no slot yet, holding `n` samples of which `c` correct (and, with
   * keepAnswers, `noAnswer` samples without an answer); returns its slot.
   */
  add(problemId: string, n: number, c: number, noAnswer: number): number {
    const slot = this.slotOf(problemId);
    this.n[slot] = n;
    this.c[slot] = c;
    if (this.noAnswer !== null) this.noAnswer[slot] = noAnswer;
    return slot;
  }

  /** The sample-index runs of a slot (null when it has none). */
  runsAt(slot: number): IndexRuns | null {
    return this.runs === null ? null : (this.runs[slot] ?? null);
  }

  /** Sets the sample-index runs of a slot, creating the column at the first. */
  setRuns(slot: number, runs: IndexRuns | null): void {
    if (this.runs === null) {
      if (runs === null) return;
      this.runs = new Array<IndexRuns | null>(this.slots.size).fill(null);
    }
    this.runs[slot] = runs;
  }

  /** The answer counts of a slot, created empty on first use (keepAnswers only). */
  answersAt(slot: number): Map<string, AnswerCount> {
    const answers = this.answers as Array<Map<string, AnswerCount> | null>;
    let a = answers[slot] ?? null;
    if (a === null) answers[slot] = a = new Map();
    return a;
  }

  /** Adds the problem at `slot` of `other` (absent here) as a new slot with a deep copy of its state. */
  copySlot(problemId: string, other: TallyColumns, slot: number): void {
    const mine = this.add(problemId, other.n[slot] as number, other.c[slot] as number, other.noAnswer === null ? 0 : (other.noAnswer[slot] as number));
    const runs = other.runsAt(slot);
    if (runs !== null) this.setRuns(mine, runs.slice());
    const answers = other.answers === null ? null : (other.answers[slot] ?? null);
    if (answers !== null && this.answers !== null) {
      const copy = this.answersAt(mine);
      for (const [answer, a] of answers) copy.set(answer, { count: a.count, correct: a.correct });
    }
  }
}

/** model → its tallies. @internal */
export type TallyTable = Map<string, TallyColumns>;
