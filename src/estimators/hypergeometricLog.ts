/**
 * Numerically careful float64 kernels for ratios of binomial coefficients. Internal.
 * @internal
 * @module
 */

/** Integers up to 2^53 are exact in float64; products kept below it are exact. */
export const EXACT_LIMIT = 2 ** 53;

/**
 * log(a / b) for integers 0 < a ≤ b, accurate to a few ulps in both regimes: when a/b is close to 1,
 * `log1p(-(b - a) / b)` keeps the small difference exact (b − a is exact for integers below 2^53);
 * otherwise `log(a / b)` is well conditioned.
 */
export function logRatio(a: number, b: number): number {
  const gap = b - a;
  return gap < 0.5 * b ? Math.log1p(-gap / b) : Math.log(a / b);
}

/**
 * C(n − a, k)/C(n, k) as an exact integer fraction [num, den] = [∏_{j<m}(n − d − j), ∏_{j<m}(n − j)]
 * with m = min(a, k), d = max(a, k), when both products stay below 2^53; otherwise undefined.
 * A single division of the pair (or of den − num by den) is then correctly rounded, so small cases
 * such as pass@1 = c/n come out exactly as a user would compute them by hand.
 * Callers validate 0 ≤ a ≤ n, 0 ≤ k ≤ n and n − a ≥ k.
 */
export function smallAvoidFraction(n: number, a: number, k: number): [number, number] | undefined {
  const m = a < k ? a : k;
  const d = a < k ? k : a;
  let num = 1;
  let den = 1;
  for (let j = 0; j < m; j++) {
    den *= n - j;
    if (den > EXACT_LIMIT) return undefined;
    num *= n - d - j;
  }
  return [num, den];
}

/**
 * log of C(n − a, k) / C(n, k): the probability that a uniformly random k-subset of n items avoids
 * a fixed set of a items. Returns −Infinity when n − a < k (every k-subset hits the set).
 *
 * Uses the symmetric product C(n−a,k)/C(n,k) = ∏_{j<m} (n − d − j)/(n − j) with m = min(a, k) and
 * d = max(a, k), so the work grows with the smaller of the two, and sums the logs with Neumaier
 * compensation. All terms share a sign, so the sum is accurate to a few ulps of its magnitude.
 * Callers validate 0 ≤ a ≤ n and 0 ≤ k ≤ n.
 */
export function logAvoidProbability(n: number, a: number, k: number): number {
  if (n - a < k) return -Infinity;
  const m = a < k ? a : k;
  const d = a < k ? k : a;
  let sum = 0;
  let comp = 0;
  for (let j = 0; j < m; j++) {
    const term = logRatio(n - d - j, n - j);
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return sum + comp;
}
