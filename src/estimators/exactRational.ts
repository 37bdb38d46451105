/**
 * Exact BigInt rationals for the estimators and their correctly rounded decimal conversion. Internal.
 * @internal
 * @module
 */
import { Decimal } from "decimal.js";

/** Product of consecutive-ish integers lo, lo+1, …, hi−1 by a balanced tree (fast BigInt multiplication). */
function rangeProduct(lo: number, hi: number): bigint {
  if (hi - lo <= 0) return 1n;
  if (hi - lo <= 16) {
    let p = 1n;
    for (let x = lo; x < hi; x++) p *= BigInt(x);
    return p;
  }
  const mid = lo + Math.floor((hi - lo) / 2);
  return rangeProduct(lo, mid) * rangeProduct(mid, hi);
}

/** An exact non-negative rational, not necessarily in lowest terms. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * C(n − a, k) / C(n, k) exactly, as ∏_{j<m} (n − d − j) / ∏_{j<m} (n − j) with m = min(a, k),
 * d = max(a, k). Callers validate 0 ≤ a ≤ n, 0 ≤ k ≤ n.
 */
export function avoidProbabilityRatio(n: number, a: number, k: number): Ratio {
  if (n - a < k) return { num: 0n, den: 1n };
  const m = Math.min(a, k);
  const d = Math.max(a, k);
  return { num: rangeProduct(n - d - m + 1, n - d + 1), den: rangeProduct(n - m + 1, n + 1) };
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(16).length * 4;
}

/**
 * Converts num/den (num ≥ 0, den > 0) to a Decimal with `digits` significant digits, correctly
 * rounded half-to-even: the integer quotient carries at least digits + 1 digits and a sticky digit
 * records a non-zero remainder, so the single final rounding sees the exact value's position.
 */
export function ratioToDecimal(r: Ratio, digits: number): Decimal {
  const { num, den } = r;
  if (num === 0n) return new Decimal(0);
  // 10^scale · num / den has at least digits + 2 integer digits (bit lengths are within 4 bits).
  const scale = Math.max(0, digits + 2 + Math.ceil(((bitLength(den) - bitLength(num) + 8) * Math.LN2) / Math.LN10));
  const scaled = num * 10n ** BigInt(scale);
  const q = scaled / den;
  const sticky = scaled % den === 0n ? "0" : "1";
  // The constructor keeps every digit; the explicit rounding ignores the global Decimal config.
  return new Decimal(`${q}${sticky}e-${scale + 1}`).toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN);
}
