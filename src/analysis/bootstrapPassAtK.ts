/**
 * Percentile bootstrap intervals for the pass@k curve.
 * @module
 */
import { collectTallies, type Tally } from "../estimators/tally.js";
import { resolveKs } from "./budgets.js";
import { assertResamplable, estimateColumn, passAtKMatrix, resampleMeans, type BootstrapEstimate } from "./bootstrapEngine.js";
import { resolveBootstrapOptions, type BootstrapOptions } from "./bootstrapOptions.js";
import { smallestN } from "./modelTallies.js";

/** Bootstrap summary of mean pass@k at one k. */
export interface PassAtKInterval extends BootstrapEstimate {
  /** The budget k. */
  readonly k: number;
}

/** Result of {@link bootstrapPassAtK}. */
export interface PassAtKBootstrap {
  /** Number of problems resampled. */
  readonly problems: number;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Interval coverage. */
  readonly level: number;
  /** Seed used. */
  readonly seed: number;
  /** One entry per requested k, in the order given. */
  readonly points: readonly PassAtKInterval[];
}

/**
 * Mean unbiased pass@k (Chen et al. 2021) at each k with a percentile bootstrap interval over
 * problems (Efron & Tibshirani 1993) and the analytic standard error s/√P.
 *
 * The P × K matrix of per-problem pass@k values is computed once; each resample then draws P problem
 * indices with replacement (seeded {@link SeededRandom}) and averages the drawn rows, so every k
 * sees the same resampled problems and the cost is resamples × P × K additions. The interval is the
 * (1 − level)/2 and (1 + level)/2 type-7 quantiles of the resampled means. It covers the variation
 * from which problems were drawn, treating each problem's n samples as fixed.
 *
 * @param tallies - one {@link Tally} per problem (2 to 2^21 problems, ids unique)
 * @param ks - budgets, each 1 ≤ k ≤ smallest n
 * @param options - {@link BootstrapOptions}; `seed` is required
 * @throws {@link InvalidArgumentError} for bad options, fewer than 2 problems or a bad k;
 *   {@link KExceedsSamplesError}; the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { bootstrapPassAtK } from "passk";
 * const tallies = [
 *   { problemId: "a", n: 4, c: 0 },
 *   { problemId: "b", n: 4, c: 4 },
 * ];
 * const r = bootstrapPassAtK(tallies, [1, 4], { seed: 7, resamples: 1000 });
 * // pass@k is 0 or 1 per problem: mean 1/2, s = √(1/2), s/√2 = 1/2
 * console.log(r.points[0]!.estimate, r.points[0]!.standardError); // => 0.5 0.5
 * console.log(r.points[1]!.lower, r.points[1]!.upper); // => 0 1
 * ```
 */
export function bootstrapPassAtK(tallies: Iterable<Tally>, ks: Iterable<number>, options: BootstrapOptions): PassAtKBootstrap {
  const { seed, resamples, level } = resolveBootstrapOptions(options);
  const list = collectTallies(tallies);
  assertResamplable(list.length, "tallies");
  const kList = resolveKs(ks, smallestN(list));
  const K = kList.length;
  const P = list.length;
  const matrix = passAtKMatrix(list, kList);
  const means = resampleMeans(matrix, P, K, resamples, seed);
  const points = kList.map((k, j) => ({ k, ...estimateColumn(matrix, means, P, K, resamples, level, j) }));
  return { problems: P, resamples, level, seed, points };
}
