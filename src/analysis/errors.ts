/**
 * Errors specific to the multi-model analyses.
 * @module
 */
import { PasskError, type PasskErrorDetails } from "../errors/errors.js";

/**
 * Two models (or a model and the reference problem set) do not cover the same problems. Paired and
 * set-algebra analyses compare models problem by problem, so a problem present for one model and
 * missing for another is refused rather than silently dropped: the message names the model and the
 * first problem id that is missing. Code `"MISMATCHED_PROBLEMS"`.
 *
 * @example
 * ```ts
 * import { compareCoverage, MismatchedProblemsError } from "passk";
 * try {
 *   compareCoverage({
 *     base: [{ problemId: "p1", n: 4, c: 1 }, { problemId: "p2", n: 4, c: 0 }],
 *     rl: [{ problemId: "p1", n: 4, c: 2 }],
 *   });
 * } catch (e) {
 *   console.log(e instanceof MismatchedProblemsError, (e as MismatchedProblemsError).problemId); // => true p2
 * }
 * ```
 */
export class MismatchedProblemsError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("MISMATCHED_PROBLEMS", message, details);
  }
}
