/**
 * Empirical-Bayes pass@K of the sampled problems: observed samples, extended by a fitted model.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { passAtK } from "../estimators/passAtK.js";
import { collectTallies, type Tally } from "../estimators/tally.js";
import { assertPositiveCount } from "../estimators/validate.js";
import { groupCounts, type CountGroups } from "./betaBinomialFit.js";
import { assertPassRateModel, solvedLaterProbability, type PassRateModel } from "./passRateModel.js";

/**
 * P(solved within K | none of n solved) for one group, refusing a model under which the observed
 * "none of n solved" is impossible (it would give 0/0).
 */
function solvedLater(model: PassRateModel, n: number, K: number): number {
  const q = solvedLaterProbability(model, n, K);
  if (!Number.isFinite(q)) {
    throw new InvalidArgumentError(
      `the model gives probability 0 to a problem with none of its n = ${n} samples correct, which the tallies contain`,
      { field: "fit", value: n },
    );
  }
  return q;
}

/**
 * The part of {@link conditionalPassAtK} that is known without the model (problems with K ≤ n by the
 * unbiased estimator, solved problems as 1), and per group with n < K the number of problems with
 * c = 0 whose fate the model decides. @internal
 */
export function observedPart(groups: CountGroups, K: number): { known: number; unsolved: Array<{ n: number; count: number }> } {
  let known = 0;
  const unsolved: Array<{ n: number; count: number }> = [];
  for (const { n, weights } of groups.byN) {
    for (let c = 0; c <= n; c++) {
      const w = weights[c] as number;
      if (w === 0) continue;
      if (K <= n) known += w * passAtK(n, c, K);
      else if (c > 0) known += w;
    }
    if (K > n && (weights[0] as number) > 0) unsolved.push({ n, count: weights[0] as number });
  }
  return { known, unsolved };
}

/** {@link conditionalPassAtK} over tallies grouped by (n, c). @internal */
export function conditionalPassAtKOfGroups(model: PassRateModel, groups: CountGroups, K: number): number {
  const { known, unsolved } = observedPart(groups, K);
  let later = 0;
  for (const { n, count } of unsolved) later += count * solvedLater(model, n, K);
  return (known + later) / groups.problems;
}

/**
 * pass@K of these problems, using what was observed and the fitted model only for what was not
 * (an empirical-Bayes prediction). For each problem with n samples, c correct:
 *
 * - K ≤ n: the unbiased estimator 1 − C(n − c, K)/C(n, K) (Chen et al. 2021), no model involved;
 * - K > n and c > 0: 1, since a sample among the first n is already correct;
 * - K > n and c = 0: the probability that one of the K − n further samples is correct given that
 *   none of the first n was, under the fitted distribution G of p:
 *
 *       1 − E_G[(1 − p)^K] / E_G[(1 − p)^n]
 *
 *   (for p ~ (1 − π₀)·Beta(α, β) + π₀·δ₀: 1 − (π₀ + (1 − π₀)B(α, β + K)/B(α, β)) / (π₀ + (1 − π₀)B(α, β + n)/B(α, β))),
 *
 * averaged over problems. This is the expected value of the pass@K you would measure by drawing the
 * remaining K − n samples of these problems; unlike the population prediction {@link predictPassAtK}
 * it keeps each problem's own evidence.
 *
 * @param fit - a {@link PassRateModel} (from {@link fitBetaBinomial}, {@link fitScaledBetaBinomial}
 *   or {@link fitMixingDistribution}), normally fitted to the same tallies
 * @param tallies - one {@link Tally} per problem (ids unique)
 * @param K - budget, a safe integer ≥ 1
 * @throws {@link InvalidArgumentError} for invalid K or model, or a model under which a problem with
 *   c = 0 is impossible; the tally errors of {@link meanPassAtK}
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
export function conditionalPassAtK(fit: PassRateModel, tallies: Iterable<Tally>, K: number): number {
  assertPositiveCount(K, "K");
  assertPassRateModel(fit);
  return conditionalPassAtKOfGroups(fit, groupCounts(collectTallies(tallies)), K);
}
