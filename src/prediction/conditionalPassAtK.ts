/**
 * pass@K for the problems at hand: the samples already drawn, extended by the fitted model.
 * @module
 */
import { passAtK } from "../estimators/passAtK.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { assertPositiveCount } from "../estimators/validate.js";
import { groupCounts, type CountGroups } from "./betaBinomialFit.js";
import { logBetaFailure } from "./logGammaRatio.js";
import { assertBetaFitParameters, type BetaFitParameters } from "./predictPassAtK.js";

/**
 * P(solved within K samples | none of the first n solved) under the fit:
 * 1 − (π₀ + (1 − π₀)E_K)/(π₀ + (1 − π₀)E_n) with E_m = E[(1 − p)^m] = B(α, β + m)/B(α, β),
 * written as w·(1 − E_K/E_n), w = (1 − π₀)E_n/(π₀ + (1 − π₀)E_n) the posterior weight of the beta
 * part, so nothing near 1 is subtracted.
 */
function solvedLaterProbability(fit: BetaFitParameters, n: number, K: number): number {
  const logEn = logBetaFailure(fit.alpha, fit.beta, n);
  const later = -Math.expm1(logBetaFailure(fit.alpha, fit.beta, K) - logEn);
  const pi0 = fit.unsolvableShare;
  if (pi0 === 0) return later;
  const betaPart = (1 - pi0) * Math.exp(logEn);
  return (betaPart / (pi0 + betaPart)) * later;
}

/** {@link conditionalPassAtK} over tallies grouped by (n, c). @internal */
export function conditionalPassAtKOfGroups(fit: BetaFitParameters, groups: CountGroups, K: number): number {
  let sum = 0;
  for (const { n, weights } of groups.byN) {
    for (let c = 0; c <= n; c++) {
      const w = weights[c] as number;
      if (w === 0) continue;
      const value = K <= n ? passAtK(n, c, K) : c > 0 ? 1 : solvedLaterProbability(fit, n, K);
      sum += w * value;
    }
  }
  return sum / groups.problems;
}

/**
 * pass@K of these problems, using what was observed and the fitted model only for what was not
 * (an empirical-Bayes prediction). For each problem with n samples, c correct:
 *
 * - K ≤ n: the unbiased estimator 1 − C(n − c, K)/C(n, K) (Chen et al. 2021), no model involved;
 * - K > n and c > 0: 1, since a sample among the first n is already correct;
 * - K > n and c = 0: the probability that one of the K − n further samples is correct given that
 *   none of the first n was, under the fitted p ~ (1 − π₀)·Beta(α, β) + π₀·δ₀:
 *
 *       1 − (π₀ + (1 − π₀)·B(α, β + K)/B(α, β)) / (π₀ + (1 − π₀)·B(α, β + n)/B(α, β))
 *
 * averaged over problems. This is the quantity a measured pass@K over K samples that include the n
 * would give; unlike the population prediction {@link predictPassAtK} it keeps each problem's own
 * evidence, which makes it the less biased of the two on the study's data (see the guide).
 *
 * @param fit - parameters from {@link fitBetaBinomial}, normally fitted to the same tallies
 * @param tallies - one {@link Tally} per problem (ids unique)
 * @param K - budget, a safe integer ≥ 1
 * @throws {@link InvalidArgumentError} for invalid K or fit parameters; the tally errors of {@link meanPassAtK}
 *
 * @example
 * ```ts
 * import { conditionalPassAtK } from "passk";
 * // p ~ Uniform(0, 1): E[(1 − p)^m] = 1/(m + 1). A problem with 0 of 2 correct is solved within 4
 * // samples with probability 1 − (1/5)/(1/3) = 2/5; one with 1 of 2 correct already is.
 * const fit = { alpha: 1, beta: 1, unsolvableShare: 0 };
 * const tallies = [{ problemId: "a", n: 2, c: 0 }, { problemId: "b", n: 2, c: 1 }];
 * console.log(conditionalPassAtK(fit, tallies, 4).toFixed(12)); // => 0.700000000000
 * console.log(conditionalPassAtK(fit, tallies, 1)); // => 0.25
 * ```
 */
export function conditionalPassAtK(fit: BetaFitParameters, tallies: Iterable<Tally>, K: number): number {
  assertPositiveCount(K, "K");
  assertBetaFitParameters(fit);
  return conditionalPassAtKOfGroups(fit, groupCounts(collectTallies(tallies)), K);
}
