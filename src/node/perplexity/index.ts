// Barrel of the perplexity scoring client: score responses under a model served over HTTP, save
// the logprobs resumably, read them back and compare sets.
export {
  ScoringRecordError,
  ScoringServerError,
  ScoringAbortedError,
  type ScoringRecordReason,
  type ScoringRecordErrorDetails,
} from "./scoringErrors.js";
export { SCORING_SERVERS, scoringRequest, type ScoringServer, type ScoringRequest } from "./scoringRequest.js";
export { locateResponse, type LocateOptions, type ResponseLocation, type StraddlePolicy } from "./locateResponse.js";
export { readScoringPayload, type PayloadScore } from "./readScoringPayload.js";
export { retryDelay, type RetryOptions } from "./retryDelay.js";
export type { RetryEvent } from "./postWithRetries.js";
export { readResponseRecord, type ResponseRecord, type ResponseFields } from "./responseRecord.js";
export {
  perplexityScorer,
  type PerplexityScorer,
  type PerplexityScorerOptions,
  type ScoredResponse,
  type ScoreCallOptions,
} from "./perplexityScorer.js";
export {
  SCORED_RECORD_FORMAT,
  SCORED_PAYLOAD_FORMAT,
  responseFingerprint,
  scoredLine,
  parseScoredLine,
  type Scorer,
  type ScoredLine,
} from "./scoredRecord.js";
export { scoreResponsesFile, type ScoreFileOptions, type ScoreFileResult, type ScoreProgress } from "./scoreResponsesFile.js";
export {
  SCORED_FILE_FORMATS,
  detectScoredFormat,
  readScoredFile,
  type ScoredFileFormat,
  type ScoredSequence,
  type ReadScoredOptions,
  type ScoredFileSummary,
} from "./readScoredFile.js";
export {
  perplexityReport,
  type PerplexitySetInput,
  type PerplexitySetReport,
  type PerplexityPairReport,
  type PerplexityReportOptions,
  type PerplexityReport,
} from "./perplexityReport.js";
