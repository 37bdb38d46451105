/**
 * pass@K predicted beyond the samples drawn: candidate shapes, a held-out rule for the default, and
 * a seeded predictive interval that includes the shape uncertainty.
 * @module
 */
import { resolveBootstrapOptions, type BootstrapOptions } from "../analysis/bootstrapOptions.js";
import { SeededRandom } from "../analysis/seededRandom.js";
import { InvalidArgumentError } from "../errors/errors.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { assertPositiveCount } from "../estimators/validate.js";
import { fitBetaBinomial, groupCounts, type BetaBinomialFit, type CountGroups } from "./betaBinomialFit.js";
import { observedPart } from "./conditionalPassAtK.js";
import { heldOutLogLikelihood } from "./heldOutLogLikelihood.js";
import { modelPassAtK, solvedLaterProbability, type PassRateModel } from "./passRateModel.js";
import { fitMethod, PREDICTION_METHODS, type FittedModel, type PredictionMethod } from "./predictionMethods.js";
import { binomialDraw, orderStatisticInterval } from "./predictiveDraws.js";

/** An estimate with its two-sided interval. */
export interface PredictionInterval {
  /** The value from the fit to all problems. */
  readonly estimate: number;
  /** Lower end of the interval. */
  readonly lower: number;
  /** Upper end of the interval. */
  readonly upper: number;
}

/** One budget of a {@link PassAtKPrediction}. */
export interface PredictedPassAtK extends PredictionInterval {
  /** The budget predicted. */
  readonly K: number;
  /**
   * False when every problem has n ≥ K: then `estimate` is the unbiased estimator (no model) and
   * the interval is that single value, the pass@K these samples already measure.
   */
  readonly extrapolated: boolean;
  /**
   * The population prediction {@link predictPassAtK} at K (a fresh problem from the fitted
   * distribution), combined over the plausible candidates like `estimate`, for comparison.
   */
  readonly marginal: number;
}

/** A candidate model of a {@link PassAtKPrediction}, fitted to all problems. */
export interface PredictionCandidate {
  /** Which model. */
  readonly method: PredictionMethod;
  /** Its fit to all problems (pass it to {@link predictPassAtK} or {@link conditionalPassAtK}). */
  readonly model: PassRateModel;
  /** Maximized log-likelihood on all problems. */
  readonly logLikelihood: number;
  /**
   * Held-out log-likelihood per problem (fitted on half of each problem's samples, scored on the
   * other half; see {@link predictPassAtKBeyond}); undefined when not computed (one method asked
   * for, or no problem with n ≥ 2).
   */
  readonly heldOut: number | undefined;
  /**
   * Whether its held-out fit is within {@link PLAUSIBLE_HELD_OUT_NATS} of the best general shape's
   * (`scaledBeta`, `zeroInflatedScaledBeta`), so that its interval enters the reported interval
   * (always true for a single requested method).
   */
  readonly plausible: boolean;
  /**
   * Whether its estimate enters the reported estimate: a plausible general shape in `method: "auto"`
   * (the restricted shapes `beta` and `zeroInflatedBeta` widen the interval only), or the method asked
   * for.
   */
  readonly inEstimate: boolean;
  /** Whether the optimizer met its tolerance. */
  readonly converged: boolean;
  /** Whether a parameter ran into its search box. */
  readonly atBoundary: boolean;
  /** Its own estimate and predictive interval at each requested K (same order as `points`). */
  readonly points: ReadonlyArray<PredictionInterval & {
    /** The budget. */
    readonly K: number;
  }>;
}

