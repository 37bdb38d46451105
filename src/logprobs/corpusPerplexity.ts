/**
 * Corpus-level perplexity, token-weighted (micro) and per-sequence (macro).
 * @module
 */
import { EmptyDatasetError, InvalidArgumentError } from "../errors/errors.js";
import { InvalidLogprobError } from "./invalidLogprobError.js";
import { resolvePolicy } from "./policy.js";
import { unpack } from "./sequenceInput.js";
import { accumulateNll, newNllState } from "./accumulateNll.js";
import { finishSequence, type PerplexityOptions } from "./sequencePerplexity.js";
import type { LogprobInput } from "./tokenLogprobs.js";

/**
 * Options of {@link corpusPerplexity}.
 *
 * @example
 * ```ts
 * import { corpusPerplexity } from "passk";
 * const a = { source: "vllm", tokens: ["x"], logprobs: [Math.log(0.5)] };
 * const b = { source: "tgi", tokens: ["x"], logprobs: [Math.log(0.5)] };
 * console.log(corpusPerplexity([a, b], { allowMixedSources: true }).sources); // => [ 'vllm', 'tgi' ]
 * ```
 */
export interface CorpusPerplexityOptions extends Omit<PerplexityOptions, "bytes"> {
  /**
   * Allow sequences from different `source` formats in one corpus. Off by default: engines report
   * different distributions (before or after temperature/top-p), so their perplexities are not
   * comparable.
   */
  readonly allowMixedSources?: boolean;
}

/**
 * Corpus perplexity, aggregated two ways that must not be confused:
 *
 *     microPerplexity = exp(Σ_i sumNll_i / Σ_i T_i)           token-weighted (HF transformers, torchmetrics)
 *     macroPerplexity = (1/N) Σ_i exp(sumNll_i / T_i)          mean of per-sequence perplexities
 *     macroLogPerplexity = (1/N) Σ_i sumNll_i / T_i            mean of per-sequence log-perplexities
 *
 * Long sequences dominate the micro value; every sequence counts once in the macro values.
 * By Jensen, exp(macroLogPerplexity) ≤ macroPerplexity. None of them is ever Infinity or NaN:
 * each per-sequence perplexity is finite (or the sequence throws), and their mean is taken so that
 * the running sum cannot overflow either.
 *
 * @example
 * ```ts
 * import { corpusPerplexity } from "passk";
 * const r = corpusPerplexity([[Math.log(0.5)], [Math.log(0.25), Math.log(0.25), Math.log(0.25)]]);
 * // micro: exp((ln 2 + 3 ln 4)/4) = 2^(7/4); macro: (2 + 4)/2 = 3
 * console.log(r.microPerplexity.toFixed(12), (2 ** 1.75).toFixed(12), r.macroPerplexity); // => 3.363585661015 3.363585661015 3
 * ```
 */
export interface CorpusPerplexity {
  /** Number of sequences N. */
  readonly sequences: number;
  /** Total scored tokens Σ T_i. */
  readonly tokens: number;
  /** Total negative log-likelihood Σ_i sumNll_i, in nats. */
  readonly sumNll: number;
  /** Σ sumNll / Σ T (token-weighted mean NLL, nats). */
  readonly microMeanNll: number;
  /** exp(microMeanNll): token-weighted perplexity. */
  readonly microPerplexity: number;
  /** microMeanNll / ln 2. */
  readonly microBitsPerToken: number;
  /** Mean over sequences of each sequence's perplexity. */
  readonly macroPerplexity: number;
  /** Mean over sequences of each sequence's mean NLL (log-perplexity), in nats. */
  readonly macroLogPerplexity: number;
  /** Σ sumNll / (Σ bytes · ln 2), when every sequence's bytes are known. */
  readonly bitsPerByte: number | undefined;
  /** Per-sequence perplexities, in input order (for quantiles and figures). */
  readonly perplexities: Float64Array;
  /** Per-sequence mean NLL, in input order. */
  readonly meanNlls: Float64Array;
  /** Per-sequence scored token counts, in input order. */
  readonly tokenCounts: Float64Array;
  /** Distinct `source` values, in order of first appearance (bare arrays have none). */
  readonly sources: readonly string[];
  /** Total tokens skipped by the policy. */
  readonly skipped: number;
  /** Total tokens clamped by the policy. */
  readonly clamped: number;
  /** Total positive-within-tolerance values read as 0. */
  readonly zeroed: number;
}

