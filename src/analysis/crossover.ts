/**
 * The budget k at which the base model's pass@k curve catches up with the RL model's for good.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import type { CurvePoint } from "../estimators/passAtKCurve.js";
import type { Tally } from "../estimators/tally.js";
import { passAtKMatrix } from "./bootstrapEngine.js";
import { resolveKs } from "./budgets.js";
import { alignPair, smallestN } from "./modelTallies.js";

/**
 * Where the base curve meets or passes the RL curve and stays at or above it for every larger
 * evaluated k:
 * - `"crossover"`: base < RL at `lowerK` and base ≥ RL at `upperK` (adjacent evaluated budgets) and at
 *   every k after; `k` is interpolated linearly in log2 k between them (`k = upperK` when the curves
 *   meet exactly there);
 * - `"atFirstK"`: base ≥ RL already at the smallest evaluated k and everywhere after, so the crossover
 *   is at or below `k` and not located by these budgets;
 * - `"none"`: base < RL at the largest evaluated k = `upToK`: no crossover up to k = upToK.
 *
 * @example
 * ```ts
 * import { findCrossover } from "passk";
 * const r = findCrossover([{ k: 1, value: 0.3 }], [{ k: 1, value: 0.5 }]);
 * console.log(r.kind === "none" ? `no crossover up to k = ${r.upToK}` : r.k); // => no crossover up to k = 1
 * ```
 */
export type Crossover =
  | {
      /** The curves cross between two evaluated budgets. */
      readonly kind: "crossover";
      /** Crossover budget, interpolated linearly in log2 k between `lowerK` and `upperK`. */
      readonly k: number;
      /** Last evaluated budget where base < RL. */
      readonly lowerK: number;
      /** First evaluated budget from which base ≥ RL at every larger evaluated k. */
      readonly upperK: number;
    }
  | {
      /** Base ≥ RL already at the smallest evaluated budget and at every one after it. */
      readonly kind: "atFirstK";
      /** The smallest evaluated budget: the crossover is at or below it. */
      readonly k: number;
    }
  | {
      /** Base < RL at the largest evaluated budget: no crossover found. */
      readonly kind: "none";
      /** The largest evaluated budget: no crossover up to this k. */
      readonly upToK: number;
    };

/** Crossover of the difference d(j) = base − RL at ascending budgets ks. @internal */
export function crossoverOfDifference(ks: readonly number[], diff: (j: number) => number): Crossover {
  const last = ks.length - 1;
  if (diff(last) < 0) return { kind: "none", upToK: ks[last] as number };
  let i = last;
  while (i > 0 && diff(i - 1) >= 0) i--;
  const upperK = ks[i] as number;
  if (i === 0) return { kind: "atFirstK", k: upperK };
  const lowerK = ks[i - 1] as number;
  const dLo = diff(i - 1);
  const dHi = diff(i);
  if (dHi === 0) return { kind: "crossover", k: upperK, lowerK, upperK };
  // Linear in log2 k: the zero of the chord through (log2 lowerK, dLo) and (log2 upperK, dHi).
  const t = -dLo / (dHi - dLo);
  const x = Math.log2(lowerK) + t * (Math.log2(upperK) - Math.log2(lowerK));
  return { kind: "crossover", k: Math.min(upperK, Math.max(lowerK, 2 ** x)), lowerK, upperK };
}

function checkCurve(points: readonly CurvePoint[], field: string): void {
  if (!Array.isArray(points) || points.length === 0) {
    throw new InvalidArgumentError(`${field} must be a non-empty array of { k, value } points`, { field, value: points });
  }
  points.forEach((p, i) => {
    const k = p?.k;
    const value = p?.value;
    if (typeof k !== "number" || !Number.isSafeInteger(k) || k < 1) {
      throw new InvalidArgumentError(`${field}[${i}].k must be a safe integer >= 1, got ${String(k)}`, { field: `${field}[${i}].k`, value: k });
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`${field}[${i}].value must be a finite number, got ${String(value)}`, {
        field: `${field}[${i}].value`,
        value,
      });
    }
    if (i > 0 && k <= (points[i - 1] as CurvePoint).k) {
      throw new InvalidArgumentError(`${field} must have strictly increasing k, got ${field}[${i}].k = ${k} after ${(points[i - 1] as CurvePoint).k}`, {
        field: `${field}[${i}].k`,
        value: k,
      });
    }
  });
}

