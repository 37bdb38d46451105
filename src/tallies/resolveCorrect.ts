/**
 * How a graded sample's correctness is decided.
 * @module
 */
import { InvalidSampleRecordError } from "./sampleRecordErrors.js";

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function where(problemId: unknown): string {
  return typeof problemId === "string" ? ` (problem ${JSON.stringify(problemId)})` : "";
}

/**
 * Decides whether a graded sample counts as correct.
 *
 * - `correct` present: it must be a boolean and is returned as is (it takes precedence over `score`).
 * - otherwise `score` must be a finite number and `threshold` a finite number, and the sample is
 *   correct when `score >= threshold`. There is deliberately no default threshold: 0.5, 1.0 and
 *   "all tests pass" are all in use, and guessing silently changes every pass@k downstream.
 *
 * @param record - anything with `correct` or `score` + `threshold` (and `problemId`, used in messages)
 * @returns `true` when the sample is correct
 * @throws {@link InvalidSampleRecordError} naming the field (`correct`, `score` or `threshold`),
 *   the offending value and the problem id when `correct` is not a boolean, `score` is NaN or
 *   infinite or not a number, `threshold` is missing or not finite, or neither field is present
 *
 * @example
 * ```ts
 * import { resolveCorrect } from "passk";
 * console.log(resolveCorrect({ problemId: "p", correct: false })); // => false
 * console.log(resolveCorrect({ problemId: "p", score: 0.5, threshold: 0.5 })); // => true
 * console.log(resolveCorrect({ problemId: "p", score: 0.49, threshold: 0.5 })); // => false
 * ```
 */
export function resolveCorrect(record: {
  readonly problemId?: unknown;
  readonly correct?: unknown;
  readonly score?: unknown;
  readonly threshold?: unknown;
}): boolean {
  const { correct, problemId } = record;
  const pid = typeof problemId === "string" ? problemId : undefined;
  if (correct !== undefined) {
    if (correct === true || correct === false) return correct;
    throw new InvalidSampleRecordError(`correct must be a boolean, got ${show(correct)}${where(problemId)}`, {
      field: "correct",
      value: correct,
      problemId: pid,
    });
  }
  const { score, threshold } = record;
  if (score === undefined) {
    throw new InvalidSampleRecordError(
      `record has neither correct (boolean) nor score (number with threshold)${where(problemId)}`,
      { field: "correct", value: undefined, problemId: pid },
    );
  }
  if (typeof score !== "number" || !Number.isFinite(score)) {
    throw new InvalidSampleRecordError(`score must be a finite number, got ${show(score)}${where(problemId)}`, {
      field: "score",
      value: score,
      problemId: pid,
    });
  }
  if (typeof threshold !== "number" || !Number.isFinite(threshold)) {
    throw new InvalidSampleRecordError(
      threshold === undefined
        ? `score ${score} given without a threshold${where(problemId)}; pass the threshold at or above which a score counts as correct`
        : `threshold must be a finite number, got ${show(threshold)}${where(problemId)}`,
      { field: "threshold", value: threshold, problemId: pid },
    );
  }
  return score >= threshold;
}
