// Barrel of the tallies area; each module re-exported here.
export type { SampleRecord } from "./sampleRecord.js";
export { InvalidSampleRecordError, DuplicateSampleError } from "./sampleRecordErrors.js";
export { resolveCorrect } from "./resolveCorrect.js";
export { compareProblemIds } from "./compareProblemIds.js";
export type { AnswerCluster, ProblemAnswers } from "./answerCluster.js";
export { TallyAccumulator, type TallyAccumulatorOptions } from "./tallyAccumulator.js";
export {
  TALLY_JSON_FORMAT,
  TALLY_JSON_VERSION,
  type TallyAccumulatorJSON,
  type ModelTalliesJSON,
  type ProblemTallyJSON,
  type AnswerCountJSON,
} from "./tallyAccumulatorJson.js";
