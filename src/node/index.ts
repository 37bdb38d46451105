// Barrel of the Node-only subpath `passk/node`: file and stream ingestion. Everything here may use
// `node:` modules; the pure core under src/ must not import from this folder.
export { IngestError } from "./ingestError.js";
export type { SampleReader, SourceFields } from "./sampleReader.js";
export { fieldMappingReader, type FieldMapping, type FieldMappingPath } from "./fieldMappingReader.js";
export { qwenMathReader, type QwenMathReaderOptions } from "./qwenMathReader.js";
export { lmEvalReader, type LmEvalReaderOptions } from "./lmEvalReader.js";
export { flatReader, type FlatReaderOptions } from "./flatReader.js";
export {
  ingestJsonl,
  ingestJsonlStream,
  type IngestOptions,
  type IngestStreamOptions,
  type IngestProgress,
  type IngestResult,
} from "./ingestJsonl.js";
export * from "./code/index.js";
export { currentRuntime, UnsupportedRuntimeError, type RuntimeInfo } from "./runtime.js";
// The error classes this entry point's functions throw, the same classes as `passk`'s, so
// `instanceof` works whichever entry point a caller imports them from.
export { PasskError, InvalidArgumentError, DuplicateProblemError } from "../errors/errors.js";
export { InvalidSampleRecordError, DuplicateSampleError } from "../tallies/sampleRecordErrors.js";
export { VerificationFailedError } from "../verifiers/errors.js";
export { countsRow, type CountsColumns, type CountsRow } from "./countsRow.js";
export { ingestCounts, type CountsFileFormat, type IngestCountsOptions, type IngestCountsResult } from "./ingestCounts.js";
export { ingestParquetSamples, type IngestParquetOptions, type IngestParquetResult, type ParquetSampleReader, type ParquetRowTally } from "./ingestParquetSamples.js";
export { lightevalDetailsReader, type LightevalDetailsOptions } from "./lightevalReader.js";
export { inspectSampleReader, type InspectSampleReaderOptions, type InspectScoreOptions } from "./inspectSampleReader.js";
export { ingestInspectLog, type IngestInspectOptions, type IngestInspectResult } from "./ingestInspectLog.js";
// Perplexity analysis: scoring responses under a model over HTTP, resumable output, reports.
export * from "./perplexity/index.js";
