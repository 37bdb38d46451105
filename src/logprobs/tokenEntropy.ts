/**
 * Token entropy estimated from the top alternatives an API reports: a lower bound, with the
 * probability mass the list leaves out.
 * @module
 */
import { EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";
import { invalidLogprob, DEFAULT_POSITIVE_TOLERANCE, DEFAULT_SENTINEL_THRESHOLD } from "./policy.js";
import { unpack } from "./sequenceInput.js";
import type { TokenLogprobs, TopLogprob } from "./tokenLogprobs.js";

/**
 * Options of {@link topEntropy} and {@link sequenceEntropy}.
 *
 * @example
 * ```ts
 * import { topEntropy } from "passk";
 * // p = (1/2, 1/4) listed, 1/4 missing, spread over at most 2 more tokens: upper bound adds (1/4) ln 8
 * const r = topEntropy([Math.log(0.5), Math.log(0.25)], { vocabSize: 4 });
 * console.log((r.entropyUpperBound! - r.entropyLowerBound).toFixed(12), (0.25 * Math.log(8)).toFixed(12)); // => 0.519860385420 0.519860385420
 * ```
 */
export interface EntropyOptions {
  /** Vocabulary size; when given, an upper bound spreads the missing mass uniformly over the unlisted tokens. */
  readonly vocabSize?: number;
  /** Largest positive logprob read as 0 (default 1e-6); larger ones throw. */
  readonly positiveTolerance?: number;
  /** Logprobs at or below this are sentinels, read as probability 0 (default −9999). */
  readonly sentinelThreshold?: number;
}

/**
 * Entropy bounds at one position, in nats.
 *
 * @example
 * ```ts
 * import { topEntropy } from "passk";
 * const r = topEntropy([Math.log(0.5), Math.log(0.5)]);
 * console.log(r.entropyLowerBound, r.missingMass, r.alternatives, r.entropyUpperBound); // => 0.6931471805599453 0 2 undefined
 * ```
 */
export interface TopEntropy {
  /** −Σ p ln p over the listed alternatives: every unlisted token adds a non-negative term, so this bounds the entropy from below. */
  readonly entropyLowerBound: number;
  /** 1 − Σ p over the listed alternatives, computed as −expm1(logsumexp(top)); 0 when the list is complete. */
  readonly missingMass: number;
  /** Number of listed alternatives with non-zero probability. */
  readonly alternatives: number;
  /** entropyLowerBound + m ln((V − k)/m) for missing mass m over V − k unlisted tokens, when `vocabSize` is given. */
  readonly entropyUpperBound: number | undefined;
}

function logsumexp(values: ArrayLike<number>, count: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) if ((values[i] as number) > max) max = values[i] as number;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < count; i++) s += Math.exp((values[i] as number) - max);
  return max + Math.log(s);
}

/** Validates top logprobs into `out`, returning how many carry probability. @internal */
function collectTop(
  top: ArrayLike<number> | readonly TopLogprob[],
  tolerance: number,
  sentinel: number,
  out: number[],
  position: number | undefined,
): void {
  for (let j = 0; j < top.length; j++) {
    const item = top[j];
    // A number (a bare list), or a { token, logprob } object; anything else is the value itself.
    const x: unknown = typeof item === "number" ? item : item !== null && typeof item === "object" ? (item as TopLogprob).logprob : item;
    if (typeof x !== "number") throw invalidLogprob(x === null || x === undefined ? "null" : "not-a-number", x, position, undefined, `top[${j}]`, "");
    if (Number.isNaN(x)) throw invalidLogprob("nan", x, position, undefined, `top[${j}]`);
    if (x > tolerance) throw invalidLogprob(x === Number.POSITIVE_INFINITY ? "+infinity" : "positive", x, position, undefined, `top[${j}]`);
    // −Infinity and sentinels are probability 0: p ln p → 0, and they add no mass.
    if (x <= sentinel) continue;
    out.push(x > 0 ? 0 : x);
  }
}

