// Barrel of the entry point `passk/math`: the math-answer verifier and the CAS it loads
// (@cortex-js/compute-engine). Pure (no `node:` imports), but kept out of the root entry so that
// importing `passk` never loads the CAS.
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
// The error classes this entry point's functions throw, the same classes as `passk`'s.
export { PasskError, InvalidArgumentError } from "../errors/errors.js";
