/**
 * The logprobs a metric actually uses: masked to the response, with the policy applied.
 * @module
 */
import { resolvePolicy, resolveRare, type PolicyCounts, type ResolvedPolicy } from "./policy.js";
import { unpack, type UnpackedSequence } from "./sequenceInput.js";
import type { PerplexityOptions } from "./sequencePerplexity.js";
import type { LogprobInput } from "./tokenLogprobs.js";

/**
 * The scored logprobs of one sequence, after masking and the invalid-value policy.
 *
 * @example
 * ```ts
 * import { scoredLogprobs } from "passk";
 * const r = scoredLogprobs([-1, 1e-9, -2]);
 * console.log(Array.from(r.values), r.zeroed); // => [ -1, 0, -2 ] 1
 * ```
 */
export interface ScoredLogprobs {
  /** Valid natural-log probabilities of the scored tokens, in order. */
  readonly values: Float64Array;
  /** Index of each value in the input's arrays (the normalized index, not the source position). */
  readonly positions: Uint32Array;
  /** Tokens dropped by the policy. */
  readonly skipped: number;
  /** Tokens replaced by the `"clamp"` policy. */
  readonly clamped: number;
  /** Positive values within the tolerance read as 0. */
  readonly zeroed: number;
}

/**
 * Extracts the logprobs that perplexity would use: response positions only (unless
 * `positions: "all"`), each validated by the policy (see {@link LogprobPolicy}).
 *
 * @param input - a {@link TokenLogprobs} or a bare array of logprobs
 * @param options - policy and positions (`bytes` is ignored)
 * @throws {@link InvalidLogprobError} for an invalid value under `"throw"` or mismatched lengths
 *
 * @example
 * ```ts
 * import { scoredLogprobs } from "passk";
 * const seq = { source: "manual", tokens: ["q", "a", "b"], logprobs: [-5, -1, -9999], mask: Uint8Array.of(0, 1, 1) };
 * const r = scoredLogprobs(seq, { onInvalid: "skip" });
 * console.log(Array.from(r.values), Array.from(r.positions), r.skipped); // => [ -1 ] [ 1 ] 1
 * ```
 */
export function scoredLogprobs(input: LogprobInput, options: PerplexityOptions = {}): ScoredLogprobs {
  const policy = resolvePolicy(options);
  const u = unpack(input, undefined, options.positions === "all");
  const counts: PolicyCounts = { skipped: 0, clamped: 0, zeroed: 0 };
  const positions = new Uint32Array(u.logprobs.length);
  const values = collectScored(u, policy, counts, positions);
  return { values, positions: positions.slice(0, values.length), ...counts };
}

/**
 * The validated scored values of one sequence, in order, as a fresh Float64Array; when
 * `positions` is given, the normalized index of each value is written to it. @internal
 */
export function collectScored(u: UnpackedSequence, policy: ResolvedPolicy, counts: PolicyCounts, positions?: Uint32Array): Float64Array {
  const lp = u.logprobs;
  const mask = u.mask;
  const sentinel = policy.sentinel;
  const values = new Float64Array(lp.length);
  let n = 0;
  for (let i = 0; i < lp.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    let x = lp[i] as number;
    // typeof first: `null <= 0` and `"-0.5" <= 0` are true in JavaScript.
    if (typeof x !== "number" || !(x <= 0 && x > sentinel)) {
      x = resolveRare(x, policy, counts, i + u.offset, undefined, i);
      if (x !== x) continue;
    }
    values[n] = x;
    if (positions !== undefined) positions[n] = i;
    n++;
  }
  return n === values.length ? values : values.slice(0, n);
}