function boundsFrom(values: number[], tolerance: number, vocabSize: number | undefined, position: number | undefined): TopEntropy {
  const k = values.length;
  const lse = logsumexp(values, k);
  if (lse > tolerance) {
    throw new InvalidArgumentError(
      `top alternatives${position === undefined ? "" : ` at position ${position}`} sum to probability ${Math.exp(lse)} > 1`,
      { field: "top", value: Math.exp(lse) },
    );
  }
  let h = 0;
  for (const x of values) h -= Math.exp(x) * x;
  const missingMass = lse >= 0 ? 0 : -Math.expm1(lse);
  let upper: number | undefined;
  if (vocabSize !== undefined) {
    const rest = vocabSize - k;
    // A list covering the whole vocabulary has no missing mass; what remains is float rounding.
    if (missingMass === 0 || (rest < 1 && missingMass <= tolerance)) upper = h;
    else if (rest < 1) {
      throw new InvalidArgumentError(`vocabSize ${vocabSize} leaves no room for the missing mass ${missingMass} after ${k} listed tokens`, {
        field: "vocabSize",
        value: vocabSize,
      });
    } else upper = h + missingMass * Math.log(rest / missingMass);
  }
  return { entropyLowerBound: h, missingMass, alternatives: k, entropyUpperBound: upper };
}

function checkOptions(options: EntropyOptions): { tolerance: number; sentinel: number; vocabSize: number | undefined } {
  const tolerance = options.positiveTolerance ?? DEFAULT_POSITIVE_TOLERANCE;
  const sentinel = options.sentinelThreshold ?? DEFAULT_SENTINEL_THRESHOLD;
  const vocabSize = options.vocabSize;
  if (vocabSize !== undefined && (!Number.isSafeInteger(vocabSize) || vocabSize < 1)) {
    throw new InvalidArgumentError(`vocabSize must be a positive integer, got ${String(vocabSize)}`, { field: "vocabSize", value: vocabSize });
  }
  if (!(tolerance >= 0) || !(sentinel < 0)) {
    throw new InvalidArgumentError(`positiveTolerance must be >= 0 and sentinelThreshold < 0`, { field: "positiveTolerance", value: tolerance });
  }
  return { tolerance, sentinel, vocabSize };
}

/**
 * Entropy of one position's next-token distribution, bounded from the top-k alternatives an API
 * lists. With p_j = exp(logprob_j) for the k listed tokens and missing mass m = 1 − Σ p_j:
 *
 *     H ≥ −Σ_j p_j ln p_j                         (each unlisted token adds −q ln q ≥ 0)
 *     H ≤ −Σ_j p_j ln p_j + m ln((V − k) / m)     (the unlisted mass spread uniformly over V − k tokens)
 *
 * m is computed as −expm1(logsumexp(logprobs)) to keep precision when it is tiny. −Infinity and
 * sentinels (≤ −9999) count as probability 0. A truncated list (top 5 or top 20) can badly
 * underestimate H when m is large: report m alongside.
 *
 * @param top - the listed alternatives' logprobs, as numbers or {@link TopLogprob} objects
 * @param options - see {@link EntropyOptions}
 * @throws {@link InvalidLogprobError} for NaN or positive logprobs; {@link InvalidArgumentError}
 *   for an empty list or alternatives summing above 1
 *
 * @example
 * ```ts
 * import { topEntropy } from "passk";
 * // p = 1/2, 1/4 listed: H ≥ (1/2) ln 2 + (1/4) ln 4 = ln 2, missing mass 1/4
 * const r = topEntropy([Math.log(0.5), Math.log(0.25)]);
 * console.log(r.entropyLowerBound.toFixed(12), Math.LN2.toFixed(12), r.missingMass.toFixed(12)); // => 0.693147180560 0.693147180560 0.250000000000
 * ```
 */
export function topEntropy(top: ArrayLike<number> | readonly TopLogprob[], options: EntropyOptions = {}): TopEntropy {
  const { tolerance, sentinel, vocabSize } = checkOptions(options);
  if (top === null || typeof top !== "object" || top.length === 0) {
    throw new InvalidArgumentError(`top must be a non-empty list of alternatives, got ${String(top)}`, { field: "top", value: top });
  }
  const values: number[] = [];
  collectTop(top, tolerance, sentinel, values, undefined);
  return boundsFrom(values, tolerance, vocabSize, undefined);
}

/**
 * Per-position entropy bounds over a sequence's response tokens.
 *
 * @example
 * ```ts
 * import { sequenceEntropy } from "passk";
 * const seq = { source: "manual", tokens: ["a"], logprobs: [Math.log(0.5)], top: [[{ token: "a", logprob: Math.log(0.5) }]] };
 * console.log(sequenceEntropy(seq).meanMissingMass); // => 0.5
 * ```
 */
