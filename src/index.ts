/**
 * passk — exact, fast pass@k and the instruments for measuring what sampling reveals about an
 * LLM's reasoning. This entry point is the pure core: no `node:` imports, so it runs in browsers,
 * Deno and Bun.
 *
 * @packageDocumentation
 */
export { Decimal } from "./decimal.js";
export {
  PasskError,
  InvalidArgumentError,
  KExceedsSamplesError,
  EmptyDatasetError,
  DuplicateProblemError,
  type PasskErrorDetails,
} from "./errors.js";
export type { Tally } from "./tally.js";
export { passAtK } from "./passAtK.js";
export { passHatK } from "./passHatK.js";
export { passAtKExact, passHatKExact, type ExactOptions } from "./passAtKExact.js";
export { meanPassAtK, passAtKCurve, type CurvePoint } from "./passAtKCurve.js";
export * from "./tallies/index.js";
export * from "./analysis/index.js";
export * from "./logprobs/index.js";
export * from "./verifiers/index.js";
export * from "./prediction/index.js";
