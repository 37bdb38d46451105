/**
 * Exit codes of the `passk` command and the usage error that maps to code 2.
 * @module
 */
import { PasskError, type PasskErrorDetails } from "../errors/errors.js";

/**
 * Exit codes of the `passk` command: 0 success; 1 a runtime or data error (a file that cannot be
 * read, a bad line, a k larger than the samples drawn); 2 a usage error (unknown command or option,
 * a malformed option value), detected before any data is read.
 *
 * @example
 * ```ts
 * import { EXIT_CODES } from "passk/cli";
 * console.log(EXIT_CODES.ok, EXIT_CODES.failure, EXIT_CODES.usage); // => 0 1 2
 * ```
 */
export const EXIT_CODES = Object.freeze({ ok: 0, failure: 1, usage: 2 } as const);

/**
 * The command line is wrong (exit code 2): a malformed option value, an unknown choice, or an
 * option that names nothing (e.g. a `--base` model absent from the data).
 *
 * @example
 * ```ts
 * import { UsageError } from "passk/cli";
 * const e = new UsageError("--ks must list integers, got \"x\"", { field: "--ks", value: "x" });
 * console.log(e.code, e.field); // => USAGE_ERROR --ks
 * ```
 */
export class UsageError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("USAGE_ERROR", message, details);
  }
}
