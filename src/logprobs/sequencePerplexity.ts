/**
 * Mean negative log-likelihood, perplexity, bits per token and bits per byte of one sequence.
 * @module
 */
import { EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";
import { InvalidLogprobError } from "./invalidLogprobError.js";
import { accumulateNll, newNllState, type NllState } from "./accumulateNll.js";
import { resolvePolicy, type LogprobPolicy } from "./policy.js";
import { unpack } from "./sequenceInput.js";
import type { LogprobInput } from "./tokenLogprobs.js";

/**
 * Options of the perplexity functions: a {@link LogprobPolicy} plus which positions to score.
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * const seq = { source: "manual", tokens: ["a", "b"], logprobs: [Math.log(0.5), Math.log(0.25)], mask: Uint8Array.of(0, 1) };
 * console.log(sequencePerplexity(seq).perplexity, sequencePerplexity(seq, { positions: "all" }).tokens); // => 4 2
 * ```
 */
export interface PerplexityOptions extends LogprobPolicy {
  /** `"response"` (default) scores only mask = 1 positions; `"all"` ignores the mask. */
  readonly positions?: "response" | "all";
  /**
   * Total UTF-8 bytes of the scored text, overriding the per-token `bytes` (e.g. the byte length
   * of the response string, when token texts are partial characters). Only for one sequence.
   */
  readonly bytes?: number;
}

/**
 * Perplexity statistics of one sequence, natural log throughout:
 *
 *     sumNll = −Σ_t log p_t,  meanNll = sumNll / T,  perplexity = exp(meanNll),
 *     bitsPerToken = meanNll / ln 2,  bitsPerByte = sumNll / (bytes · ln 2)
 *
 * over the T scored tokens.
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * const r = sequencePerplexity([Math.log(0.5), Math.log(0.25)]);
 * console.log(r.tokens, r.bitsPerToken.toFixed(12)); // => 2 1.500000000000
 * ```
 */
export interface SequencePerplexity {
  /** The input's `source`, or `undefined` for a bare array. */
  readonly source: string | undefined;
  /** Number of scored tokens T (after masking and skipping). */
  readonly tokens: number;
  /** Total negative log-likelihood −Σ log p_t, in nats. */
  readonly sumNll: number;
  /** Mean negative log-likelihood per token, in nats (= log perplexity). */
  readonly meanNll: number;
  /** exp(meanNll). */
  readonly perplexity: number;
  /** meanNll / ln 2. */
  readonly bitsPerToken: number;
  /** UTF-8 bytes of the scored tokens, when known. */
  readonly bytes: number | undefined;
  /** sumNll / (bytes · ln 2), when bytes are known and positive. */
  readonly bitsPerByte: number | undefined;
  /** Tokens dropped by the policy (`"skip"`, or NaN under `"clamp"`). */
  readonly skipped: number;
  /** Tokens replaced by the `"clamp"` policy. */
  readonly clamped: number;
  /** Positive values within the tolerance that were read as 0. */
  readonly zeroed: number;
}

/** Turns a state into the public result, refusing empty sequences and overflow. @internal */
export function finishSequence(
  state: NllState,
  source: string | undefined,
  sequence: number | undefined,
  bytesOverride?: number,
): SequencePerplexity {
  const where = sequence === undefined ? "the sequence" : `sequence ${sequence}`;
  if (state.tokens === 0) {
    throw new EmptyDatasetError(
      `${where} has no tokens to score (the mask selects none, or the policy skipped every token): perplexity is undefined`,
      { field: "logprobs" },
    );
  }
  const meanNll = state.sum / state.tokens;
  const perplexity = Math.exp(meanNll);
  if (!Number.isFinite(perplexity)) {
    throw new InvalidLogprobError(
      `mean NLL ${meanNll} of ${where} exceeds ln(Number.MAX_VALUE) ≈ 709.78: its perplexity overflows float64 ` +
        `(compare meanNll or bitsPerToken instead)`,
      { reason: "overflow", sequence, field: "meanNll", value: meanNll },
    );
  }
  const bytes = bytesOverride ?? (state.bytes >= 0 ? state.bytes : undefined);
  return {
    source,
    tokens: state.tokens,
    sumNll: state.sum,
    meanNll,
    perplexity,
    bitsPerToken: meanNll / Math.LN2,
    bytes,
    bitsPerByte: bytes !== undefined && bytes > 0 ? state.sum / (bytes * Math.LN2) : undefined,
    skipped: state.skipped,
    clamped: state.clamped,
    zeroed: state.zeroed,
  };
}

/**
 * Perplexity of one sequence over its response tokens (the mask), natural log:
 * PPL = exp(−(1/T) Σ_t log p(y_t | x, y_<t)). Invalid values are handled by the policy in
 * `options` (default: throw {@link InvalidLogprobError} naming the position).
 *
 * @param input - a {@link TokenLogprobs} from an adapter, or a bare array of logprobs
 * @param options - see {@link PerplexityOptions}
 * @throws {@link InvalidLogprobError} for an invalid value under `"throw"`, parallel arrays of
 *   different lengths, or a perplexity beyond float64 (mean NLL > ~709.78)
 * @throws {@link EmptyDatasetError} when no token is scored
 * @throws {@link InvalidArgumentError} for bad options or a bad `bytes` entry
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * // mean NLL = (ln 2 + ln 4) / 2 = 1.5 ln 2, PPL = 2^1.5
 * const r = sequencePerplexity([Math.log(0.5), Math.log(0.25)]);
 * console.log(r.perplexity.toFixed(12), (2 ** 1.5).toFixed(12)); // => 2.828427124746 2.828427124746
 * ```
 */
export function sequencePerplexity(input: LogprobInput, options: PerplexityOptions = {}): SequencePerplexity {
  const policy = resolvePolicy(options);
  const u = unpack(input, undefined, options.positions === "all");
  let bytesOverride: number | undefined;
  if (options.bytes !== undefined) {
    if (!Number.isSafeInteger(options.bytes) || options.bytes < 0) {
      throw new InvalidArgumentError(`bytes must be a non-negative integer, got ${String(options.bytes)}`, {
        field: "bytes",
        value: options.bytes,
      });
    }
    bytesOverride = options.bytes;
  }
  const state = newNllState();
  accumulateNll(u, policy, undefined, state);
  return finishSequence(state, u.source, undefined, bytesOverride);
}