/**
 * Perplexity of a corpus of sequences, both token-weighted (micro) and per-sequence (macro), over
 * each sequence's response tokens. Errors name the sequence index and token position.
 *
 * @param sequences - {@link TokenLogprobs} objects or bare logprob arrays
 * @param options - policy and position options; see {@link CorpusPerplexityOptions}
 * @throws {@link EmptyDatasetError} for no sequences or a sequence with no scored token
 * @throws {@link InvalidLogprobError} for an invalid value under `"throw"` or mismatched lengths
 * @throws {@link InvalidArgumentError} for mixed sources without `allowMixedSources`, or bad options
 *
 * @example
 * ```ts
 * import { corpusPerplexity } from "passk";
 * const r = corpusPerplexity([Float64Array.of(Math.log(0.5), Math.log(0.5)), Float64Array.of(Math.log(0.25))]);
 * console.log(r.tokens, r.microBitsPerToken.toFixed(12), r.macroLogPerplexity.toFixed(12)); // => 3 1.333333333333 1.039720770840
 * ```
 */
export function corpusPerplexity(
  sequences: Iterable<LogprobInput>,
  options: CorpusPerplexityOptions = {},
): CorpusPerplexity {
  if (sequences === null || typeof sequences !== "object" || typeof (sequences as Iterable<LogprobInput>)[Symbol.iterator] !== "function") {
    throw new InvalidArgumentError(`sequences must be an iterable of logprob sequences, got ${String(sequences)}`, {
      field: "sequences",
      value: sequences,
    });
  }
  const policy = resolvePolicy(options);
  const positionsAll = options.positions === "all";
  const list = Array.isArray(sequences) ? (sequences as readonly LogprobInput[]) : Array.from(sequences);
  const n = list.length;
  if (n === 0) throw new EmptyDatasetError("sequences is empty: a perplexity over zero sequences is undefined", { field: "sequences" });

  const perplexities = new Float64Array(n);
  const meanNlls = new Float64Array(n);
  const tokenCounts = new Float64Array(n);
  const sources: string[] = [];
  const state = newNllState();
  let sumNll = 0;
  let tokens = 0;
  let bytes = 0;
  let bytesKnown = true;
  let macroSum = 0;
  let macroLogSum = 0;
  for (let i = 0; i < n; i++) {
    const u = unpack(list[i] as LogprobInput, i, positionsAll);
    if (u.source !== undefined && !sources.includes(u.source)) {
      sources.push(u.source);
      if (sources.length > 1 && options.allowMixedSources !== true) {
        throw new InvalidArgumentError(
          `sequence ${i} comes from source ${JSON.stringify(u.source)} but earlier sequences from ${JSON.stringify(sources[0])}: ` +
            `engines report different distributions, so their perplexities are not comparable (pass allowMixedSources: true to override)`,
          { field: `sequences[${i}].source`, value: u.source },
        );
      }
    }
    accumulateNll(u, policy, i, state);
    const r = finishSequence(state, u.source, i);
    perplexities[i] = r.perplexity;
    meanNlls[i] = r.meanNll;
    tokenCounts[i] = r.tokens;
    sumNll += r.sumNll;
    tokens += r.tokens;
    macroSum += r.perplexity;
    macroLogSum += r.meanNll;
    if (r.bytes === undefined) bytesKnown = false;
    else bytes += r.bytes;
  }
  const microMeanNll = sumNll / tokens;
  return {
    sequences: n,
    tokens,
    sumNll,
    microMeanNll,
    microPerplexity: Math.exp(microMeanNll),
    microBitsPerToken: microMeanNll / Math.LN2,
    macroPerplexity: macroMean(macroSum, perplexities),
    macroLogPerplexity: macroLogSum / n,
    bitsPerByte: bytesKnown && bytes > 0 ? sumNll / (bytes * Math.LN2) : undefined,
    perplexities,
    meanNlls,
    tokenCounts,
    sources,
    skipped: state.skipped,
    clamped: state.clamped,
    zeroed: state.zeroed,
  };
}

/**
 * The mean of the per-sequence perplexities. Each is finite (finishSequence refuses a sequence
 * whose perplexity overflows), so their mean is at most the largest and finite too; only the
 * running sum can overflow (three sequences at mean NLL 709 sum past 1.8e308). The plain sum is
 * kept when it is finite, so results never change in the common case; otherwise each term is
 * divided by N before adding (one rounding per term, about 1e-16 relative, where a log-space
 * mean would lose |meanNll| × 1e-16).
 */
function macroMean(plainSum: number, perplexities: Float64Array): number {
  const n = perplexities.length;
  const plain = plainSum / n;
  if (Number.isFinite(plain)) return plain;
  let scaled = 0;
  for (let i = 0; i < n; i++) scaled += (perplexities[i] as number) / n;
  if (!Number.isFinite(scaled)) {
    // Only when every perplexity is within rounding of Number.MAX_VALUE.
    throw new InvalidLogprobError(`the mean of the per-sequence perplexities exceeds Number.MAX_VALUE (compare macroLogPerplexity instead)`, {
      reason: "overflow",
      field: "macroPerplexity",
      value: scaled,
    });
  }
  return scaled;
}
