/**
 * The typed error for a logprob that cannot be used as a probability.
 * @module
 */
import { PasskError } from "../errors/errors.js";
import type { TokenLogprobs } from "./tokenLogprobs.js";

/**
 * Why a logprob was rejected:
 * `"null"` (null or undefined: missing where a value is required), `"not-a-number"` (a string,
 * boolean, array, object, ...: never coerced, so `"-0.5"` or `[-2]` is rejected, not read as a number),
 * `"nan"`, `"-infinity"`, `"+infinity"`, `"positive"` (above the tolerance; log p ≤ 0),
 * `"sentinel"` (at or below the sentinel threshold: −9999 from OpenAI/vLLM, ≈ −3.4e38 from llama.cpp),
 * `"probability-out-of-range"` (a plain probability outside [0, 1]), `"length-mismatch"` (parallel
 * arrays of different lengths), `"overflow"` (perplexity exceeds the float64 range).
 *
 * @example
 * ```ts
 * import { sequencePerplexity, InvalidLogprobError } from "passk";
 * try {
 *   sequencePerplexity([-0.1, Number.NaN]);
 * } catch (e) {
 *   console.log(e instanceof InvalidLogprobError, (e as InvalidLogprobError).reason); // => true nan
 * }
 * ```
 */
export type InvalidLogprobReason =
  | "null"
  | "not-a-number"
  | "nan"
  | "-infinity"
  | "+infinity"
  | "positive"
  | "sentinel"
  | "probability-out-of-range"
  | "length-mismatch"
  | "overflow";

/**
 * Details attached to an {@link InvalidLogprobError}.
 *
 * @example
 * ```ts
 * import { InvalidLogprobError } from "passk";
 * const e = new InvalidLogprobError("logprob NaN at position 4 of sequence 2 is NaN", { reason: "nan", position: 4, sequence: 2 });
 * console.log(e.reason, e.position, e.sequence, e.field); // => nan 4 2 logprobs
 * ```
 */
export interface InvalidLogprobDetails {
  /** Why the value was rejected. */
  readonly reason: InvalidLogprobReason;
  /**
   * Token index in the source's own token list (the payload as the API returned it, prompt tokens
   * first and counting the unscored first one), if the error is about one token.
   */
  readonly position?: number;
  /**
   * Index in the normalized {@link TokenLogprobs} arrays, when it differs from `position` (an
   * adapter dropped the unscored first prompt token into `unscoredPrefix`).
   */
  readonly index?: number;
  /** Index of the sequence within the batch or corpus, if known. */
  readonly sequence?: number;
  /** Path of the offending field, e.g. `"choices[0].logprobs.content[3].logprob"`. */
  readonly field?: string;
  /** The offending value as received. */
  readonly value?: unknown;
}

/**
 * A token logprob is unusable: NaN, ±Infinity, positive, a sentinel, null where a value is
 * required, or parallel arrays disagree in length. Names the token `position` and the `sequence`
 * index so the record can be found. Code `"INVALID_LOGPROB"`.
 *
 * @example
 * ```ts
 * import { sequencePerplexity, InvalidLogprobError, PasskError } from "passk";
 * try {
 *   sequencePerplexity([-0.5, -9999]);
 * } catch (e) {
 *   if (!(e instanceof InvalidLogprobError)) throw e;
 *   console.log(e instanceof PasskError, e.code, e.reason, e.position); // => true INVALID_LOGPROB sentinel 1
 * }
 * ```
 */
export class InvalidLogprobError extends PasskError {
  /** Why the value was rejected. */
  readonly reason: InvalidLogprobReason;
  /** Token index in the source's own token list, if the error is about one token. */
  readonly position: number | undefined;
  /** Index in the normalized arrays, when it differs from `position` (else `undefined`). */
  readonly index: number | undefined;
  /** Index of the sequence within the batch or corpus, if known. */
  readonly sequence: number | undefined;

  constructor(message: string, details: InvalidLogprobDetails) {
    super("INVALID_LOGPROB", message, { field: details.field ?? "logprobs", value: details.value });
    this.reason = details.reason;
    this.position = details.position;
    this.index = details.index;
    this.sequence = details.sequence;
  }
}

/**
 * " at position 3 (index 2 of the normalized arrays) of sequence 1" — the locating suffix used in
 * messages. @internal
 */
export function locate(position: number | undefined, sequence: number | undefined, index?: number): string {
  const p = position === undefined ? "" : ` at position ${position}`;
  const i = index === undefined || index === position ? "" : ` (index ${index} of the normalized arrays)`;
  const s = sequence === undefined ? "" : ` of sequence ${sequence}`;
  return p + i + s;
}
