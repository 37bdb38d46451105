// Barrel of the logprobs area; each module re-exported here.
export type { TokenLogprobs, TopLogprob, LogprobDistribution, LogprobInput } from "./tokenLogprobs.js";
export { InvalidLogprobError, type InvalidLogprobReason, type InvalidLogprobDetails } from "./invalidLogprobError.js";
export {
  DEFAULT_POSITIVE_TOLERANCE,
  DEFAULT_SENTINEL_THRESHOLD,
  type LogprobPolicy,
  type InvalidLogprobAction,
} from "./policy.js";
export { utf8ByteLength, tokenByteLength } from "./utf8.js";
export { sequencePerplexity, type SequencePerplexity, type PerplexityOptions } from "./sequencePerplexity.js";
export { corpusPerplexity, type CorpusPerplexity, type CorpusPerplexityOptions } from "./corpusPerplexity.js";
export { scoredLogprobs, type ScoredLogprobs } from "./scoredLogprobs.js";
export { minKPercentProb, type MinKPercentProb } from "./minKPercentProb.js";
export { topEntropy, sequenceEntropy, type TopEntropy, type SequenceEntropy, type EntropyOptions } from "./tokenEntropy.js";
export {
  summarizePerplexities,
  shareBelowQuantile,
  comparePerplexities,
  DEFAULT_QUANTILES,
  type DistributionSummary,
  type PerplexityComparison,
} from "./comparePerplexities.js";
export * from "./adapters/index.js";
