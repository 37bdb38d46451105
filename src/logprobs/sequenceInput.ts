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
  readonly logprobs: ArrayLike<number>;
  readonly mask: Uint8Array | undefined;
  readonly bytes: ArrayLike<number> | undefined;
  readonly sequence: TokenLogprobs | undefined;
}

function isArrayLikeOfNumbers(v: unknown): v is Float64Array | readonly number[] {
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
  if (isArrayLikeOfNumbers(input)) {
    return { source: undefined, logprobs: input, mask: undefined, bytes: undefined, sequence: undefined };
  }
  if (input === null || typeof input !== "object" || !isArrayLikeOfNumbers((input as TokenLogprobs).logprobs)) {
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
  return {
    source: seq.source,
    logprobs: seq.logprobs,
    mask: positionsAll ? undefined : seq.mask,
    bytes: seq.bytes,
    sequence: seq,
  };
}
