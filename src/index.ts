/**
 * passk — exact, fast pass@k and the instruments for measuring what sampling reveals about an
 * LLM's reasoning. This entry point is the pure core: no `node:` imports, so it runs in browsers,
 * Deno and Bun. The math-answer verifier and its CAS live in `passk/math`, files and processes in
 * `passk/node`.
 *
 * @packageDocumentation
 */
export * from "./errors/index.js";
export * from "./estimators/index.js";
export * from "./tallies/index.js";
export * from "./analysis/index.js";
export * from "./logprobs/index.js";
export * from "./verifiers/index.js";
export * from "./prediction/index.js";
