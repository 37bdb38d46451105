/**
 * pass@K predicted from a fitted distribution of per-problem success probability.
 * @module
 */
import { assertPositiveCount } from "../estimators/validate.js";
import { assertPassRateModel, modelPassAtK, type PassRateModel } from "./passRateModel.js";

/**
 * Predicted pass@K of a fresh problem from the fitted distribution, for a budget K that may be far
 * above the n actually sampled: pass@K = 1 − E[(1 − p)^K]. For the beta family
 *
 *     pass@K = (1 − π₀)·(1 − E[(1 − sX)^K]),   X ~ Beta(α, β),   E[(1 − X)^K] = B(α, β + K)/B(α, β)
 *
 * (Schaeffer et al. 2025; s = 1 unless scaled, see {@link fitScaledBetaBinomial}), and on a grid
 * Σ_j w_j(1 − (1 − p_j)^K). As K → ∞ it tends to 1 − π₀ (to 1 − w at p = 0 on a grid). Exact in
 * float64 for every K (the first 1000 beta factors are multiplied in log space, the rest through a
 * Stirling-series difference of log-gamma functions; nothing close to 1 is subtracted).
 *
 * @param fit - a {@link PassRateModel}: parameters from {@link fitBetaBinomial} or
 *   {@link fitScaledBetaBinomial} (alpha, beta, unsolvableShare, optional scale), or a grid from
 *   {@link fitMixingDistribution}
 * @param K - budget, a safe integer ≥ 1 (no upper bound: it is a model prediction, not an estimator)
 * @throws {@link InvalidArgumentError} for an invalid K or model
 *
 * @example
 * ```ts
 * import { predictPassAtK } from "passk";
 * // p ~ Uniform(0, 1) = Beta(1, 1): E[(1 − p)^K] = 1/(K + 1)
 * console.log(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0 }, 3)); // => 0.75
 * console.log(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0.5 }, 1)); // => 0.25
 * // p = X/2: E[(1 − X/2)^1] = 3/4
 * console.log(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0, scale: 0.5 }, 1).toFixed(15)); // => 0.250000000000000
 * ```
 */
export function predictPassAtK(fit: PassRateModel, K: number): number {
  assertPositiveCount(K, "K");
  assertPassRateModel(fit);
  return modelPassAtK(fit, K);
}
