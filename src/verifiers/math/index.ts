// Barrel of the math verifier (pure core: no `node:` imports).
export { mathVerifier, type MathVerifierOptions } from "./mathVerifier.js";
export { mathEquivalent, type MathEquivalence, type MathEquivalenceOptions, type EquivalenceRule } from "./mathEquivalent.js";
export {
  extractMathAnswer,
  MATH_EXTRACTION_RULES,
  type ExtractionRule,
  type MathExtraction,
  type MathExtractOptions,
} from "./extract.js";
export { normalizeMathAnswer } from "./normalize.js";
export { DEFAULT_MATH_LIMITS, MathLimitError, type MathLimits } from "./limits.js";
