/**
 * The per-(model, problem) sample tally every passk analysis consumes.
 * @module
 */
import { DuplicateProblemError, EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";
import { assertTallyCounts } from "./validate.js";

/**
 * Samples drawn (`n`) and samples judged correct (`c`) for one problem, for one model.
 * Plain and JSON-serializable; two tallies of the same problem merge by adding `n` and `c`.
 *
 * @example
 * ```ts
 * import { meanPassAtK } from "passk";
 * const tallies = [
 *   { problemId: "gsm8k/17", n: 16, c: 4 },
 *   { problemId: "gsm8k/18", n: 16, c: 0 },
 * ];
 * console.log(meanPassAtK(tallies, 1)); // => 0.125
 * ```
 */
export interface Tally {
  /** Identifier of the problem, unique within one dataset. */
  readonly problemId: string;
  /** Number of samples drawn for the problem (non-negative safe integer). */
  readonly n: number;
  /** Number of those samples judged correct (0 ≤ c ≤ n). */
  readonly c: number;
}

/**
 * Validates an iterable of tallies for a dataset-level computation and returns them as an array.
 * Rejects an empty dataset, malformed records (naming the index and problem id) and duplicate
 * problem ids.
 * @internal
 */
export function collectTallies(tallies: Iterable<Tally>, what = "tallies"): Tally[] {
  if (tallies === null || typeof tallies !== "object" || typeof (tallies as Iterable<Tally>)[Symbol.iterator] !== "function") {
    throw new InvalidArgumentError(`${what} must be an iterable of tallies, got ${String(tallies)}`, {
      field: what,
      value: tallies,
    });
  }
  const out: Tally[] = [];
  const seen = new Set<string>();
  let index = 0;
  for (const t of tallies) {
    if (t === null || typeof t !== "object") {
      const field = `${what}[${index}]`;
      throw new InvalidArgumentError(`${field} must be a tally object, got ${String(t)}`, { field, value: t });
    }
    const { problemId, n, c } = t;
    if (typeof problemId !== "string") {
      throw new InvalidArgumentError(`${what}[${index}].problemId must be a string, got ${String(problemId)}`, {
        field: `${what}[${index}].problemId`,
        value: problemId,
      });
    }
    // Field names are built only when a check fails: building them for every tally was most of
    // the cost of a pass@k curve over 10,000 problems.
    if (!(Number.isSafeInteger(n) && Number.isSafeInteger(c) && c >= 0 && c <= n)) assertTallyCounts(n, c, problemId, `${what}[${index}].`);
    if (seen.has(problemId)) {
      throw new DuplicateProblemError(
        `problem ${JSON.stringify(problemId)} appears more than once in ${what} (again at index ${index}); ` +
          `merge its tallies first`,
        { field: `${what}[${index}].problemId`, value: problemId, problemId },
      );
    }
    seen.add(problemId);
    out.push(t);
    index++;
  }
  if (out.length === 0) {
    throw new EmptyDatasetError(`${what} is empty: a mean over zero problems is undefined`, { field: what });
  }
  return out;
}

/** The tally with the fewest samples (the first such in input order): it bounds the admissible k. @internal */
export function smallestN(tallies: readonly Tally[]): Tally {
  let min = tallies[0] as Tally;
  for (const t of tallies) if (t.n < min.n) min = t;
  return min;
}
