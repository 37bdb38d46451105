// Barrel of the analysis area; each module re-exported here.
export { MismatchedProblemsError } from "./errors.js";
export type { ModelTallies } from "./modelTallies.js";
export { coverage, compareCoverage, type Coverage, type ModelCoverage, type CoveragePair, type CoverageComparison } from "./coverage.js";
export {
  samplingEfficiencyGap,
  samplingEfficiencyGapTable,
  bootstrapSamplingEfficiencyGap,
  type SamplingEfficiencyGap,
  type SamplingEfficiencyGapOptions,
  type GapBenchmark,
  type GapTableRow,
  type GapTable,
  type SamplingEfficiencyGapBootstrap,
} from "./samplingEfficiencyGap.js";
export { findCrossover, passAtKCrossover, type Crossover } from "./crossover.js";
export { bootstrapCrossover, type CrossoverBootstrap } from "./bootstrapCrossover.js";
export {
  accuracyHistogram,
  type AccuracyHistogramOptions,
  type AccuracyBin,
  type AccuracyHistogram,
} from "./accuracyHistogram.js";
export { gPassAtK, mGPassAtK, meanGPassAtK, meanMGPassAtK } from "./gPassAtK.js";
export { majorityAtK, meanMajorityAtK, type VoteCluster, type VoteClusters, type ProblemVotes } from "./majorityAtK.js";
export { SeededRandom } from "./seededRandom.js";
export type { BootstrapOptions } from "./bootstrapOptions.js";
export type { BootstrapEstimate } from "./bootstrapEngine.js";
export { bootstrapPassAtK, type PassAtKInterval, type PassAtKBootstrap } from "./bootstrapPassAtK.js";
export { bootstrapCoverage, type CoverageBootstrap } from "./bootstrapCoverage.js";
export { comparePassAtK, type PairedPassAtK, type PairedComparison } from "./comparePassAtK.js";
