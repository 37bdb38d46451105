/**
 * The unbiased pass@k estimator for one problem, in float64.
 * @module
 */
import { logAvoidProbability } from "./hypergeometricLog.js";
import { assertNCK } from "./validate.js";

/**
 * Unbiased estimator of pass@k for one problem from `n` samples of which `c` are correct
 * (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", eq. 1):
 *
 *     pass@k = 1 − C(n − c, k) / C(n, k)
 *
 * the probability that at least one of k samples drawn without replacement from the n is correct.
 *
 * Computed stably in float64 as `−expm1(Σ_{j<m} log((n − d − j)/(n − j)))` with m = min(c, k) and
 * d = max(c, k), each log taken by `log1p` where the ratio is near 1 and the sum compensated, so the
 * result keeps full relative precision even when pass@k is tiny (e.g. c = 1, n = 5000, k = 1).
 * Relative error ≤ 1e-12 against exact arithmetic for every n ≤ 5000 (property-tested).
 *
 * @param n - samples drawn (safe integer ≥ 0)
 * @param c - correct samples (0 ≤ c ≤ n)
 * @param k - budget (1 ≤ k ≤ n)
 * @throws {@link InvalidArgumentError} for a non-integer, negative or NaN argument, or c > n, or k < 1
 * @throws {@link KExceedsSamplesError} when k > n (never a silent 1.0)
 *
 * @example
 * ```ts
 * import { passAtK } from "passk";
 * // 1 − C(7,2)/C(10,2) = 1 − 21/45 = 8/15
 * console.log(passAtK(10, 3, 2)); // => 0.5333333333333333
 * console.log(passAtK(1024, 0, 1024)); // => 0
 * ```
 */
export function passAtK(n: number, c: number, k: number): number {
  assertNCK(n, c, k);
  if (c === 0) return 0;
  return -Math.expm1(logAvoidProbability(n, c, k));
}
