// Barrel of the prediction area (pass@K beyond the samples drawn); each module re-exported here.
export { fitBetaBinomial, type BetaBinomialFit, type BetaBinomialFitOptions } from "./betaBinomialFit.js";
export {
  fitScaledBetaBinomial,
  type ScaledBetaBinomialFit,
  type ScaledBetaBinomialFitOptions,
} from "./scaledBetaBinomialFit.js";
export {
  fitMixingDistribution,
  type MixingDistribution,
  type MixingDistributionFit,
  type MixingDistributionFitOptions,
} from "./mixingDistributionFit.js";
export type { BetaFitParameters, PassRateModel } from "./passRateModel.js";
export { predictPassAtK } from "./predictPassAtK.js";
export { conditionalPassAtK } from "./conditionalPassAtK.js";
export { PREDICTION_METHODS, type PredictionMethod } from "./predictionMethods.js";
export {
  predictPassAtKBeyond,
  PLAUSIBLE_HELD_OUT_NATS,
  type PassAtKPrediction,
  type PredictedPassAtK,
  type PredictionCandidate,
  type PredictionInterval,
  type PredictionOptions,
} from "./bootstrapPrediction.js";
export {
  fitEmpiricalPowerLaw,
  predictEmpiricalPowerLaw,
  type EmpiricalPowerLaw,
} from "./empiricalPowerLaw.js";
export {
  passAtKIdentificationBounds,
  type IdentificationBoundsOptions,
  type PassAtKIdentificationBounds,
} from "./identificationBounds.js";
