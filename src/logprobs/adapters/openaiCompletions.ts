/**
 * Adapter for OpenAI legacy Completions logprobs, including `echo: true` prompt scoring.
 * @module
 */
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions } from "./buildSequence.js";
import { readLegacyTokens } from "./legacyCompletionTokens.js";
import { asArray, asObject } from "./shape.js";
import { endedOnStopToken, zeroStopTokenBytes } from "./stopToken.js";

/**
 * The part of a legacy Completions response this adapter reads. Other fields are allowed and
 * ignored; the official `openai` SDK's `Completion` is assignable to it.
 *
 * @example
 * ```ts
 * import { fromOpenAICompletions } from "passk";
 * const response = { choices: [{ text: " yes", logprobs: { tokens: [" yes"], token_logprobs: [-0.1], top_logprobs: null, text_offset: [0] } }] };
 * console.log(fromOpenAICompletions(response)[0]!.logprobs[0]); // => -0.1
 * ```
 */
export interface OpenAICompletionsResponseLike {
  /** One entry per choice. */
  readonly choices: readonly {
    /** Parallel-array logprobs of this choice (request `logprobs: <n>`). */
    readonly logprobs?: LegacyLogprobs | null;
  }[];
  /** Token usage; `prompt_tokens` locates the response in echoed output of a single choice. */
  readonly usage?: {
    /** Number of tokens in the prompt. */
    readonly prompt_tokens?: number;
  } | null;
}

/**
 * The legacy parallel-array logprobs object.
 *
 * @example
 * ```ts
 * const lp = { tokens: ["A", "B"], token_logprobs: [null, -1], top_logprobs: [null, { B: -1, C: -2 }], text_offset: [0, 1] };
 * console.log(lp.tokens.length === lp.token_logprobs.length); // => true
 * ```
 */
export interface LegacyLogprobs {
  /** Token texts (partial UTF-8 characters appear as `"bytes:\\xNN..."`); required at run time. */
  readonly tokens?: readonly string[];
  /** Natural-log probability of each token; null for the first echoed prompt token. Required at run time. */
  readonly token_logprobs?: readonly (number | null)[];
  /** Top alternatives per position, token → logprob (null where none). */
  readonly top_logprobs?: readonly (Readonly<Record<string, number>> | null)[] | null;
  /** Character offset of each token in the (echoed) text. */
  readonly text_offset?: readonly number[] | null;
}

/**
 * Options of {@link fromOpenAICompletions}.
 *
 * @example
 * ```ts
 * import { fromOpenAICompletions } from "passk";
 * const response = { choices: [{ logprobs: { tokens: ["Q", "?", " A"], token_logprobs: [null, -1, -2], text_offset: [0, 1, 2] } }] };
 * // the response text starts at character 2
 * console.log(Array.from(fromOpenAICompletions(response, { responseStartOffset: 2 })[0]!.mask!)); // => [ 0, 1 ]
 * ```
 */
export interface OpenAICompletionsOptions extends AdapterOptions {
  /**
   * With echoed output, the character offset (`text_offset` units: Unicode code points, as
   * Python counts them) where the response begins; tokens at or after it are response tokens.
   */
  readonly responseStartOffset?: number;
}

/**
 * Normalizes a legacy Completions response (OpenAI `/v1/completions`): one {@link TokenLogprobs}
 * per choice, source `"openai-completions"`.
 *
 * With `echo: true` the prompt tokens come first and the first has a null logprob (nothing
 * precedes it): it is dropped into `unscoredPrefix`, and the mask marks the response from
 * `responseStart` / `responseStartOffset` / `usage.prompt_tokens` (single choice) onward. To score
 * a given response under a model, send prompt + response as the prompt with `echo: true,
 * max_tokens: 0` and pass where the response starts.
 *
 * @typeParam R - the response type (inferred; any object with these fields)
 * @param response - the parsed response JSON
 * @param options - {@link OpenAICompletionsOptions}
 * @throws {@link InvalidArgumentError} when echoed output has no known boundary or the shape is
 *   wrong; {@link InvalidLogprobError} for mismatched array lengths or a null logprob elsewhere
 *
 * @example
 * ```ts
 * import { fromOpenAICompletions, sequencePerplexity } from "passk";
 * const response = {
 *   choices: [{
 *     text: "2+2= 4",
 *     logprobs: {
 *       tokens: ["2", "+", "2", "=", " 4"],
 *       token_logprobs: [null, -3, -1, -0.5, Math.log(0.25)],
 *       top_logprobs: null,
 *       text_offset: [0, 1, 2, 3, 4],
 *     },
 *   }],
 *   usage: { prompt_tokens: 4, completion_tokens: 1 },
 * };
 * const seq = fromOpenAICompletions(response)[0]!;
 * console.log(seq.unscoredPrefix, Array.from(seq.mask!), sequencePerplexity(seq).perplexity); // => [ '2' ] [ 0, 0, 0, 1 ] 4
 * ```
 */
export function fromOpenAICompletions<R extends OpenAICompletionsResponseLike>(
  response: R,
  options: OpenAICompletionsOptions = {},
): TokenLogprobs[] {
  return readCompletions(response, options, "openai-completions", "unknown");
}

/** Shared by the OpenAI and vLLM completions adapters. @internal */
export function readCompletions(
  response: unknown,
  options: OpenAICompletionsOptions,
  source: string,
  distribution: "unknown" | "raw",
): TokenLogprobs[] {
  const root = asObject(response, "response");
  const choices = asArray(root["choices"], "choices");
  const usage = root["usage"];
  const promptTokens =
    choices.length === 1 && usage !== null && typeof usage === "object" && typeof (usage as Record<string, unknown>)["prompt_tokens"] === "number"
      ? ((usage as Record<string, unknown>)["prompt_tokens"] as number)
      : undefined;
  return choices.map((choice, i) => {
    const c = asObject(choice, `choices[${i}]`);
    const { tokens, promptLength } = readLegacyTokens(c["logprobs"], `choices[${i}].logprobs`, i, options, promptTokens);
    // Only vLLM writes stop_reason: the end-of-sequence token it spells out counts 0 bytes.
    zeroStopTokenBytes(tokens, endedOnStopToken(c), c["text"]);
    const adapterOptions = options.responseStartOffset !== undefined || promptLength > 0 ? { ...options, responseStart: promptLength } : options;
    return buildSequence({ source, distribution, tokens, promptLength, sequence: i, options: adapterOptions });
  });
}
