// Barrel of the tallies area; each module re-exported here.
export type { SampleRecord } from "./sampleRecord.js";
