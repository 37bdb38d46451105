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
