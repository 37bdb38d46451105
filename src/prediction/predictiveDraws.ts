/**
 * Seeded binomial draws and conservative order-statistic intervals for the predictive bootstrap.
 * Internal.
 * @internal
 * @module
 */
import type { SeededRandom } from "../analysis/seededRandom.js";

/** Relative pmf below which the tails of the binomial are dropped (their total mass is below 1e−17). */
const TAIL = 1e-19;

/**
 * An exact draw from Binomial(n, q) (up to a tail mass below 1e−17) by inversion: the pmf is walked
 * outwards from the mode with its ratio pmf(j+1)/pmf(j) = (n − j)q/((j + 1)(1 − q)) until it falls
 * below 1e−19 of the mode's, normalised by the walked mass, and one uniform picks the value. Costs
 * about 20·sqrt(n·q(1 − q)) + 1 steps, so large n is cheap, and consumes exactly one uniform
 * (none when q is 0 or 1), so the stream stays aligned across runs.
 * @internal
 */
export function binomialDraw(n: number, q: number, rng: SeededRandom): number {
  if (n === 0 || q <= 0) return 0;
  if (q >= 1) return n;
  const odds = q / (1 - q);
  const mode = Math.min(n, Math.floor((n + 1) * q));
  const up: number[] = [];
  let r = 1;
  for (let j = mode; j < n; j++) {
    r *= ((n - j) * odds) / (j + 1);
    if (r < TAIL) break;
    up.push(r);
  }
  const down: number[] = [];
  r = 1;
  for (let j = mode; j > 0; j--) {
    r *= j / ((n - j + 1) * odds);
    if (r < TAIL) break;
    down.push(r);
  }
  let total = 1;
  for (const v of up) total += v;
  for (const v of down) total += v;
  // Inversion from the lowest value kept upwards.
  let u = rng.nextDouble() * total;
  for (let i = down.length - 1; i >= 0; i--) {
    u -= down[i] as number;
    if (u < 0) return mode - 1 - i;
  }
  u -= 1;
  if (u < 0) return mode;
  for (let i = 0; i < up.length; i++) {
    u -= up[i] as number;
    if (u < 0) return mode + 1 + i;
  }
  return mode + up.length;
}

/**
 * The two-sided interval at `level` from B sorted draws by conservative order statistics: the j-th
 * smallest and j-th largest with j = ⌊(B + 1)(1 − level)/2⌋. For exchangeable draws, a further draw
 * falls below the j-th smallest with probability at most j/(B + 1) ≤ (1 − level)/2, so the interval
 * is never narrower than the level says because B is small (unlike interpolated percentiles, which
 * shrink towards the middle for small B). Undefined when j < 1: too few draws to bound the tails.
 * @internal
 */
export function orderStatisticInterval(sorted: ArrayLike<number>, level: number): [number, number] | undefined {
  const B = sorted.length;
  const j = Math.floor(((B + 1) * (1 - level)) / 2 + 1e-9);
  if (j < 1) return undefined;
  return [sorted[j - 1] as number, sorted[B - j] as number];
}
