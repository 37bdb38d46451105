/**
 * G-Pass@k_τ and mG-Pass@k: pass@k generalised to "at least a share τ of the k draws is correct".
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { assertK, assertNCK } from "../estimators/validate.js";
import { smallestN } from "./modelTallies.js";

/**
 * Upper tail of X ~ Hypergeometric(population n, c successes, k draws): tail[m] = P(X ≥ m) for
 * m = 0 … k + 1 (tail[0] = 1, tail[k + 1] = 0).
 *
 * The pmf is walked in log space from the lower end of the support, j₀ = max(0, k − (n − c)), by the
 * ratio pmf(j + 1)/pmf(j) = (c − j)(k − j) / ((j + 1)(n − c − k + j + 1)), with compensated summation;
 * the unnormalised weights are exponentiated relative to their maximum and normalised by their own
 * sum, so no binomial coefficient is ever formed (no overflow) and every tail is a ratio of sums of
 * positive terms (no cancellation): relative accuracy is kept deep into both tails, down to values
 * near 1e-300 times the largest pmf term. Callers validate 0 ≤ c ≤ n, 0 ≤ k ≤ n.
 * @internal
 */
export function hypergeometricUpperTail(n: number, c: number, k: number): Float64Array {
  const tail = new Float64Array(k + 2);
  const lo = Math.max(0, k - (n - c));
  const hi = Math.min(c, k);
  const logW = new Float64Array(hi - lo + 1);
  let sum = 0;
  let comp = 0;
  for (let j = lo; j < hi; j++) {
    const term = Math.log(((c - j) / (j + 1)) * ((k - j) / (n - c - k + j + 1)));
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    logW[j + 1 - lo] = sum + comp;
  }
  let peak = -Infinity;
  for (const v of logW) if (v > peak) peak = v;
  // Suffix sums from the top of the support down; terms below lo all lie in every tail.
  let acc = 0;
  for (let j = hi; j >= lo; j--) {
    acc += Math.exp((logW[j - lo] as number) - peak);
    tail[j] = acc;
  }
  const total = acc;
  for (let j = lo; j <= hi; j++) tail[j] = (tail[j] as number) / total;
  tail.fill(1, 0, lo + 1);
  return tail;
}

/**
 * ⌈τk⌉ with the float product τ·k snapped to the nearest integer when it lies within 4 ulps of it,
 * so τ = 0.7, k = 10 gives 7 (the mathematical value) and not 8 (0.7 · 10 = 7.000000000000001 in float64).
 */
function thresholdOf(tau: number, k: number): number {
  const x = tau * k;
  const r = Math.round(x);
  const m = Math.abs(x - r) <= 4 * Number.EPSILON * r ? r : Math.ceil(x);
  return Math.max(1, m);
}

function assertTau(tau: unknown): asserts tau is number {
  if (typeof tau !== "number" || !(tau >= 0 && tau <= 1)) {
    throw new InvalidArgumentError(`tau must be a number from 0 to 1, got ${String(tau)}`, { field: "tau", value: tau });
  }
}

/**
 * G-Pass@k_τ for one problem (Liu et al. 2024, "Are Your LLMs Capable of Stable Reasoning?",
 * arXiv:2412.13147): the probability that at least ⌈τk⌉ of k samples drawn without replacement from
 * the n are correct,
 *
 *     G-Pass@k_τ = Σ_{j = m}^{min(c, k)} C(c, j) C(n − c, k − j) / C(n, k),   m = max(1, ⌈τk⌉)
 *
 * i.e. P(X ≥ m) for X ~ Hypergeometric(n, c, k). As in the authors' reference code the threshold is
 * at least 1, so τ = 0 (and any τ ≤ 1/k) gives pass@k, and τ = 1 gives pass^k. ⌈τk⌉ is taken on the
 * mathematical product: τ·k within 4 ulps of an integer counts as that integer (0.7 · 10 → 7), where
 * the reference's `np.ceil(k * t)` gives 8. Stable in both tails (see the module notes).
 *
 * @param n - samples drawn, @param c - correct samples (0 ≤ c ≤ n), @param k - budget (1 ≤ k ≤ n)
 * @param tau - required share of correct draws, 0 ≤ τ ≤ 1
 * @throws {@link InvalidArgumentError} for invalid counts or τ, {@link KExceedsSamplesError} when k > n
 *
 * @example
 * ```ts
 * import { gPassAtK } from "passk";
 * // n = 4, c = 2, k = 2: P(X = 0, 1, 2) = 1/6, 4/6, 1/6
 * console.log(gPassAtK(4, 2, 2, 0.5).toFixed(6)); // => 0.833333
 * console.log(gPassAtK(4, 2, 2, 1).toFixed(6), gPassAtK(4, 2, 2, 0).toFixed(6)); // => 0.166667 0.833333
 * ```
 */
