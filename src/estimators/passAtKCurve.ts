/**
 * Dataset-level pass@k: the mean over problems at one k, and the whole curve over many k.
 * @module
 */
import { EXACT_LIMIT as IMPORTED_EXACT_LIMIT, logRatio as importedLogRatio } from "./hypergeometricLog.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { passAtK } from "./passAtK.js";
import { collectTallies, smallestN, type Tally } from "./tally.js";
import { assertK } from "./validate.js";

// Module-local bindings for the inner loops: where the source runs as CommonJS (tsx, ts-node),
// every use of an imported name is a getter call on the exporting module, once per factor here.
const EXACT_LIMIT = IMPORTED_EXACT_LIMIT;
const logRatio = importedLogRatio;

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
 * Instead of evaluating every (problem, k) pair, problems are grouped by distinct (n, c). For each
 * group the log of C(n − c, k)/C(n, k) is either walked from k − 1 to k by the recurrence
 *
 *     C(n − c, k)/C(n, k) = C(n − c, k − 1)/C(n, k − 1) · (n − c − k + 1)/(n − k + 1)
 *
 * (exact integers while they fit in 2^53, then logs taken by log1p near 1 and summed with
 * compensation), costing O(min(max k, n − c)) for the full curve. When only some ks are requested
 * (1, 2, 4, …, 1024, say), each group instead goes from one requested k to the next, by the
 * recurrence or afresh from the symmetric product of c factors, whichever is shorter, one log per
 * block of factors whose product is an exact integer (see the source): a few large ks cost a small
 * fraction of the full walk. Both paths stay within the same 1e-12 of the exact mean.
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
    requested = Array.from(ks);
    requested.forEach((k, i) => assertK(k, min.n, min.problemId, `ks[${i}]`));
  }
  if (requested.length === 0) return [];
  // No Math.max(...requested): spreading a long list as arguments overflows the stack.
  let maxK = 0;
  for (const k of requested) if (k > maxK) maxK = k;
  const wanted = new Uint8Array(maxK + 1);
  for (const k of requested) wanted[k] = 1;
  // Distinct requested ks, ascending.
  const want: number[] = [];
  for (let k = 1; k <= maxK; k++) if (wanted[k] === 1) want.push(k);
  const everyK = want.length === maxK;

  // sums[k] = Σ over problems of pass@k, at the requested k.
  const sums = new Float64Array(maxK + 1);
  forEachGroup(list, (n, c, count) => {
    if (everyK) addWalk(sums, n, c, count, maxK);
    else addSparse(sums, n, c, count, want);
  });

  const problems = list.length;
  return requested.map((k) => ({ k, value: (sums[k] as number) / problems }));
}

/**
 * Calls `f` once per distinct (n, c) with c > 0 (c = 0 contributes 0 at every k), with the number
 * of problems sharing it, in order of first appearance (the order the sums were always added in,
 * so the full curve keeps its exact float results). Numeric keys, not strings: with one n for all
 * problems (the usual case) a count per c in a typed array.
 */
function forEachGroup(list: readonly Tally[], f: (n: number, c: number, count: number) => void): void {
  const n0 = (list[0] as Tally).n;
  if (n0 <= 1 << 20 && list.every((t) => t.n === n0)) {
    const counts = new Uint32Array(n0 + 1);
    const order: number[] = [];
    for (const t of list) {
      if (t.c === 0) continue;
      if (counts[t.c] === 0) order.push(t.c);
      counts[t.c] = (counts[t.c] as number) + 1;
    }
    for (const c of order) f(n0, c, counts[c] as number);
    return;
  }
  const byN = new Map<number, Map<number, { n: number; c: number; count: number }>>();
  const groups: { n: number; c: number; count: number }[] = [];
  for (const t of list) {
    if (t.c === 0) continue;
    let byC = byN.get(t.n);
    if (byC === undefined) byN.set(t.n, (byC = new Map()));
    const g = byC.get(t.c);
    if (g) g.count++;
    else {
      const created = { n: t.n, c: t.c, count: 1 };
      byC.set(t.c, created);
      groups.push(created);
    }
  }
  for (const g of groups) f(g.n, g.c, g.count);
}

/** Walks k = 1..maxK for one (n, c) group, adding count · pass@k at every k (the full curve). */
function addWalk(sums: Float64Array, n: number, c: number, count: number, maxK: number): void {
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

/**
 * Adds count · pass@k at each wanted k for one (n, c) group without visiting the ks in between.
 * The log of C(n − c, k)/C(n, k) is carried from one wanted k to the next, either stepped by
 * the k-recurrence factors (n − c − i)/(n − i), i = k′..k − 1, or computed afresh from the
 * symmetric product of the c factors (n − k − j)/(n − j), j < c, whichever has fewer factors.
 * Factors are multiplied in blocks whose products stay exact integers below 2^53, so each block
 * costs one logRatio (log1p near 1), and the block logs are summed with compensation: the same
 * error model as the walk, one log per block instead of per factor. While the whole ratio is an
 * exact fraction below 2^53 the value is (den − num)/den, as in {@link passAtK}.
 */
function addSparse(sums: Float64Array, n: number, c: number, count: number, want: readonly number[]): void {
  const finite = n - c;
  const block = blockSize(n);
  let kPrev = 0;
  let sum = 0; // log C(n − c, kPrev)/C(n, kPrev) = sum + comp
  let comp = 0;
  let exact = true; // and, while exact, num/den is that ratio as integers below 2^53
  let num = 1;
  let den = 1;
  // Multiplies the ratio by Π_{lo ≤ m < hi} (top − m)/(n − m), a block of factors at a time.
  const multiply = (top: number, lo: number, hi: number): void => {
    for (let m = lo; m < hi; ) {
      let a = 1;
      let d = 1;
      const end = Math.min(hi, m + block);
      for (; m < end; m++) {
        a *= top - m;
        d *= n - m;
      }
      if (exact) {
        if (den * d > EXACT_LIMIT) exact = false;
        else {
          den *= d;
          num *= a;
        }
      }
      const term = logRatio(a, d);
      const t = sum + term;
      comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
      sum = t;
    }
  };
  for (const k of want) {
    if (k > finite) {
      sums[k] = (sums[k] as number) + count;
      continue;
    }
    if (k - kPrev > Math.min(c, k)) {
      // Afresh (only when k > c): C(n − c, k)/C(n, k) = C(n − k, c)/C(n, c) = Π_{j<c} (n − k − j)/(n − j).
      sum = 0;
      comp = 0;
      exact = true;
      num = 1;
      den = 1;
      multiply(n - k, 0, c);
    } else {
      // Step by the k-recurrence factors (n − c − i)/(n − i), i = kPrev..k − 1.
      multiply(n - c, kPrev, k);
    }
    kPrev = k;
    sums[k] = (sums[k] as number) + count * (exact ? (den - num) / den : -Math.expm1(sum + comp));
  }
}

/** The most factors ≤ n whose product stays below 2^53 (at least 1). */
function blockSize(n: number): number {
  let b = 0;
  let p = 1;
  while (p * n <= EXACT_LIMIT) {
    p *= n;
    b++;
  }
  return Math.max(b, 1);
}
