/**
 * Unpacks a {@link LogprobInput} into parallel arrays, checking their lengths. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../errors/errors.js";
import { InvalidLogprobError } from "./invalidLogprobError.js";
import type { LogprobInput, TokenLogprobs } from "./tokenLogprobs.js";

/** The arrays a metric reads. @internal */
export interface UnpackedSequence {
  readonly source: string | undefined;
  /**
   * As received. A plain array may hold anything at run time (null, strings, ...): the metrics
   * check `typeof` on every entry they read, except for a Float64Array, which holds only numbers.
   */
  readonly logprobs: Float64Array | readonly unknown[];
  /** Number of source tokens dropped before `logprobs[0]` (the unscored first prompt token): source position = index + offset. */
  readonly offset: number;
  readonly mask: Uint8Array | undefined;
  readonly bytes: ArrayLike<number> | undefined;
  readonly sequence: TokenLogprobs | undefined;
}

function isLogprobArray(v: unknown): v is Float64Array | readonly unknown[] {
  return v instanceof Float64Array || Array.isArray(v);
}

function mismatch(name: string, got: number, want: number, sequence: number | undefined): InvalidLogprobError {
  const where = sequence === undefined ? "" : ` of sequence ${sequence}`;
  return new InvalidLogprobError(`${name}${where} has length ${got} but logprobs has length ${want}`, {
    reason: "length-mismatch",
    sequence,
    field: name,
    value: got,
  });
}

/**
 * @param positionsAll - ignore the mask (score prompt and response alike)
 * @internal
 */
export function unpack(input: LogprobInput, index: number | undefined, positionsAll = false): UnpackedSequence {
  if (isLogprobArray(input)) {
    return { source: undefined, logprobs: input, offset: 0, mask: undefined, bytes: undefined, sequence: undefined };
  }
  if (input === null || typeof input !== "object" || !isLogprobArray((input as TokenLogprobs).logprobs)) {
    const where = index === undefined ? "" : ` (sequence ${index})`;
    throw new InvalidArgumentError(
      `expected a TokenLogprobs object or an array of logprobs${where}, got ${String(input)}`,
      { field: "logprobs", value: input },
    );
  }
  const seq = input as TokenLogprobs;
  const n = seq.logprobs.length;
  if (seq.tokens !== undefined && seq.tokens.length !== n) throw mismatch("tokens", seq.tokens.length, n, index);
  if (seq.mask !== undefined && seq.mask.length !== n) throw mismatch("mask", seq.mask.length, n, index);
  if (seq.bytes !== undefined && seq.bytes.length !== n) throw mismatch("bytes", seq.bytes.length, n, index);
  if (seq.top !== undefined && seq.top.length !== n) throw mismatch("top", seq.top.length, n, index);
  if (seq.tokenIds !== undefined && seq.tokenIds.length !== n) throw mismatch("tokenIds", seq.tokenIds.length, n, index);
  const prefix = seq.unscoredPrefix;
  if (prefix !== undefined && !Array.isArray(prefix)) {
    throw new InvalidArgumentError(`unscoredPrefix must be an array of token texts, got ${String(prefix)}`, {
      field: "unscoredPrefix",
      value: prefix,
    });
  }
  return {
    source: seq.source,
    logprobs: seq.logprobs,
    offset: prefix === undefined ? 0 : prefix.length,
    mask: positionsAll ? undefined : seq.mask,
    bytes: seq.bytes,
    sequence: seq,
  };
}