export interface SequenceEntropy {
  /** Lower bound of the entropy at each scored position, nats. */
  readonly entropyLowerBound: Float64Array;
  /** Missing probability mass at each scored position. */
  readonly missingMass: Float64Array;
  /** Upper bound at each scored position, when `vocabSize` was given. */
  readonly entropyUpperBound: Float64Array | undefined;
  /** Index of each scored position in the sequence. */
  readonly positions: Uint32Array;
  /** Mean of the lower bounds. */
  readonly meanEntropyLowerBound: number;
  /** Mean missing mass. */
  readonly meanMissingMass: number;
  /** Largest missing mass: how loose the worst position's bound can be. */
  readonly maxMissingMass: number;
}

/**
 * {@link topEntropy} at every response position of a sequence that carries top alternatives.
 * The sampled token is added to the list when it is not already there (matched by token id when
 * both have ids, else by text), since the APIs report it separately: it is a known (k+1)-th entry.
 *
 * @param seq - a {@link TokenLogprobs} with `top`
 * @param options - {@link EntropyOptions}, plus `positions: "all"` to include prompt tokens
 * @throws {@link InvalidArgumentError} when `top` is missing or empty at a scored position
 * @throws {@link EmptyDatasetError} when no position is scored
 *
 * @example
 * ```ts
 * import { sequenceEntropy } from "passk";
 * const seq = {
 *   source: "manual",
 *   tokens: ["x", "y"],
 *   logprobs: [Math.log(0.5), Math.log(0.25)],
 *   top: [[{ token: "x", logprob: Math.log(0.5) }, { token: "z", logprob: Math.log(0.5) }], [{ token: "w", logprob: Math.log(0.75) }]],
 * };
 * // position 1: the sampled "y" (1/4) joins "w" (3/4): a complete distribution
 * const r = sequenceEntropy(seq);
 * console.log(Array.from(r.missingMass), r.maxMissingMass); // => [ 0, 0 ] 0
 * ```
 */
export function sequenceEntropy(
  seq: TokenLogprobs,
  options: EntropyOptions & { readonly positions?: "response" | "all" } = {},
): SequenceEntropy {
  const { tolerance, sentinel, vocabSize } = checkOptions(options);
  const u = unpack(seq, undefined, options.positions === "all");
  const top = seq.top;
  if (top === undefined) {
    throw new InvalidArgumentError(`the sequence has no top alternatives: request top_logprobs (or n_probs) from the API`, {
      field: "top",
    });
  }
  const mask = u.mask;
  const len = u.logprobs.length;
  const lows: number[] = [];
  const missing: number[] = [];
  const uppers: number[] = [];
  const positions: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < len; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const alts = top[i] as readonly TopLogprob[];
    const position = i + u.offset;
    if (alts.length === 0) {
      throw new InvalidArgumentError(`no top alternatives at position ${position} (top[${i}])`, { field: `top[${i}]`, value: alts });
    }
    values.length = 0;
    collectTop(alts, tolerance, sentinel, values, position);
    const sampledToken = seq.tokens[i];
    const sampledId = seq.tokenIds?.[i];
    const listed = alts.some((a) => (sampledId !== undefined && a.id !== undefined ? a.id === sampledId : a.token === sampledToken));
    if (!listed) collectTop([u.logprobs[i] as number], tolerance, sentinel, values, position);
    const b = boundsFrom(values, tolerance, vocabSize, position);
    lows.push(b.entropyLowerBound);
    missing.push(b.missingMass);
    if (b.entropyUpperBound !== undefined) uppers.push(b.entropyUpperBound);
    positions.push(i);
  }
  if (positions.length === 0) throw new EmptyDatasetError("no positions to score (the mask selects none)", { field: "mask" });
  let sl = 0;
  let sm = 0;
  let mx = 0;
  for (let j = 0; j < lows.length; j++) {
    sl += lows[j] as number;
    sm += missing[j] as number;
    if ((missing[j] as number) > mx) mx = missing[j] as number;
  }
  return {
    entropyLowerBound: Float64Array.from(lows),
    missingMass: Float64Array.from(missing),
    entropyUpperBound: vocabSize === undefined ? undefined : Float64Array.from(uppers),
    positions: Uint32Array.from(positions),
    meanEntropyLowerBound: sl / lows.length,
    meanMissingMass: sm / lows.length,
    maxMissingMass: mx,
  };
}
