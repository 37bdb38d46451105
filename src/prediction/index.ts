// Barrel of the prediction area (pass@K beyond the samples drawn); each module re-exported here.
export { fitBetaBinomial, type BetaBinomialFit, type BetaBinomialFitOptions } from "./betaBinomialFit.js";
export { predictPassAtK, type BetaFitParameters } from "./predictPassAtK.js";
export { conditionalPassAtK } from "./conditionalPassAtK.js";
export {
  predictPassAtKBeyond,
  type PassAtKPrediction,
  type PredictionInterval,
  type PredictionOptions,
} from "./bootstrapPrediction.js";
export {
  fitEmpiricalPowerLaw,
  predictEmpiricalPowerLaw,
  type EmpiricalPowerLaw,
} from "./empiricalPowerLaw.js";
