/**
 * Number and crossover formatting shared by the text, Markdown and CSV writers.
 * @module
 */
import type { Crossover } from "../analysis/index.js";

/**
 * A number rounded to `digits` decimals for display (the JSON and CSV keep full precision).
 *
 * @example
 * ```ts
 * import { fixed } from "passk/cli";
 * console.log(fixed(0.123456), fixed(1 / 3, 2)); // => 0.1235 0.33
 * ```
 */
export function fixed(x: number, digits = 4): string {
  return x.toFixed(digits);
}

/**
 * An estimate with its interval, e.g. `0.2500 [0.1000, 0.4000]`, or `0.2500 (no interval)` when
 * the report has none (a single problem).
 *
 * @example
 * ```ts
 * import { withInterval } from "passk/cli";
 * console.log(withInterval({ estimate: 0.25, lower: 0.1, upper: 0.4 })); // => 0.2500 [0.1000, 0.4000]
 * console.log(withInterval({ estimate: 0.25, lower: null, upper: null })); // => 0.2500 (no interval)
 * ```
 */
export function withInterval(e: { readonly estimate: number; readonly lower: number | null; readonly upper: number | null }, digits = 4): string {
  if (e.lower === null || e.upper === null) return `${fixed(e.estimate, digits)} (no interval)`;
  return `${fixed(e.estimate, digits)} [${fixed(e.lower, digits)}, ${fixed(e.upper, digits)}]`;
}

/**
 * A crossover result in words: `k ≈ 45.3 (between 32 and 64)`, `k <= 1 (base already ahead at the
 * smallest k)` or `none up to k = 256`.
 *
 * @example
 * ```ts
 * import { describeCrossover } from "passk/cli";
 * console.log(describeCrossover({ kind: "crossover", k: 6.3496, lowerK: 4, upperK: 16 })); // => k ≈ 6.3 (between 4 and 16)
 * console.log(describeCrossover({ kind: "none", upToK: 256 })); // => none up to k = 256
 * ```
 */
export function describeCrossover(c: Crossover): string {
  if (c.kind === "crossover") return `k ≈ ${c.k.toFixed(1)} (between ${c.lowerK} and ${c.upperK})`;
  if (c.kind === "atFirstK") return `k <= ${c.k} (base already level or ahead at the smallest k)`;
  return `none up to k = ${c.upToK}`;
}

/**
 * The k of a crossover bound, as text: the interpolated k, `<=k` or `>k` (`n/a` for no bound).
 *
 * @example
 * ```ts
 * import { crossoverBound } from "passk/cli";
 * console.log(crossoverBound({ kind: "none", upToK: 64 }), crossoverBound({ kind: "atFirstK", k: 1 }), crossoverBound(null)); // => >64 <=1 n/a
 * ```
 */
export function crossoverBound(c: Crossover | null): string {
  if (c === null) return "n/a";
  if (c.kind === "crossover") return c.k.toFixed(1);
  if (c.kind === "atFirstK") return `<=${c.k}`;
  return `>${c.upToK}`;
}
