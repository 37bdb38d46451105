/**
 * Dataset-level pass@k: the mean over problems at one k, and the whole curve over many k.
 * @module
 */
import { EXACT_LIMIT, logRatio } from "./hypergeometricLog.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { passAtK } from "./passAtK.js";
import { collectTallies, smallestN, type Tally } from "./tally.js";
import { assertK } from "./validate.js";

/** One point of a pass@k curve. */
export interface CurvePoint {
  /** The budget k. */
  readonly k: number;
  /** Mean unbiased pass@k over the problems at this k. */
  readonly value: number;
}

/**
 * Mean unbiased pass@k over a dataset (Chen et al. 2021):
 *
 *     pass@k = (1/P) Σ_p [1 − C(n_p − c_p, k) / C(n_p, k)]
 *
 * Problems may have different n; k must not exceed any of them.
 *
 * @param tallies - one {@link Tally} per problem (problem ids unique)
 * @param k - budget, 1 ≤ k ≤ min n
 * @throws {@link EmptyDatasetError} for no tallies, {@link DuplicateProblemError} for a repeated
 *   problem id, {@link InvalidArgumentError} for a malformed tally, {@link KExceedsSamplesError}
 *   naming the problem with the fewest samples when k exceeds its n
 *
 * @example
 * ```ts
 * import { meanPassAtK } from "passk";
 * const tallies = [
 *   { problemId: "a", n: 10, c: 3 }, // pass@2 = 8/15
 *   { problemId: "b", n: 10, c: 0 }, // pass@2 = 0
 * ];
 * console.log(meanPassAtK(tallies, 2)); // => 0.26666666666666666
 * ```
 */
export function meanPassAtK(tallies: Iterable<Tally>, k: number): number {
  const list = collectTallies(tallies);
  const min = smallestN(list);
  assertK(k, min.n, min.problemId);
  let sum = 0;
  for (const t of list) sum += passAtK(t.n, t.c, k);
  return sum / list.length;
}

/**
 * The mean pass@k curve of a dataset at every requested k (default: every k from 1 to the smallest n),
 * each point equal to {@link meanPassAtK} at that k up to float rounding (relative 1e-12).
 *
 * Instead of evaluating every (problem, k) pair, problems are grouped by distinct (n, c) and for
 * each group the log of C(n − c, k)/C(n, k) is walked from k − 1 to k by the recurrence
 *
 *     C(n − c, k)/C(n, k) = C(n − c, k − 1)/C(n, k − 1) · (n − c − k + 1)/(n − k + 1)
 *
 * (exact integers while they fit in 2^53, then logs taken by log1p near 1 and summed with
 * compensation), so the whole curve costs
 * O(distinct (n, c) × max k) instead of O(problems × k × c).
 *
 * @param tallies - one {@link Tally} per problem (problem ids unique; n may differ)
 * @param ks - the budgets to report, each 1 ≤ k ≤ min n, returned in the order given
 * @returns `{ k, value }` for each requested k
 * @throws the same errors as {@link meanPassAtK}; an invalid entry of `ks` is named by index
 *
 * @example
 * ```ts
 * import { passAtKCurve } from "passk";
 * const tallies = [
 *   { problemId: "a", n: 4, c: 1 },
 *   { problemId: "b", n: 4, c: 2 },
 * ];
 * // a: 1/4, 1/2, 3/4, 1   b: 1/2, 5/6, 1, 1
 * console.log(passAtKCurve(tallies).map((p) => p.value.toFixed(4)).join(" ")); // => 0.3750 0.6667 0.8750 1.0000
 * console.log(passAtKCurve(tallies, [4, 1])); // => [ { k: 4, value: 1 }, { k: 1, value: 0.375 } ]
 * ```
 */
export function passAtKCurve(tallies: Iterable<Tally>, ks?: Iterable<number>): CurvePoint[] {
  const list = collectTallies(tallies);
  const min = smallestN(list);
  let requested: number[];
  if (ks === undefined) {
    if (min.n < 1) assertK(1, min.n, min.problemId);
    requested = Array.from({ length: min.n }, (_, i) => i + 1);
  } else {
    if (ks === null || typeof (ks as Iterable<number>)[Symbol.iterator] !== "function") {
      throw new InvalidArgumentError(`ks must be an iterable of integers, got ${String(ks)}`, { field: "ks", value: ks });
    }
    requested = [...ks];
    requested.forEach((k, i) => assertK(k, min.n, min.problemId, `ks[${i}]`));
  }
  if (requested.length === 0) return [];
  const maxK = Math.max(...requested);

  // Count problems per distinct (n, c); c = 0 contributes 0 at every k and is skipped.
  const groups = new Map<string, { n: number; c: number; count: number }>();
  for (const t of list) {
    if (t.c === 0) continue;
    const key = `${t.n},${t.c}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { n: t.n, c: t.c, count: 1 });
  }

  // sums[k] = Σ over problems of pass@k, for k = 1..maxK.
  const sums = new Float64Array(maxK + 1);
  for (const { n, c, count } of groups.values()) {
    const lastFinite = n - c; // C(n − c, k) = 0 for k > n − c, so pass@k = 1 from there on.
    const walkTo = Math.min(maxK, lastFinite);
    // Exact integer fraction num/den = C(n − c, k)/C(n, k) while den < 2^53 (as in passAtK), then logs.
    let num = 1;
    let den = 1;
    let k = 1;
    for (; k <= walkTo; k++) {
      const nextDen = den * (n - k + 1);
      if (nextDen > EXACT_LIMIT) break;
      den = nextDen;
      num *= n - c - k + 1;
      sums[k] = (sums[k] as number) + count * ((den - num) / den);
    }
    let logFail = k > walkTo ? 0 : logRatio(num, den);
    let comp = 0;
    for (; k <= walkTo; k++) {
      const term = logRatio(n - c - k + 1, n - k + 1);
      const t = logFail + term;
      comp += Math.abs(logFail) >= Math.abs(term) ? logFail - t + term : term - t + logFail;
      logFail = t;
      sums[k] = (sums[k] as number) + count * -Math.expm1(logFail + comp);
    }
    for (let k = walkTo + 1; k <= maxK; k++) sums[k] = (sums[k] as number) + count;
  }

  const problems = list.length;
  return requested.map((k) => ({ k, value: (sums[k] as number) / problems }));
}