/** Result of {@link predictPassAtKBeyond}. */
export interface PassAtKPrediction {
  /**
   * The plain (or, with the deprecated `zeroInflated` option, zero-inflated) beta-binomial fit to
   * all problems, as before version 0.2.
   * @deprecated The reported estimate no longer comes from this fit alone: read `candidates`.
   */
  readonly fit: BetaBinomialFit;
  /** The method asked for: `"auto"` (candidates combined) or one {@link PredictionMethod}. */
  readonly method: "auto" | PredictionMethod;
  /** Every model fitted, with its held-out score, whether it is plausible, and its own intervals. */
  readonly candidates: readonly PredictionCandidate[];
  /**
   * Predicted pass@K of these problems ({@link conditionalPassAtK}: observed samples, extended by the
   * model) with its interval, one per requested K, in the order given.
   */
  readonly points: readonly PredictedPassAtK[];
  /**
   * Share of problems put at p = 0 (0 for the models without a zero mass), combined like the
   * estimate, with the span of the plausible candidates' bootstrap intervals.
   */
  readonly unsolvableShare: PredictionInterval;
  /** Interval coverage actually used. */
  readonly level: number;
  /** Number of bootstrap refits per candidate. */
  readonly resamples: number;
  /** Refits whose optimizer did not converge, over all candidates (kept; a large count is a warning). */
  readonly unconvergedRefits: number;
}

/** Options of {@link predictPassAtKBeyond}. */
export interface PredictionOptions extends BootstrapOptions {
  /**
   * `"auto"` (default): fit the scaled beta without and with a point mass at p = 0, and the plain and
   * zero-inflated beta; keep those whose held-out log-likelihood is within
   * {@link PLAUSIBLE_HELD_OUT_NATS} of the better scaled one, and report the midpoint of the plausible
   * scaled shapes' estimates with the span of all plausible shapes' intervals. A
   * {@link PredictionMethod}: that model alone, its estimate and its own predictive interval (which
   * trusts its shape).
   */
  readonly method?: "auto" | PredictionMethod;
  /**
   * Fit a point mass at p = 0 next to the beta.
   * @deprecated Use `method: "zeroInflatedBeta"`; `true` selects it, `false` changes nothing.
   */
  readonly zeroInflated?: boolean;
}

/**
 * How far (in total nats over all problems) a candidate's held-out log-likelihood may fall below the
 * best for it to count as plausible in `method: "auto"`: 3, a likelihood ratio of e³ ≈ 20, where
 * Kass & Raftery (1995) put the start of "strong" evidence (2·ln B > 6). The held-out score is a
 * predictive score, not a likelihood-ratio statistic, so no degrees of freedom enter; a lower
 * threshold makes the rule bet on one shape more often, which on the calibration data of
 * docs/predicting-pass-at-k.md made the worst error larger, not smaller.
 *
 * @example
 * ```ts
 * import { PLAUSIBLE_HELD_OUT_NATS } from "passk";
 * console.log(PLAUSIBLE_HELD_OUT_NATS); // => 3
 * ```
 */
export const PLAUSIBLE_HELD_OUT_NATS = 3;

/**
 * The candidates of `method: "auto"` whose estimates make the reported estimate: the most general
 * shape without and with a point mass at p = 0. The plain beta and the zero-inflated beta are their
 * special cases with scale 1, which the scaled fits reach by themselves when the data say so; as
 * estimate candidates they only added the restricted shape's extreme to the midpoint (the
 * zero-inflated beta's in particular, which ties the left tail to the whole distribution and on a
 * scaled-beta truth underestimates pass@128 from n = 8 by 12 points).
 */
const ESTIMATE_METHODS: readonly PredictionMethod[] = ["scaledBeta", "zeroInflatedScaledBeta"];

/**
 * The further candidates of `method: "auto"` whose intervals, when plausible, widen the reported
 * interval without moving the estimate: a shape the held-out score cannot tell from the general ones
 * is a scenario the data leave open, and its interval can reach where theirs do not (on the study's RL model
 * from n = 32 the general shapes' span covers the measured pass@128 in 17 of 20 subsamples, with the
 * restricted shapes' intervals 18, 4–10% wider over docs/predicting-pass-at-k.md's real rows).
 */
const INTERVAL_METHODS: readonly PredictionMethod[] = ["beta", "zeroInflatedBeta"];

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

