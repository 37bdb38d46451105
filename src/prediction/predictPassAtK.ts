/**
 * pass@K predicted from a fitted distribution of per-problem success probability.
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { assertPositiveCount } from "../estimators/validate.js";
import type { BetaBinomialFit } from "./betaBinomialFit.js";
import { logBetaFailure } from "./logGammaRatio.js";

/**
 * The parameters a prediction reads from a {@link BetaBinomialFit}: p ~ Beta(alpha, beta) with a
 * share `unsolvableShare` of problems at p = 0. A whole fit can be passed, or these three by hand.
 *
 * @example
 * ```ts
 * import { predictPassAtK } from "passk";
 * const uniform = { alpha: 1, beta: 1, unsolvableShare: 0 };
 * console.log(predictPassAtK(uniform, 1)); // => 0.5
 * ```
 */
export type BetaFitParameters = Pick<BetaBinomialFit, "alpha" | "beta" | "unsolvableShare">;

/** Checks α, β finite and > 0 and π₀ within [0, 1], naming the field. @internal */
export function assertBetaFitParameters(fit: BetaFitParameters): void {
  for (const [field, value] of [["fit.alpha", fit.alpha], ["fit.beta", fit.beta]] as const) {
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw new InvalidArgumentError(`${field} must be a finite number > 0, got ${String(value)}`, { field, value });
    }
  }
  const share = fit.unsolvableShare;
  if (typeof share !== "number" || !(share >= 0 && share <= 1)) {
    throw new InvalidArgumentError(`fit.unsolvableShare must be within [0, 1], got ${String(share)}`, {
      field: "fit.unsolvableShare",
      value: share,
    });
  }
}

/**
 * Predicted pass@K for a budget K that may be far above the n actually sampled:
 *
 *     pass@K = (1 − π₀)·(1 − E[(1 − p)^K]),   E[(1 − p)^K] = B(α, β + K)/B(α, β) = ∏_{j<K} (β + j)/(α + β + j)
 *
 * for p ~ Beta(α, β) with a share π₀ of unsolvable problems (Schaeffer et al. 2025). As K → ∞ it
 * tends to 1 − π₀. Exact in float64 for every K (the first 1000 factors are multiplied in log
 * space, the rest through a Stirling-series difference of log-gamma functions).
 *
 * @param fit - parameters from {@link fitBetaBinomial} (only alpha, beta and unsolvableShare are read)
 * @param K - budget, a safe integer ≥ 1 (no upper bound: it is a model prediction, not an estimator)
 * @throws {@link InvalidArgumentError} for an invalid K or fit parameters
 *
 * @example
 * ```ts
 * import { predictPassAtK } from "passk";
 * // p ~ Uniform(0, 1) = Beta(1, 1): E[(1 − p)^K] = 1/(K + 1)
 * console.log(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0 }, 3)); // => 0.75
 * console.log(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0.5 }, 1)); // => 0.25
 * ```
 */
export function predictPassAtK(fit: BetaFitParameters, K: number): number {
  assertPositiveCount(K, "K");
  assertBetaFitParameters(fit);
  const { alpha, beta, unsolvableShare } = fit;
  return (1 - unsolvableShare) * -Math.expm1(logBetaFailure(alpha, beta, K));
}
