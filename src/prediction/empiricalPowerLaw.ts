/**
 * The empirical power law of Brown et al. 2024 for extrapolating a measured pass@k curve.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { assertPositiveCount } from "../estimators/validate.js";

/** Parameters of −log(pass@k) ≈ a·k^(−b), fitted by {@link fitEmpiricalPowerLaw}. */
export interface EmpiricalPowerLaw {
  /** Scale a > 0: −log pass@1 as the law sees it. */
  readonly a: number;
  /** Exponent b: how fast −log pass@k falls with k (b > 0 when the curve rises). */
  readonly b: number;
  /** Number of curve points used (those with 0 < pass@k < 1). */
  readonly points: number;
  /** Coefficient of determination of the log–log regression. */
  readonly r2: number;
}

/**
 * Fits the empirical power law of Brown et al. 2024 ("Large Language Monkeys: Scaling Inference
 * Compute with Repeated Sampling"): −log(pass@k) ≈ a·k^(−b), by least squares of
 * log(−log pass@k) on log k over the curve points strictly between 0 and 1. A curve-level
 * extrapolation offered for comparison with the distributional {@link predictPassAtKBeyond}; unlike
 * it, the law has no notion of unsolvable problems and tends to 1 as k grows.
 *
 * @param curve - points `{ k, value }` such as {@link passAtKCurve} returns
 * @throws {@link InvalidArgumentError} when fewer than two points lie strictly between 0 and 1
 *
 * @example
 * ```ts
 * import { fitEmpiricalPowerLaw } from "passk";
 * // −log pass@k = 2·k^(−0.5) exactly at k = 1, 4, 16
 * const curve = [1, 4, 16].map((k) => ({ k, value: Math.exp(-2 / Math.sqrt(k)) }));
 * const law = fitEmpiricalPowerLaw(curve);
 * console.log(law.a.toFixed(6), law.b.toFixed(6)); // => 2.000000 0.500000
 * ```
 */
export function fitEmpiricalPowerLaw(curve: Iterable<{ readonly k: number; readonly value: number }>): EmpiricalPowerLaw {
  const xs: number[] = [];
  const ys: number[] = [];
  let index = 0;
  for (const { k, value } of curve) {
    assertPositiveCount(k, `curve[${index}].k`);
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new InvalidArgumentError(`curve[${index}].value must be within [0, 1], got ${String(value)}`, {
        field: `curve[${index}].value`,
        value,
      });
    }
    if (value > 0 && value < 1) {
      xs.push(Math.log(k));
      ys.push(Math.log(-Math.log(value)));
    }
    index++;
  }
  const m = xs.length;
  if (m < 2 || new Set(xs).size < 2) {
    throw new InvalidArgumentError(
      `the power law needs at least two distinct k with 0 < pass@k < 1, got ${new Set(xs).size}`,
      { field: "curve", value: m },
    );
  }
  const mx = xs.reduce((s, x) => s + x, 0) / m;
  const my = ys.reduce((s, y) => s + y, 0) / m;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  return { a: Math.exp(my - slope * mx), b: -slope, points: m, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/**
 * pass@K = exp(−a·K^(−b)) under a fitted {@link EmpiricalPowerLaw}.
 *
 * @example
 * ```ts
 * import { predictEmpiricalPowerLaw } from "passk";
 * console.log(predictEmpiricalPowerLaw({ a: 2, b: 0.5 }, 4) === Math.exp(-1)); // => true
 * ```
 */
export function predictEmpiricalPowerLaw(law: Pick<EmpiricalPowerLaw, "a" | "b">, K: number): number {
  assertPositiveCount(K, "K");
  return Math.exp(-law.a * K ** -law.b);
}
