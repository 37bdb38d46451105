/**
 * pass@K predicted beyond the samples drawn, with a seeded bootstrap interval over problems.
 * @module
 */
import { resolveBootstrapOptions, type BootstrapOptions } from "../analysis/bootstrapOptions.js";
import { quantileSorted } from "../analysis/percentile.js";
import { SeededRandom } from "../analysis/seededRandom.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { assertPositiveCount } from "../estimators/validate.js";
import { fitBetaBinomial, fitGroups, groupCounts, type BetaBinomialFit, type CountGroups } from "./betaBinomialFit.js";
import { conditionalPassAtKOfGroups } from "./conditionalPassAtK.js";
import { predictPassAtK } from "./predictPassAtK.js";

/** An estimate with its two-sided percentile bootstrap interval. */
export interface PredictionInterval {
  /** The value from the fit to all problems. */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly lower: number;
  /** Upper end of the interval. */
  readonly upper: number;
}

/** Result of {@link predictPassAtKBeyond}. */
export interface PassAtKPrediction {
  /** The fit to all problems. */
  readonly fit: BetaBinomialFit;
  /**
   * Predicted pass@K of these problems ({@link conditionalPassAtK}: observed samples, extended by the
   * model) with its interval, one per requested K, in the order given.
   */
  readonly points: ReadonlyArray<
    PredictionInterval & {
      /** The budget predicted. */
      readonly K: number;
      /** The fit's population prediction {@link predictPassAtK} at K, for comparison (no interval). */
      readonly marginal: number;
    }
  >;
  /** Share of problems the model is estimated never to solve (0 unless `zeroInflated`). */
  readonly unsolvableShare: PredictionInterval;
  /** Interval coverage actually used. */
  readonly level: number;
  /** Number of bootstrap refits. */
  readonly resamples: number;
  /** Refits whose optimizer did not converge (kept in the interval; a large count is a warning). */
  readonly unconvergedRefits: number;
}

/** Options of {@link predictPassAtKBeyond}: the bootstrap's (`resamples` defaults to 500 here, as each is a refit) and the fit's. */
export interface PredictionOptions extends BootstrapOptions {
  /** Fit a point mass at p = 0 next to the beta (see {@link fitBetaBinomial}). Default false. */
  readonly zeroInflated?: boolean;
}

/** Each problem as its (group index, c) cell, so a resample can pick problems by index. */
function problemCells(groups: CountGroups): Array<readonly [number, number]> {
  const cells: Array<readonly [number, number]> = [];
  groups.byN.forEach((g, gi) =>
    g.weights.forEach((w, c) => {
      for (let i = 0; i < w; i++) cells.push([gi, c]);
    }),
  );
  return cells;
}

/** Draws a bootstrap resample of the problems (with replacement) as counts per (n, c) group. */
function resampleGroups(groups: CountGroups, cells: ReadonlyArray<readonly [number, number]>, rng: SeededRandom): CountGroups {
  const byN = groups.byN.map((g) => ({ n: g.n, weights: new Float64Array(g.n + 1), logBinomial: g.logBinomial }));
  for (let i = 0; i < cells.length; i++) {
    const [gi, c] = cells[rng.nextIndex(cells.length)] as readonly [number, number];
    const w = (byN[gi] as { weights: Float64Array }).weights;
    w[c] = (w[c] as number) + 1;
  }
  return { byN, problems: groups.problems };
}

/**
 * Predicts pass@K for budgets far above the n sampled, from a beta-binomial fit to the tallies
 * (Schaeffer et al. 2025), with a percentile bootstrap interval over problems: each resample of the
 * problems (with replacement, {@link SeededRandom} from `seed`) is refitted and predicted.
 *
 * The estimate is {@link conditionalPassAtK}: problems already solved count 1, and an unsolved
 * problem is solved by the K − n further samples with probability
 * 1 − (π₀ + (1 − π₀)B(α, β + K)/B(α, β)) / (π₀ + (1 − π₀)B(α, β + n)/B(α, β)); the population
 * prediction (1 − π₀)(1 − B(α, β + K)/B(α, β)) is reported beside it as `marginal`.
 *
 * Validated on the MATH500 counts of the study's reproduction (docs/predicting-pass-at-k.md):
 * fitted on 16 of 128 samples per problem, the predicted pass@128 lands within about 2 points of
 * the measured value for both the base and the RL model.
 *
 * @param tallies - one {@link Tally} per problem, n ≥ 1
 * @param Ks - budgets to predict (safe integers ≥ 1; may exceed n)
 * @param options - `seed` (required), `resamples` (default 500), `level` (default 0.95), `zeroInflated` (default false)
 * @throws {@link InvalidArgumentError} for invalid Ks or options; the errors of {@link fitBetaBinomial}
 *
 * @example
 * ```ts
 * import { predictPassAtKBeyond } from "passk";
 * const tallies = [];
 * for (let i = 0; i < 60; i++) tallies.push({ problemId: `p${i}`, n: 8, c: i % 9 });
 * const r = predictPassAtKBeyond(tallies, [8, 1024], { seed: 1, resamples: 50 });
 * const at8 = r.points[0]!;
 * const at1024 = r.points[1]!;
 * console.log(at8.lower <= at8.estimate && at8.estimate <= at8.upper, at1024.estimate > at8.estimate); // => true true
 * ```
 */
export function predictPassAtKBeyond(
  tallies: Iterable<Tally>,
  Ks: Iterable<number>,
  options: PredictionOptions,
): PassAtKPrediction {
  const list = collectTallies(tallies);
  const requested = [...Ks];
  requested.forEach((K, i) => assertPositiveCount(K, `Ks[${i}]`));
  const { seed, level, resamples } = resolveBootstrapOptions({ resamples: 500, ...options });
  const zeroInflated = options.zeroInflated ?? false;
  if (typeof zeroInflated !== "boolean") {
    throw new InvalidArgumentError(`options.zeroInflated must be a boolean, got ${String(zeroInflated)}`, {
      field: "options.zeroInflated",
      value: zeroInflated,
    });
  }
  const fit = fitBetaBinomial(list, { zeroInflated });
  const groups = groupCounts(list);
  const cells = problemCells(groups);
  const rng = new SeededRandom(seed);
  const draws = requested.map(() => new Float64Array(resamples));
  const shares = new Float64Array(resamples);
  let unconvergedRefits = 0;
  for (let r = 0; r < resamples; r++) {
    const resampled = resampleGroups(groups, cells, rng);
    const refit = fitGroups(resampled, zeroInflated, fit);
    if (!refit.converged) unconvergedRefits++;
    requested.forEach((K, i) => ((draws[i] as Float64Array)[r] = conditionalPassAtKOfGroups(refit, resampled, K)));
    shares[r] = refit.unsolvableShare;
  }
  const lo = (1 - level) / 2;
  const hi = (1 + level) / 2;
  const interval = (estimate: number, sample: Float64Array): PredictionInterval => {
    sample.sort();
    return { estimate, lower: quantileSorted(sample, lo), upper: quantileSorted(sample, hi) };
  };
  return {
    fit,
    points: requested.map((K, i) => ({
      K,
      ...interval(conditionalPassAtKOfGroups(fit, groups, K), draws[i] as Float64Array),
      marginal: predictPassAtK(fit, K),
    })),
    unsolvableShare: interval(fit.unsolvableShare, shares),
    level,
    resamples,
    unconvergedRefits,
  };
}
