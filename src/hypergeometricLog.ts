/**
 * Numerically careful float64 kernels for ratios of binomial coefficients. Internal.
 * @internal
 * @module
 */

/**
 * log(a / b) for integers 0 < a ≤ b, accurate to a few ulps in both regimes: when a/b is close to 1,
 * `log1p(-(b - a) / b)` keeps the small difference exact (b − a is exact for safe integers); otherwise
 * `log(a / b)` is well conditioned.
 */
export function logRatio(a: number, b: number): number {
  const gap = b - a;
  return gap < 0.5 * b ? Math.log1p(-gap / b) : Math.log(a / b);
}

/**
 * log of C(n − a, k) / C(n, k): the probability that a uniformly random k-subset of n items avoids
 * a fixed set of a items. Returns −Infinity when n − a < k (every k-subset hits the set).
 *
 * Uses the symmetric product C(n−a,k)/C(n,k) = ∏_{j<m} (n − d − j)/(n − j) with m = min(a, k) and
 * d = max(a, k), so the work and the rounding error grow with the smaller of the two, and sums the
 * logs with Neumaier compensation so the sum is accurate to about one ulp of its magnitude.
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
