// Exact reference arithmetic for tests: BigInt binomials and decimal.js division at 60 digits.
// Nothing here calls the code under test.
import Decimal from "decimal.js";

const D60 = Decimal.clone({ precision: 60 });

export function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  const kk = Math.min(k, n - k);
  let r = 1n;
  for (let i = 0; i < kk; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

/** num/den rounded to 60 significant digits, then to the nearest float64. */
export function ratioToNumber(num: bigint, den: bigint): number {
  return new D60(num.toString()).div(den.toString()).toNumber();
}

/** Exact pass@k = 1 − C(n−c,k)/C(n,k) as a float64 (correctly rounded up to the 60-digit step). */
export function exactPassAtK(n: number, c: number, k: number): number {
  const den = binom(n, k);
  return ratioToNumber(den - binom(n - c, k), den);
}

/** Exact pass^k = C(c,k)/C(n,k). */
export function exactPassHatK(n: number, c: number, k: number): number {
  return ratioToNumber(binom(c, k), binom(n, k));
}

/** Relative error, with 0 expected only where exactly 0 is returned. */
export function relErr(actual: number, expected: number): number {
  if (expected === 0) return actual === 0 ? 0 : Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** The widely copied reference implementation (HumanEval), kept to show its k > n behaviour. */
export function humanEvalPassAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1.0;
  let prod = 1;
  for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
  return 1 - prod;
}
