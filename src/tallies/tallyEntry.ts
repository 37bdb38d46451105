/**
 * The mutable per-(model, problem) state behind a TallyAccumulator.
 * @internal
 * @module
 */
import type { IndexRuns } from "./sampleIndexRuns.js";

/** Samples giving one answer: how many, and how many of them were graded correct. @internal */
export interface AnswerCount {
  count: number;
  correct: number;
}

/**
 * Running tally of one (model, problem). `runs` holds the sample indices seen (null until a
 * record with a `sampleIndex` arrives); `answers`/`noAnswer` are kept only with `keepAnswers`.
 * @internal
 */
export interface TallyEntry {
  n: number;
  c: number;
  runs: IndexRuns | null;
  answers: Map<string, AnswerCount> | null;
  noAnswer: number;
}

/** model → problem id → entry. @internal */
export type TallyTable = Map<string, Map<string, TallyEntry>>;

/** Deep copy of an entry, so two accumulators never share mutable state. @internal */
export function copyEntry(e: TallyEntry): TallyEntry {
  let answers: Map<string, AnswerCount> | null = null;
  if (e.answers !== null) {
    answers = new Map();
    for (const [answer, a] of e.answers) answers.set(answer, { count: a.count, correct: a.correct });
  }
  return { n: e.n, c: e.c, runs: e.runs === null ? null : e.runs.slice(), answers, noAnswer: e.noAnswer };
}
