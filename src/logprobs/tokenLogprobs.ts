/**
 * The one normalized shape every logprob adapter produces and every metric consumes.
 * @module
 */

/**
 * Which distribution an engine's logprobs come from. Engines differ: some report the model's raw
 * softmax (before temperature, penalties, top-k/top-p), others the distribution actually sampled
 * from. The two give different perplexities for the same text, so perplexities from different
 * engines (or settings) are not comparable.
 *
 * - `"raw"`: log-softmax of the unmodified logits (vLLM V1 default, llama.cpp default).
 * - `"post-sampling"`: after temperature / top-k / top-p (Hugging Face TGI, llama.cpp with
 *   `post_sampling_probs: true`).
 * - `"unknown"`: the provider does not document it (OpenAI, SGLang, Ollama).
 *
 * @example
 * ```ts
 * import { fromOllama } from "passk";
 * const seq = fromOllama({ logprobs: [{ token: "Hi", logprob: -0.5 }] });
 * console.log(seq.distribution); // => unknown
 * ```
 */
export type LogprobDistribution = "raw" | "post-sampling" | "unknown";

/**
 * One alternative token at a position, with its natural-log probability.
 *
 * @example
 * ```ts
 * import { topEntropy } from "passk";
 * const alternatives = [{ token: "a", logprob: Math.log(0.5) }, { token: "b", logprob: Math.log(0.5) }];
 * console.log(topEntropy(alternatives).missingMass); // => 0
 * ```
 */
export interface TopLogprob {
  /** The alternative token's text. */
  readonly token: string;
  /** Its natural-log probability (≤ 0). */
  readonly logprob: number;
  /** Its token id, when the source reports one. */
  readonly id?: number;
}

/**
 * A token sequence with the natural-log probability of each token under the scoring model,
 * normalized from any supported API format.
 *
 * All parallel arrays (`tokens`, `logprobs` and, when present, `mask`, `bytes`, `top`, `tokenIds`)
 * have the same length. A prompt's first token has no conditional probability (nothing precedes
 * it); adapters drop it from the arrays and keep its text in `unscoredPrefix`.
 *
 * `source` names the adapter (`"openai-chat"`, `"openai-completions"`, `"openai-responses"`,
 * `"vllm"`, `"vllm-completions"`, `"vllm-chat"`, `"sglang"`, `"tgi"`, `"llama.cpp"`,
 * `"ollama"`) so a corpus never silently mixes engines whose logprobs are not comparable.
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * const seq = {
 *   source: "manual",
 *   tokens: ["Q", "A", "!"],
 *   logprobs: [Math.log(0.1), Math.log(0.5), Math.log(0.5)],
 *   mask: Uint8Array.from([0, 1, 1]), // score only the response "A!"
 * };
 * console.log(sequencePerplexity(seq).perplexity); // => 2
 * ```
 */
export interface TokenLogprobs {
  /** Format the sequence was read from, e.g. `"openai-chat"`. */
  readonly source: string;
  /** Which distribution the logprobs come from; see {@link LogprobDistribution}. */
  readonly distribution?: LogprobDistribution;
  /** Token texts as the source reported them. */
  readonly tokens: readonly string[];
  /** Natural-log probability of each token, as reported (validated when a metric reads it). */
  readonly logprobs: Float64Array | readonly number[];
  /** 1 where the token belongs to the response, 0 for prompt tokens. Absent: every token is response. */
  readonly mask?: Uint8Array;
  /** UTF-8 byte length of each token, when every token's length is known. */
  readonly bytes?: readonly number[];
  /** Top alternatives at each position (an empty list where the source gave none). */
  readonly top?: readonly (readonly TopLogprob[])[];
  /** Token id of each token, when the source reports ids. */
  readonly tokenIds?: readonly number[];
  /** Leading prompt tokens that have no logprob (the very first prompt token), dropped from the arrays. */
  readonly unscoredPrefix?: readonly string[];
}

/**
 * What the metrics accept: a normalized {@link TokenLogprobs}, or a bare array of natural-log
 * probabilities (every entry scored, no bytes known).
 *
 * @example
 * ```ts
 * import { sequencePerplexity } from "passk";
 * console.log(sequencePerplexity(Float64Array.of(Math.log(0.25))).perplexity); // => 4
 * ```
 */
export type LogprobInput = TokenLogprobs | Float64Array | readonly number[];
