// Barrel of the analysis area; each module re-exported here.
export { SeededRandom } from "./seededRandom.js";
export type { BootstrapOptions } from "./bootstrapOptions.js";