function assertOption<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new InvalidArgumentError(`${field} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${String(value)}`, {
      field,
      value,
    });
  }
  return value as T;
}

/** Midpoint of the smallest and largest value. */
function midpoint(values: readonly number[]): number {
  return (Math.min(...values) + Math.max(...values)) / 2;
}

/**
 * Predicts pass@K for budgets far above the n sampled, for the problems sampled, with an interval
 * meant to cover the pass@K you would measure by drawing the remaining K − n samples of each.
 *
 * **Candidates.** Two general models of the per-problem success probability p are fitted to all
 * problems: the scaled beta of Schaeffer et al. 2025 (p = s·X, X ~ Beta(α, β)) and the same with a
 * point mass at p = 0 ({@link PredictionMethod} `"scaledBeta"`, `"zeroInflatedScaledBeta"`): the one
 * question about the shape that n samples cannot settle is whether the never-solved problems have
 * p = 0 or a small p > 0, and these are the most general shapes on either side. Their special cases
 * with scale 1, the plain and the zero-inflated beta (`"beta"`, `"zeroInflatedBeta"`), are fitted
 * too, for the interval only (`inEstimate` of each candidate says which fed the estimate). Each
 * candidate's estimate is {@link conditionalPassAtK}: problems already solved count 1, and one with
 * none of its n samples correct is solved by the K − n further samples with probability
 * 1 − E[(1 − p)^K]/E[(1 − p)^n].
 * For K ≤ n no model is used: the estimate is the unbiased estimator.
 *
 * **Default rule** (`method: "auto"`). Each candidate is also fitted to the counts a random half of
 * every problem's samples would show (in expectation over all halves, so nothing random enters) and
 * scored by the log-probability it gives the other half's counts given the first half's. Candidates
 * within {@link PLAUSIBLE_HELD_OUT_NATS} of the better general shape's score are plausible: the
 * reported estimate is the midpoint of the plausible general shapes' estimates (the value whose worst
 * error over them is smallest), and the interval spans the intervals of all plausible candidates,
 * restricted ones included: a restricted shape the held-out score cannot tell from the general ones
 * is a scenario the data leave open, and its interval can reach where theirs do not (on the study's RL model
 * from n = 32 it lifts the coverage of the measured pass@128 from 17 to 18 of 20 subsamples), while
 * as an estimate it would only pull the midpoint to its extreme. n samples per problem identify only
 * the first n moments of the distribution of p, while pass@K for K ≫ n depends on its shape near
 * p ≈ 1/K: for the study's base model from n = 16, both scaled shapes stay within 3 nats of each
 * other while their pass@128 differ by about 2 points, so the rule reports the middle instead of
 * betting on one shape (see
 * docs/predicting-pass-at-k.md, with the calibration tables on real and synthetic data, and when not
 * to trust an extrapolation). The held-out score only decides when one shape fits clearly worse (a
 * real mass of unsolvable problems that the scaled beta alone cannot mimic); it can mislead when
 * problems sit between p ≈ 1/K and 1/n, which n samples cannot tell from p = 0, and then the
 * interval is too narrow (the synthetic calibration there shows it).
 *
 * **Interval.** A predictive bootstrap per candidate: each of `resamples` resamples of the problems
 * (with replacement, {@link SeededRandom} from `seed`) is refitted, and the number of never-solved
 * problems that their remaining samples solve is drawn from Binomial(#unsolved, q*) with the refit's
 * q*. The interval takes conservative order statistics of these draws, the ⌊(B + 1)(1 − level)/2⌋-th
 * from each end, so that a small B widens it instead of narrowing it (B < 39 at level 0.95 falls back
 * to the logical bounds: none or all of the unsolved problems solved), and always contains the
 * estimate.
 *
 * The resamples and the general shapes' draws come from one generator, the restricted shapes' draws
 * from a second one seeded from the first, so the general shapes' own intervals do not depend on
 * whether the restricted shapes are fitted. Each refit of a scaled candidate costs O(n²) per
 * likelihood evaluation (2 scaled candidates × `resamples` refits in all; the restricted ones cost
 * O(n)), hence the default of 200 resamples.
 *
 * @param tallies - one {@link Tally} per problem, n ≥ 1
 * @param Ks - budgets to predict (safe integers ≥ 1; may exceed n)
 * @param options - `seed` (required), `resamples` (default 200), `level` (default 0.95),
 *   `method` (default `"auto"`)
 * @throws {@link InvalidArgumentError} for invalid Ks or options; the errors of {@link fitBetaBinomial}
 *
 * @example
 * ```ts
 * import { predictPassAtKBeyond } from "passk";
 * const tallies = [];
 * for (let i = 0; i < 60; i++) tallies.push({ problemId: `p${i}`, n: 8, c: i % 9 });
 * const r = predictPassAtKBeyond(tallies, [8, 1024], { seed: 1, resamples: 40 });
 * const at8 = r.points[0]!;
 * const at1024 = r.points[1]!;
 * console.log(at8.extrapolated, at8.estimate === at8.lower && at8.lower === at8.upper); // => false true
 * console.log(at1024.lower <= at1024.estimate && at1024.estimate <= at1024.upper, at1024.estimate > at8.estimate); // => true true
 * console.log(r.candidates.map((c) => c.method).join(" ")); // => scaledBeta zeroInflatedScaledBeta beta zeroInflatedBeta
 * console.log(r.candidates.slice(2).some((c) => c.inEstimate)); // => false
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
  const { seed, level, resamples } = resolveBootstrapOptions({ resamples: 200, ...options });
  const zeroInflated = options.zeroInflated ?? false;
  if (typeof zeroInflated !== "boolean") {
    throw new InvalidArgumentError(`options.zeroInflated must be a boolean, got ${String(zeroInflated)}`, {
      field: "options.zeroInflated",
      value: zeroInflated,
    });
  }
  const method = assertOption(options.method ?? (zeroInflated ? "zeroInflatedBeta" : "auto"), "options.method", [
    "auto",
    ...PREDICTION_METHODS,
  ]);
  const fit = fitBetaBinomial(list, { zeroInflated });
  const groups = groupCounts(list);

  const methods = method === "auto" ? [...ESTIMATE_METHODS, ...INTERVAL_METHODS] : [method];
  const forEstimate = methods.map((m) => method !== "auto" || ESTIMATE_METHODS.includes(m));
  const fits = methods.map((m) => fitMethod(m, groups));
  const heldOut = methods.map((m) => (method === "auto" ? heldOutLogLikelihood(m, groups) : undefined));
  // The reference is the best general shape, so that the restricted shapes never move the estimate.
  const scored = heldOut.filter((h, i): h is number => h !== undefined && forEstimate[i] === true);
  const best = scored.length > 0 ? Math.max(...scored) : undefined;
  // Without a held-out score (a single method, or no problem with n ≥ 2) every candidate counts.
  const plausible = heldOut.map((h) => best === undefined || h === undefined || (h - best) * groups.problems >= -PLAUSIBLE_HELD_OUT_NATS);

  // Predictive bootstrap: candidates and budgets in a fixed order. The resamples and the general
  // shapes' draws come from one generator, the restricted shapes' draws from a second one derived
  // from the seed, so that adding them leaves the general shapes' intervals exactly as they were.
  const parts = requested.map((K) => observedPart(groups, K));
  const cells = problemCells(groups);
  const rng = new SeededRandom(seed);
  const restrictedRng = new SeededRandom(new SeededRandom(seed).nextUint32());
  const draws = methods.map(() => requested.map(() => new Float64Array(resamples)));
  const shares = methods.map(() => new Float64Array(resamples));
  let unconvergedRefits = 0;
  for (let r = 0; r < resamples; r++) {
    const resampled = resampleGroups(groups, cells, rng);
    methods.forEach((m, i) => {
      const full = fits[i] as FittedModel;
      const refit = fitMethod(m, resampled, full);
      const draw = forEstimate[i] === true ? rng : restrictedRng;
      if (!refit.converged) unconvergedRefits++;
      (shares[i] as Float64Array)[r] = unsolvableShareOf(refit.model);
      parts.forEach(({ known, unsolved }, k) => {
        const K = requested[k] as number;
        let solved = known;
        for (const { n, count } of unsolved) {
          let q = solvedLaterProbability(refit.model, n, K);
          // A refit under which "none of n solved" is impossible says nothing about these problems: use the full fit.
          if (!Number.isFinite(q)) q = solvedLaterProbability(full.model, n, K);
          solved += binomialDraw(count, q, draw);
        }
        ((draws[i] as Float64Array[])[k] as Float64Array)[r] = solved / groups.problems;
      });
    });
  }

  const candidates: PredictionCandidate[] = methods.map((m, i) => {
    const full = fits[i] as FittedModel;
    return {
      method: m,
      model: full.model,
      logLikelihood: full.logLikelihood,
      heldOut: heldOut[i],
      plausible: plausible[i] as boolean,
      inEstimate: plausible[i] === true && forEstimate[i] === true,
      converged: full.converged,
      atBoundary: full.atBoundary,
      points: requested.map((K, k) => {
        const { known, unsolved } = parts[k] as ReturnType<typeof observedPart>;
        let estimate = known;
        for (const { n, count } of unsolved) estimate += count * solvedLaterProbability(full.model, n, K);
        estimate /= groups.problems;
        if (unsolved.length === 0) return { K, estimate, lower: estimate, upper: estimate };
        const sample = ((draws[i] as Float64Array[])[k] as Float64Array).sort();
        const bounds = orderStatisticInterval(sample, level) ?? [
          known / groups.problems,
          (known + unsolved.reduce((a, u) => a + u.count, 0)) / groups.problems,
        ];
        return { K, estimate, lower: Math.min(bounds[0], estimate), upper: Math.max(bounds[1], estimate) };
      }),
    };
  });

  const kept = candidates.filter((c) => c.plausible);
  const estimating = candidates.filter((c) => c.inEstimate);
  const points: PredictedPassAtK[] = requested.map((K, k) => {
    const own = kept.map((c) => c.points[k] as PredictionInterval);
    const estimate = midpoint(estimating.map((c) => (c.points[k] as PredictionInterval).estimate));
    return {
      K,
      estimate,
      lower: Math.min(estimate, ...own.map((p) => p.lower)),
      upper: Math.max(estimate, ...own.map((p) => p.upper)),
      extrapolated: groups.byN.some((g) => g.n < K),
      marginal: midpoint(estimating.map((c) => modelPassAtK(c.model, K))),
    };
  });
  const shareIntervals = kept.map((c) => {
    const i = candidates.indexOf(c);
    const estimate = unsolvableShareOf(c.model);
    const sample = (shares[i] as Float64Array).sort();
    const [lo, hi] = orderStatisticInterval(sample, level) ?? [0, 1];
    return { estimate, lower: Math.min(lo, estimate), upper: Math.max(hi, estimate) };
  });
  const shareEstimate = midpoint(estimating.map((c) => unsolvableShareOf(c.model)));
  return {
    fit,
    method,
    candidates,
    points,
    unsolvableShare: {
      estimate: shareEstimate,
      lower: Math.min(shareEstimate, ...shareIntervals.map((x) => x.lower)),
      upper: Math.max(shareEstimate, ...shareIntervals.map((x) => x.upper)),
    },
    level,
    resamples,
    unconvergedRefits,
  };
}

/** π₀ of a model: its `unsolvableShare`, or the grid's weight at p = 0. */
function unsolvableShareOf(model: PassRateModel): number {
  if ("unsolvableShare" in model) return model.unsolvableShare;
  return model.support[0] === 0 ? (model.weights[0] as number) : 0;
}
