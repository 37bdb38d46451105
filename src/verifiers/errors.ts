/**
 * Errors specific to the verifiers area.
 * @module
 */
import { PasskError, type PasskErrorDetails } from "../errors/errors.js";

/**
 * A verification did not produce a judgement (status `"error"` or `"timeout"`) where the caller
 * needs one, e.g. inside an adapter to a foreign scorer shape that has no way to say "I could not
 * judge". Thrown instead of reporting a failed verification as a score of 0.
 *
 * @example
 * ```ts
 * import { toAutoevalsScorer, VerificationFailedError } from "passk";
 * const broken = () => { throw new Error("grader down"); };
 * try {
 *   await toAutoevalsScorer(broken, { name: "broken" })({ output: "x", expected: "y" });
 * } catch (e) {
 *   const err = e as VerificationFailedError;
 *   console.log(e instanceof VerificationFailedError, err.code, err.status); // => true VERIFICATION_FAILED error
 * }
 * ```
 */
export class VerificationFailedError extends PasskError {
  /** The status of the failed verification (`"error"` or `"timeout"`). */
  readonly status: "error" | "timeout";

  constructor(message: string, status: "error" | "timeout", details: PasskErrorDetails = {}) {
    super("VERIFICATION_FAILED", message, details);
    this.status = status;
  }
}
