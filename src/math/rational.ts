/**
 * Exact BigInt rationals with size caps. Internal.
 * @internal
 * @module
 */
import { MathLimitError } from "./limits.js";

/** num/den in lowest terms, den > 0. */
export interface Rat {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Approximate decimal digit count of |x| (from the bit length; exact enough for caps). */
export function digitsOf(x: bigint): number {
  if (x === 0n) return 1;
  const hex = (x < 0n ? -x : x).toString(16).length;
  return Math.ceil(hex * 4 * 0.30103);
}

export function rat(n: bigint, d: bigint = 1n, maxDigits = Infinity): Rat {
  if (d === 0n) throw new RangeError("division by zero");
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  const r = g === 1n ? { n, d } : { n: n / g, d: d / g };
  if (maxDigits !== Infinity && (digitsOf(r.n) > maxDigits || digitsOf(r.d) > maxDigits)) {
    throw new MathLimitError("number too large");
  }
  return r;
}

export const ZERO: Rat = { n: 0n, d: 1n };
export const ONE: Rat = { n: 1n, d: 1n };

export const add = (a: Rat, b: Rat, m: number): Rat => rat(a.n * b.d + b.n * a.d, a.d * b.d, m);
export const sub = (a: Rat, b: Rat, m: number): Rat => rat(a.n * b.d - b.n * a.d, a.d * b.d, m);
export const mul = (a: Rat, b: Rat, m: number): Rat => rat(a.n * b.n, a.d * b.d, m);
export const div = (a: Rat, b: Rat, m: number): Rat => rat(a.n * b.d, a.d * b.n, m);
export const eq = (a: Rat, b: Rat): boolean => a.n === b.n && a.d === b.d;
export const isInt = (a: Rat): boolean => a.d === 1n;

/** a^k for an integer k, refusing results beyond maxDigits before computing them. */
export function powInt(a: Rat, k: bigint, maxDigits: number, maxExponent: number): Rat {
  if (k === 0n) return ONE;
  if (a.n === 0n) {
    if (k < 0n) throw new RangeError("division by zero");
    return ZERO;
  }
  if (a.d === 1n && (a.n === 1n || a.n === -1n)) return k % 2n === 0n ? ONE : a;
  const absK = k < 0n ? -k : k;
  if (absK > BigInt(maxExponent)) throw new MathLimitError("exponent too large");
  const size = Math.max(digitsOf(a.n), digitsOf(a.d));
  if ((size - 1) * Number(absK) > maxDigits) throw new MathLimitError("exponent too large");
  const r = rat(a.n ** absK, a.d ** absK, maxDigits);
  return k < 0n ? rat(r.d, r.n) : r;
}

/** Exact integer k-th root of a non-negative bigint, or undefined when it is not a perfect power. */
export function exactRoot(x: bigint, k: number): bigint | undefined {
  if (x < 0n) return undefined;
  if (x < 2n) return x;
  // Newton iteration from a float estimate, then an exact check of the neighbours.
  const approx = BigInt(Math.round(Math.exp(Math.log(Number(x)) / k)));
  if (!Number.isFinite(Number(x))) return undefined;
  for (const c of [approx - 1n, approx, approx + 1n]) if (c >= 0n && c ** BigInt(k) === x) return c;
  return undefined;
}

export function factorial(n: number): bigint {
  let lo = 1n;
  const prod = (a: number, b: number): bigint => {
    if (b - a < 16) {
      let p = 1n;
      for (let i = a; i <= b; i++) p *= BigInt(i);
      return p;
    }
    const m = Math.floor((a + b) / 2);
    return prod(a, m) * prod(m + 1, b);
  };
  if (n >= 2) lo = prod(2, n);
  return lo;
}

export function ratToString(r: Rat): string {
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}
