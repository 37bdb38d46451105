// Barrel of the verifiers area (pure core: no `node:` imports). Code execution lives in src/node/code/.
export { VERIFIER_STATUSES, type Verifier, type VerifierContext, type VerifierResult, type VerifierStatus } from "./verifier.js";
export { VerificationFailedError } from "./errors.js";
export { judged, unparsed, verifierError, verifierTimeout, type VerdictDetails } from "./verdict.js";
export { runVerifier, verifierContext, checkVerifierResult, type VerifierContextOptions } from "./runVerifier.js";
export { anyOf } from "./anyOf.js";
export { allOf } from "./allOf.js";
export { firstThatExtracts } from "./firstThatExtracts.js";
export type { ReferenceOf, SharedReference } from "./sharedReference.js";
export { withTimeout } from "./withTimeout.js";
export { type VerdictMetadata, type ScorerOptions } from "./scorerSupport.js";
export {
  toAutoevalsScorer,
  fromAutoevalsScorer,
  type AutoevalsScore,
  type AutoevalsScorer,
  type AutoevalsScorerArgs,
  type PasskAutoevalsScore,
  type ToAutoevalsMapping,
  type FromScorerOptions,
  type FromScorerMapping,
} from "./autoevals.js";
export {
  toEvaliteScorer,
  fromEvaliteScorer,
  type EvaliteDefaultArgs,
  type EvaliteScore,
  type EvaliteScorerArgs,
  type EvaliteScorerDefinition,
  type EvaliteScorerObject,
  type EvaliteScoreWithMetadata,
  type EvaliteScorerFn,
  type ToEvaliteOptions,
  type ToEvaliteMapping,
} from "./evalite.js";
export {
  toVitestEvalsJudge,
  type ExpectedJudgeContext,
  type ToVitestEvalsMapping,
  type ToVitestEvalsOptions,
  type VitestEvalsJudge,
  type VitestEvalsJudgeMetadata,
  type VitestEvalsJudgeResult,
} from "./vitestEvals.js";
export {
  promptfooAssertion,
  toPromptfooAssertion,
  type PromptfooAssertion,
  type PromptfooAssertionContext,
  type PromptfooGradingResult,
  type ToPromptfooOptions,
} from "./promptfoo.js";
export {
  verifyBatch,
  type BatchItem,
  type BatchOutcome,
  type BatchProgress,
  type FailedSample,
  type VerifyBatchOptions,
} from "./verifyBatch.js";
export { normalizeAnswer, type NormalizeOptions } from "./normalizeAnswer.js";
export { exactMatch } from "./exactMatch.js";
export { parseNumber, type ParseNumberOptions, type PercentMode } from "./parseNumber.js";
export { extractFinalNumber, type ExtractedNumber } from "./extractFinalNumber.js";
export { numericMatch, type NumericMatchOptions } from "./numericMatch.js";
export { extractChoice, multipleChoice, type ChoiceOptions } from "./multipleChoice.js";
export { extractWithRegex, regexMatch, type RegexExtractOptions, type RegexMatchOptions } from "./regexMatch.js";
export { extractGsm8kAnswer, gsm8kMatch, type Gsm8kOptions } from "./gsm8kMatch.js";
export { extractCodeBlock } from "./extractCodeBlock.js";