/**
 * The crossover of two pass@k curves evaluated at the same budgets (see {@link Crossover}): the
 * smallest k at which the base curve meets or passes the RL curve and stays at or above it at every
 * larger evaluated k, interpolated on log2 k between the last budget where base < RL and the next
 * (Yue et al. 2025 read this point off their pass@k plots).
 *
 * @param base - the base model's curve, strictly increasing k
 * @param rl - the RL model's curve at exactly the same k, in the same order
 * @throws {@link InvalidArgumentError} for empty or mismatched curves, non-increasing k, or a non-finite value
 *
 * @example
 * ```ts
 * import { findCrossover } from "passk";
 * const base = [{ k: 1, value: 0.2 }, { k: 4, value: 0.5 }, { k: 16, value: 0.9 }];
 * const rl = [{ k: 1, value: 0.4 }, { k: 4, value: 0.6 }, { k: 16, value: 0.7 }];
 * // d = base − RL: −0.1 at k = 4, +0.2 at k = 16; the chord crosses 0 a third of the way: 2^(2 + 2/3)
 * const r = findCrossover(base, rl);
 * if (r.kind !== "crossover") throw new Error(`expected a crossover, got ${r.kind}`);
 * console.log(r.kind, r.k.toFixed(4), r.lowerK, r.upperK); // => crossover 6.3496 4 16
 * ```
 */
export function findCrossover(base: readonly CurvePoint[], rl: readonly CurvePoint[]): Crossover {
  checkCurve(base, "base");
  checkCurve(rl, "rl");
  if (base.length !== rl.length) {
    throw new InvalidArgumentError(`base and rl must be evaluated at the same k, got ${base.length} and ${rl.length} points`, {
      field: "rl",
      value: rl.length,
    });
  }
  base.forEach((p, i) => {
    const q = rl[i] as CurvePoint;
    if (p.k !== q.k) {
      throw new InvalidArgumentError(`rl[${i}].k = ${q.k} differs from base[${i}].k = ${p.k}`, { field: `rl[${i}].k`, value: q.k });
    }
  });
  return crossoverOfDifference(
    base.map((p) => p.k),
    (j) => (base[j] as CurvePoint).value - (rl[j] as CurvePoint).value,
  );
}

/** Powers of two up to n: the usual budgets of a pass@k plot. @internal */
export function powersOfTwoUpTo(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= n; k *= 2) out.push(k);
  return out;
}

/**
 * The {@link Crossover} of the mean pass@k curves of a base and an RL model on the same problems,
 * evaluated at `ks` (default: the powers of two up to the smallest n of either model).
 *
 * @param base - the base model's tallies
 * @param rl - the RL model's tallies, on exactly the same problem ids
 * @param ks - strictly increasing budgets, each ≤ every n
 * @throws {@link MismatchedProblemsError} for different problem sets; {@link KExceedsSamplesError};
 *   {@link InvalidArgumentError} for non-increasing ks; the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { passAtKCrossover } from "passk";
 * const base = [{ problemId: "a", n: 4, c: 1 }, { problemId: "b", n: 4, c: 1 }];
 * const rl = [{ problemId: "a", n: 4, c: 3 }, { problemId: "b", n: 4, c: 0 }];
 * // base 1/4, 1/2, 1 at k = 1, 2, 4;  RL 3/8, 1/2, 1/2: equal at k = 2, above after
 * console.log(passAtKCrossover(base, rl)); // => { kind: 'crossover', k: 2, lowerK: 1, upperK: 2 }
 * ```
 */
export function passAtKCrossover(base: Iterable<Tally>, rl: Iterable<Tally>, ks?: Iterable<number>): Crossover {
  const [b, r] = alignPair(base, rl, "base", "rl");
  const minB = smallestN(b);
  const minR = smallestN(r);
  const smallest = minR.n < minB.n ? minR : minB;
  const kList = resolveKs(ks ?? powersOfTwoUpTo(smallest.n), smallest, true);
  const K = kList.length;
  const mb = passAtKMatrix(b, kList);
  const mr = passAtKMatrix(r, kList);
  const diff = new Float64Array(K);
  for (let p = 0; p < b.length; p++) {
    for (let j = 0; j < K; j++) diff[j] = (diff[j] as number) + (mb[p * K + j] as number) - (mr[p * K + j] as number);
  }
  return crossoverOfDifference(kList, (j) => diff[j] as number);
}
