/**
 * The unbiased pass@k estimator for one problem, in float64.
 * @module
 */
import { logAvoidProbability, smallAvoidFraction } from "./hypergeometricLog.js";
import { assertNCK } from "./validate.js";

/**
 * Unbiased estimator of pass@k for one problem from `n` samples of which `c` are correct
 * (Chen et al. 2021, "Evaluating Large Language Models Trained on Code", eq. 1):
 *
 *     pass@k = 1 − C(n − c, k) / C(n, k)
 *
 * the probability that at least one of k samples drawn without replacement from the n is correct.
 *
 * Uses C(n − c, k)/C(n, k) = ∏_{j<m} (n − d − j)/(n − j) with m = min(c, k), d = max(c, k). While
 * both products are below 2^53 they are exact integers and the result is one correctly rounded
 * division (so pass@1 is exactly c/n as a float). Beyond that it is computed as
 * `−expm1(Σ log((n − d − j)/(n − j)))`, each log taken by `log1p` where the ratio is near 1 and the
 * sum compensated, so the result keeps full relative precision even when pass@k is tiny
 * (e.g. c = 1, n = 5000). Relative error ≤ 1e-12 against exact arithmetic for every n ≤ 5000
 * (property-tested; typically a few ulps).
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
  if (n - c < k) return 1;
  const exact = smallAvoidFraction(n, c, k);
  if (exact) return (exact[1] - exact[0]) / exact[1];
  return -Math.expm1(logAvoidProbability(n, c, k));
}
