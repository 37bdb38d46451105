/**
 * pass@k and pass^k in exact arithmetic, returned as decimal.js values.
 * @module
 */
import type { Decimal } from "decimal.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { avoidProbabilityRatio, ratioToDecimal } from "./exactRational.js";
import { assertNCK } from "./validate.js";

/** Options of {@link passAtKExact} and {@link passHatKExact}. */
export interface ExactOptions {
  /**
   * Significant digits of the returned Decimal (1 to 10,000; default 40). The value is the exact
   * rational rounded once, half to even, to this many digits.
   */
  readonly digits?: number;
}

const MAX_EXACT_N = 1_000_000;

function digitsOf(options: ExactOptions | undefined): number {
  const digits = options?.digits ?? 40;
  if (!Number.isSafeInteger(digits) || digits < 1 || digits > 10_000) {
    throw new InvalidArgumentError(`digits must be an integer from 1 to 10000, got ${String(digits)}`, {
      field: "digits",
      value: digits,
    });
  }
  return digits;
}

function checkExact(n: number, c: number, k: number): void {
  assertNCK(n, c, k);
  if (n > MAX_EXACT_N) {
    throw new InvalidArgumentError(`n = ${n} is above the exact-arithmetic limit of ${MAX_EXACT_N}`, {
      field: "n",
      value: n,
    });
  }
}

/**
 * pass@k = 1 − C(n − c, k)/C(n, k) (Chen et al. 2021) computed exactly with BigInt rationals and
 * rounded once, half to even, to `digits` significant digits (default 40). Use it as a reference
 * for {@link passAtK} or when float64 is not enough; practical for n up to 100,000 and accepted up to
 * 1,000,000 (the numbers have about n·log2(n) bits, multiplied by product trees).
 *
 * @param n - samples drawn, @param c - correct samples, @param k - budget (1 ≤ k ≤ n)
 * @throws {@link InvalidArgumentError} for invalid counts or digits, {@link KExceedsSamplesError} when k > n
 *
 * @example
 * ```ts
 * import { passAtKExact } from "passk";
 * console.log(passAtKExact(10, 3, 2, { digits: 20 }).toString()); // => 0.53333333333333333333
 * console.log(passAtKExact(100000, 1, 1).toString()); // => 0.00001
 * ```
 */
export function passAtKExact(n: number, c: number, k: number, options?: ExactOptions): Decimal {
  checkExact(n, c, k);
  const digits = digitsOf(options);
  const fail = avoidProbabilityRatio(n, c, k);
  return ratioToDecimal({ num: fail.den - fail.num, den: fail.den }, digits);
}

/**
 * pass^k = C(c, k)/C(n, k) computed exactly with BigInt rationals and rounded once, half to even,
 * to `digits` significant digits (default 40). Unlike {@link passHatK} it does not underflow.
 *
 * @example
 * ```ts
 * import { passHatKExact } from "passk";
 * console.log(passHatKExact(10, 3, 2, { digits: 10 }).toString()); // => 0.06666666667
 * console.log(passHatKExact(4000, 1, 1).toString()); // => 0.00025
 * ```
 */
export function passHatKExact(n: number, c: number, k: number, options?: ExactOptions): Decimal {
  checkExact(n, c, k);
  const digits = digitsOf(options);
  return ratioToDecimal(avoidProbabilityRatio(n, n - c, k), digits);
}
