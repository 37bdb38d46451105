/**
 * Percentile bootstrap interval for coverage.
 * @module
 */
import { collectTallies, type Tally } from "../estimators/tally.js";
import { assertResamplable, estimateColumn, resampleMeans, type BootstrapEstimate } from "./bootstrapEngine.js";
import { resolveBootstrapOptions, type BootstrapOptions } from "./bootstrapOptions.js";

/** Result of {@link bootstrapCoverage}. */
export interface CoverageBootstrap extends BootstrapEstimate {
  /** Number of problems resampled. */
  readonly problems: number;
  /** Resamples drawn. */
  readonly resamples: number;
  /** Interval coverage. */
  readonly level: number;
  /** Seed used. */
  readonly seed: number;
}

/**
 * Coverage (share of problems with c > 0, see {@link coverage}) with a percentile bootstrap interval
 * over problems and the analytic standard error s/√P = √(q(1 − q)/(P − 1)) of a share q.
 *
 * @param tallies - one {@link Tally} per problem (2 to 2^21 problems)
 * @param options - {@link BootstrapOptions}; `seed` is required
 * @throws {@link InvalidArgumentError} for bad options or fewer than 2 problems; the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { bootstrapCoverage } from "passk";
 * const tallies = [
 *   { problemId: "a", n: 4, c: 1 },
 *   { problemId: "b", n: 4, c: 0 },
 *   { problemId: "c", n: 4, c: 3 },
 *   { problemId: "d", n: 4, c: 0 },
 *   { problemId: "e", n: 4, c: 2 },
 * ];
 * const r = bootstrapCoverage(tallies, { seed: 3, resamples: 2000 });
 * // q = 3/5; s/√P = √(0.6 · 0.4 / 4)
 * console.log(r.estimate, r.standardError.toFixed(6), r.lower <= 0.6 && 0.6 <= r.upper); // => 0.6 0.244949 true
 * ```
 */
export function bootstrapCoverage(tallies: Iterable<Tally>, options: BootstrapOptions): CoverageBootstrap {
  const { seed, resamples, level } = resolveBootstrapOptions(options);
  const list = collectTallies(tallies);
  assertResamplable(list.length, "tallies");
  const P = list.length;
  const matrix = Float64Array.from(list, (t) => (t.c > 0 ? 1 : 0));
  const means = resampleMeans(matrix, P, 1, resamples, seed);
  return { problems: P, resamples, level, seed, ...estimateColumn(matrix, means, P, 1, resamples, level, 0) };
}
