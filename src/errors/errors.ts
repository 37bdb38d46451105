/**
 * Typed errors thrown by passk. Every error carries a stable `code` so callers can branch on it
 * even across bundles or realms where `instanceof` fails, and names the offending field, value
 * and (where there is one) problem id in its message.
 *
 * @module
 */

/** Details attached to every {@link PasskError}. */
export interface PasskErrorDetails {
  /** Name of the argument or record field that was invalid, e.g. `"k"` or `"tallies[3].c"`. */
  readonly field?: string;
  /** The offending value as received (kept for programmatic inspection). */
  readonly value?: unknown;
  /** Problem id of the record the error is about, when there is one. */
  readonly problemId?: string;
}

/**
 * Base class of every error passk throws on purpose.
 *
 * @example
 * ```ts
 * import { passAtK, PasskError } from "passk";
 * try {
 *   passAtK(10, 11, 1);
 * } catch (e) {
 *   console.log(e instanceof PasskError, (e as PasskError).code); // => true INVALID_ARGUMENT
 * }
 * ```
 */
export class PasskError extends Error {
  /** Stable machine-readable code, e.g. `"INVALID_ARGUMENT"`. */
  readonly code: string;
  /** Name of the invalid argument or field, if any. */
  readonly field: string | undefined;
  /** The offending value, if any. */
  readonly value: unknown;
  /** Problem id the error is about, if any. */
  readonly problemId: string | undefined;

  constructor(code: string, message: string, details: PasskErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.field = details.field;
    this.value = details.value;
    this.problemId = details.problemId;
  }
}

/**
 * An argument or record field is not acceptable: not a safe integer, negative, NaN,
 * `c > n`, `k < 1`, a non-string problem id, and so on.
 *
 * @example
 * ```ts
 * import { passAtK, InvalidArgumentError } from "passk";
 * try {
 *   passAtK(10, 2.5, 1);
 * } catch (e) {
 *   console.log(e instanceof InvalidArgumentError, (e as InvalidArgumentError).field); // => true c
 * }
 * ```
 */
export class InvalidArgumentError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}, code = "INVALID_ARGUMENT") {
    super(code, message, details);
  }
}

/**
 * `k` is larger than the number of samples `n` drawn for some problem. The unbiased estimator is
 * undefined there; passk refuses instead of returning 1.0 as the widely copied reference code does.
 *
 * @example
 * ```ts
 * import { passAtK, KExceedsSamplesError } from "passk";
 * try {
 *   passAtK(4, 0, 8);
 * } catch (e) {
 *   console.log(e instanceof KExceedsSamplesError); // => true
 * }
 * ```
 */
export class KExceedsSamplesError extends InvalidArgumentError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super(message, details, "K_EXCEEDS_SAMPLES");
  }
}

/**
 * A dataset-level function received no tallies: a mean over zero problems is undefined.
 *
 * @example
 * ```ts
 * import { meanPassAtK, EmptyDatasetError } from "passk";
 * try {
 *   meanPassAtK([], 1);
 * } catch (e) {
 *   console.log(e instanceof EmptyDatasetError); // => true
 * }
 * ```
 */
export class EmptyDatasetError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("EMPTY_DATASET", message, details);
  }
}

/**
 * The same problem id appears twice in one dataset. Tallies for one problem must be merged
 * (summing n and c) before they are averaged, or the problem would count twice.
 *
 * @example
 * ```ts
 * import { meanPassAtK, DuplicateProblemError } from "passk";
 * try {
 *   meanPassAtK([{ problemId: "p1", n: 4, c: 1 }, { problemId: "p1", n: 4, c: 2 }], 1);
 * } catch (e) {
 *   console.log(e instanceof DuplicateProblemError, (e as DuplicateProblemError).problemId); // => true p1
 * }
 * ```
 */
export class DuplicateProblemError extends PasskError {
  constructor(message: string, details: PasskErrorDetails = {}) {
    super("DUPLICATE_PROBLEM", message, details);
  }
}
