/**
 * The candidate models of per-problem success probability that {@link predictPassAtKBeyond} can fit,
 * behind one interface. Internal.
 * @internal
 * @module
 */
import { fitGroups, type CountGroups } from "./betaBinomialFit.js";
import { defaultSupport, fitMixingGroups } from "./mixingDistributionFit.js";
import type { PassRateModel } from "./passRateModel.js";
import { fitScaledGroups } from "./scaledBetaBinomialFit.js";

/**
 * How {@link predictPassAtKBeyond} models the per-problem success probability p:
 *
 * - `"beta"`: p ~ Beta(α, β) (2 parameters, {@link fitBetaBinomial});
 * - `"scaledBeta"`: p = s·Beta(α, β), s ≤ 1 (3, {@link fitScaledBetaBinomial}, Schaeffer et al. 2025);
 * - `"zeroInflatedBeta"`: a share π₀ at p = 0 plus a beta (3);
 * - `"zeroInflatedScaledBeta"`: π₀ at p = 0 plus a scaled beta (4);
 * - `"npmle"`: no shape, the grid NPMLE of {@link fitMixingDistribution} (requested by name only: its
 *   extrapolation is not determined by the data, and each bootstrap refit solves it afresh, which
 *   is slow).
 *
 * @example
 * ```ts
 * import { PREDICTION_METHODS } from "passk";
 * console.log(PREDICTION_METHODS.join(" ")); // => beta scaledBeta zeroInflatedBeta zeroInflatedScaledBeta npmle
 * ```
 */
export type PredictionMethod = "beta" | "scaledBeta" | "zeroInflatedBeta" | "zeroInflatedScaledBeta" | "npmle";

/**
 * Every {@link PredictionMethod}, in order of increasing flexibility.
 *
 * @example
 * ```ts
 * import { PREDICTION_METHODS } from "passk";
 * console.log(PREDICTION_METHODS.includes("scaledBeta")); // => true
 * ```
 */
export const PREDICTION_METHODS: readonly PredictionMethod[] = Object.freeze([
  "beta",
  "scaledBeta",
  "zeroInflatedBeta",
  "zeroInflatedScaledBeta",
  "npmle",
]);

/** A model fitted to grouped counts. @internal */
export interface FittedModel {
  readonly model: PassRateModel;
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly atBoundary: boolean;
}

/** Fits `method` to grouped counts, refits starting from `start` when given. @internal */
export function fitMethod(method: PredictionMethod, groups: CountGroups, start?: FittedModel): FittedModel {
  const beta = start?.model as { alpha: number; beta: number; unsolvableShare: number; scale?: number } | undefined;
  switch (method) {
    case "beta":
    case "zeroInflatedBeta": {
      const f = fitGroups(groups, method === "zeroInflatedBeta", beta);
      return { model: { alpha: f.alpha, beta: f.beta, unsolvableShare: f.unsolvableShare }, ...f };
    }
    case "scaledBeta":
    case "zeroInflatedScaledBeta": {
      const f = fitScaledGroups(
        groups,
        method === "zeroInflatedScaledBeta",
        beta && { alpha: beta.alpha, beta: beta.beta, scale: beta.scale ?? 1, unsolvableShare: beta.unsolvableShare },
      );
      return { model: { alpha: f.alpha, beta: f.beta, scale: f.scale, unsolvableShare: f.unsolvableShare }, ...f };
    }
    case "npmle": {
      const f = fitMixingGroups(groups, defaultSupport());
      return { model: { support: f.support, weights: f.weights }, logLikelihood: f.logLikelihood, converged: f.converged, atBoundary: false };
    }
  }
}
