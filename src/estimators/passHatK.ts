/**
 * pass^k: the probability that every one of k draws is correct.
 * @module
 */
import { logAvoidProbability, smallAvoidFraction } from "./hypergeometricLog.js";
import { assertNCK } from "./validate.js";

/**
 * pass^k ("pass-hat-k") for one problem: the probability that all k samples drawn without
 * replacement from the n are correct,
 *
 *     pass^k = C(c, k) / C(n, k)
 *
 * (the unbiased estimator of p^k used by τ-bench, Yao et al. 2024, and the τ = 1 end of G-Pass@k).
 * Uses C(c,k)/C(n,k) = C(n − (n − c), k)/C(n, k), a product of min(k, n − c) ratios: one correctly
 * rounded division while the integer products stay below 2^53, otherwise exp of a compensated sum
 * of their logs. Values below float64's range (about 1e-308) lose
 * relative precision and underflow to 0; use exact arithmetic there.
 *
 * @param n - samples drawn (safe integer ≥ 0)
 * @param c - correct samples (0 ≤ c ≤ n)
 * @param k - budget (1 ≤ k ≤ n)
 * @throws {@link InvalidArgumentError} for invalid counts, {@link KExceedsSamplesError} when k > n
 *
 * @example
 * ```ts
 * import { passHatK } from "passk";
 * // C(3,2)/C(10,2) = 3/45 = 1/15
 * console.log(passHatK(10, 3, 2)); // => 0.06666666666666667
 * console.log(passHatK(10, 3, 4)); // => 0
 * ```
 */
export function passHatK(n: number, c: number, k: number): number {
  assertNCK(n, c, k);
  if (k > c) return 0;
  const exact = smallAvoidFraction(n, n - c, k);
  if (exact) return exact[0] / exact[1];
  return Math.exp(logAvoidProbability(n, n - c, k));
}