export function gPassAtK(n: number, c: number, k: number, tau: number): number {
  assertNCK(n, c, k);
  assertTau(tau);
  const m = thresholdOf(tau, k);
  if (m > Math.min(c, k)) return 0;
  return hypergeometricUpperTail(n, c, k)[m] as number;
}

/**
 * mG-Pass@k for one problem (Liu et al. 2024): the average of G-Pass@k_τ over the thresholds above
 * one half, an interpolated area under G-Pass@k_τ for τ ∈ (0.5, 1],
 *
 *     mG-Pass@k = (2/k) Σ_{i = ⌈k/2⌉ + 1}^{k} P(X ≥ i),   X ~ Hypergeometric(n, c, k)
 *
 * as defined in the paper and its reference code. The sum has k − ⌈k/2⌉ terms, so a problem solved by
 * every sample scores 1 for even k but (k − 1)/k for odd k, and mG-Pass@1 = 0 (empty sum).
 *
 * @param n - samples drawn, @param c - correct samples (0 ≤ c ≤ n), @param k - budget (1 ≤ k ≤ n)
 * @throws {@link InvalidArgumentError} for invalid counts, {@link KExceedsSamplesError} when k > n
 *
 * @example
 * ```ts
 * import { mGPassAtK } from "passk";
 * // n = 4, c = 3, k = 2: ⌈2/2⌉ + 1 = 2, so (2/2) · P(X ≥ 2) = C(3,2)/C(4,2) = 1/2
 * console.log(mGPassAtK(4, 3, 2)); // => 0.5
 * console.log(mGPassAtK(4, 4, 4), mGPassAtK(4, 0, 4)); // => 1 0
 * ```
 */
export function mGPassAtK(n: number, c: number, k: number): number {
  assertNCK(n, c, k);
  return mGPassUnchecked(n, c, k);
}

function mGPassUnchecked(n: number, c: number, k: number): number {
  const from = Math.ceil(k / 2) + 1;
  if (from > Math.min(c, k)) return 0;
  const tail = hypergeometricUpperTail(n, c, k);
  let sum = 0;
  for (let i = from; i <= k; i++) sum += tail[i] as number;
  return (2 * sum) / k;
}

/**
 * Mean over a validated dataset of a per-problem value that depends only on (n, c), computed once per
 * distinct (n, c). k is checked against the smallest n first.
 */
function meanOverCounts(tallies: Iterable<Tally>, k: number, valueOf: (n: number, c: number) => number): number {
  const list = collectTallies(tallies);
  const min = smallestN(list);
  assertK(k, min.n, min.problemId);
  const cache = new Map<string, number>();
  let sum = 0;
  for (const t of list) {
    const key = `${t.n},${t.c}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = valueOf(t.n, t.c);
      cache.set(key, v);
    }
    sum += v;
  }
  return sum / list.length;
}

/**
 * Mean G-Pass@k_τ over a dataset (see {@link gPassAtK}): (1/P) Σ_p G-Pass@k_τ(n_p, c_p).
 *
 * @param tallies - one {@link Tally} per problem (ids unique)
 * @param k - budget, 1 ≤ k ≤ smallest n
 * @param tau - 0 ≤ τ ≤ 1
 * @throws the errors of {@link meanPassAtK} and {@link gPassAtK}
 *
 * @example
 * ```ts
 * import { meanGPassAtK } from "passk";
 * const tallies = [{ problemId: "a", n: 4, c: 2 }, { problemId: "b", n: 4, c: 4 }];
 * // (1/6 + 1)/2 at τ = 1
 * console.log(meanGPassAtK(tallies, 2, 1).toFixed(6)); // => 0.583333
 * ```
 */
export function meanGPassAtK(tallies: Iterable<Tally>, k: number, tau: number): number {
  assertTau(tau);
  const m = thresholdOf(tau, k);
  return meanOverCounts(tallies, k, (n, c) => (m > Math.min(c, k) ? 0 : (hypergeometricUpperTail(n, c, k)[m] as number)));
}

/**
 * Mean mG-Pass@k over a dataset (see {@link mGPassAtK}).
 *
 * @param tallies - one {@link Tally} per problem (ids unique)
 * @param k - budget, 1 ≤ k ≤ smallest n
 * @throws the errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { meanMGPassAtK } from "passk";
 * const tallies = [{ problemId: "a", n: 4, c: 3 }, { problemId: "b", n: 4, c: 0 }];
 * console.log(meanMGPassAtK(tallies, 2)); // => 0.25
 * ```
 */
export function meanMGPassAtK(tallies: Iterable<Tally>, k: number): number {
  return meanOverCounts(tallies, k, (n, c) => mGPassUnchecked(n, c, k));
}
