/**
 * Paired comparison of two models' pass@k on the same problems.
 * @module
 */
import type { Tally } from "../estimators/tally.js";
import { assertResamplable, estimateColumn, passAtKMatrix, resampleMeans, type BootstrapEstimate } from "./bootstrapEngine.js";
import { resolveBootstrapOptions, type BootstrapOptions } from "./bootstrapOptions.js";
import { resolveKs } from "./budgets.js";
import { alignPair, smallestN } from "./modelTallies.js";

/**
 * The paired comparison at one k. `estimate`, `standardError`, `lower` and `upper` refer to the
 * difference meanA − meanB.
 */
export interface PairedPassAtK extends BootstrapEstimate {
  /** The budget k. */
  readonly k: number;
  /** Mean pass@k of model a. */
  readonly meanA: number;
  /** Mean pass@k of model b. */
  readonly meanB: number;
  /** Problems where a's pass@k is greater than b's. */
  readonly wins: number;
  /** Problems where they are equal. */
  readonly ties: number;
  /** Problems where a's pass@k is smaller than b's. */
  readonly losses: number;
}

/** Result of {@link comparePassAtK}. */
export interface PairedComparison {
  /** Number of problems. */
  readonly problems: number;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Interval coverage. */
  readonly level: number;
  /** Seed used. */
  readonly seed: number;
  /** One entry per requested k, in the order given. */
  readonly points: readonly PairedPassAtK[];
}

/**
 * Paired comparison of two models evaluated on the same problems, at each k: the difference of mean
 * pass@k, Δ = (1/P) Σ_p [pass@k(a_p) − pass@k(b_p)], with its analytic standard error s_Δ/√P (s_Δ the
 * sample standard deviation of the per-problem differences), a paired percentile bootstrap interval
 * (each resample draws the same problems for both models, which removes the between-problem
 * difficulty variation both share), and per-problem win/tie/loss counts of a against b. Per-problem
 * values are compared exactly as computed (equal (n, c) gives equal values).
 *
 * @param a - the first model's tallies
 * @param b - the second model's tallies, on exactly the same problem ids (2 to 2^21 problems)
 * @param ks - budgets, each ≤ every n of both models
 * @param options - {@link BootstrapOptions}; `seed` is required
 * @throws {@link MismatchedProblemsError} naming a problem one model lacks; {@link KExceedsSamplesError};
 *   {@link InvalidArgumentError} for bad options or fewer than 2 problems
 *
 * @example
 * ```ts
 * import { comparePassAtK } from "passk";
 * const a = [{ problemId: "p", n: 2, c: 2 }, { problemId: "q", n: 2, c: 1 }, { problemId: "r", n: 2, c: 0 }];
 * const b = [{ problemId: "p", n: 2, c: 1 }, { problemId: "q", n: 2, c: 1 }, { problemId: "r", n: 2, c: 1 }];
 * const at1 = comparePassAtK(a, b, [1], { seed: 11, resamples: 500 }).points[0]!;
 * // per-problem pass@1 differences: +1/2, 0, −1/2
 * // s = √((1/4 + 0 + 1/4)/2) = 1/2, s/√3 = 1/√12
 * console.log(at1.estimate, at1.standardError.toFixed(12), at1.wins, at1.ties, at1.losses); // => 0 0.288675134595 1 1 1
 * ```
 */
export function comparePassAtK(a: Iterable<Tally>, b: Iterable<Tally>, ks: Iterable<number>, options: BootstrapOptions): PairedComparison {
  const { seed, resamples, level } = resolveBootstrapOptions(options);
  const [ta, tb] = alignPair(a, b, "a", "b");
  assertResamplable(ta.length, "tallies");
  const minA = smallestN(ta);
  const minB = smallestN(tb);
  const kList = resolveKs(ks, minB.n < minA.n ? minB : minA);
  const P = ta.length;
  const K = kList.length;
  const ma = passAtKMatrix(ta, kList);
  const mb = passAtKMatrix(tb, kList);
  const diff = new Float64Array(P * K);
  for (let i = 0; i < P * K; i++) diff[i] = (ma[i] as number) - (mb[i] as number);
  const means = resampleMeans(diff, P, K, resamples, seed);
  const points = kList.map((k, j) => {
    let sumA = 0;
    let sumB = 0;
    let wins = 0;
    let ties = 0;
    let losses = 0;
    for (let p = 0; p < P; p++) {
      const x = ma[p * K + j] as number;
      const y = mb[p * K + j] as number;
      sumA += x;
      sumB += y;
      if (x > y) wins++;
      else if (x < y) losses++;
      else ties++;
    }
    return { k, meanA: sumA / P, meanB: sumB / P, wins, ties, losses, ...estimateColumn(diff, means, P, K, resamples, level, j) };
  });
  return { problems: P, resamples, level, seed, points };
}
