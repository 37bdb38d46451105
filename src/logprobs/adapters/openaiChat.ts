/**
 * Adapter for OpenAI Chat Completions logprobs (`choices[].logprobs.content[]`).
 * @module
 */
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions } from "./buildSequence.js";
import { readChatTokens } from "./chatTokens.js";
import { asArray, asObject } from "./shape.js";

/**
 * The part of a Chat Completions response this adapter reads (request with `logprobs: true`,
 * optionally `top_logprobs: 0..20`).
 *
 * @example
 * ```ts
 * import { fromOpenAIChat } from "passk";
 * const response = { choices: [{ index: 0, logprobs: { content: [{ token: "Hi", logprob: -0.25, bytes: [72, 105], top_logprobs: [] }] } }] };
 * console.log(fromOpenAIChat(response)[0]!.tokens); // => [ 'Hi' ]
 * ```
 */
export interface OpenAIChatResponseLike {
  /** One entry per choice (`n`). */
  readonly choices: readonly {
    /** Logprobs of this choice (present when the request set `logprobs: true`). */
    readonly logprobs?: {
      /** One entry per generated token of the message content. */
      readonly content?: readonly OpenAIChatTokenLogprob[] | null;
      readonly [key: string]: unknown;
    } | null;
    readonly [key: string]: unknown;
  }[];
  /** Other fields of the response are ignored. */
  readonly [key: string]: unknown;
}

/**
 * One token of `choices[].logprobs.content[]` (also the shape of the Responses API's
 * `output_text.logprobs[]` and Ollama's `logprobs[]`).
 *
 * @example
 * ```ts
 * const entry = { token: " world", logprob: -0.3, bytes: [32, 119, 111, 114, 108, 100], top_logprobs: [{ token: " world", logprob: -0.3, bytes: null }] };
 * console.log(entry.bytes.length); // => 6
 * ```
 */
export interface OpenAIChatTokenLogprob {
  /** Token text. */
  readonly token: string;
  /** Natural-log probability; −9999.0 when the token is outside the top 20. */
  readonly logprob: number;
  /** UTF-8 bytes of the token (null when the token has none). */
  readonly bytes?: readonly number[] | null;
  /** Most likely alternatives at this position. */
  readonly top_logprobs?: readonly {
    /** Text of this alternative token. */
    readonly token: string;
    /** Natural-log probability of this alternative token. */
    readonly logprob: number;
    /** UTF-8 bytes of this alternative token (null when it has none). */
    readonly bytes?: readonly number[] | null;
  }[];
}

/**
 * Normalizes an OpenAI Chat Completions response: one {@link TokenLogprobs} per choice, source
 * `"openai-chat"`, distribution `"unknown"` (OpenAI does not document it). Every token is a
 * response token (chat completions never score the prompt). Byte counts come from `bytes`.
 *
 * @param response - the parsed response JSON
 * @param options - {@link AdapterOptions}
 * @throws {@link InvalidArgumentError} naming the field when `logprobs` was not requested or the
 *   shape is wrong; {@link InvalidLogprobError} for a null or non-numeric logprob
 *
 * @example
 * ```ts
 * import { fromOpenAIChat, sequencePerplexity } from "passk";
 * const response = {
 *   choices: [{
 *     index: 0,
 *     message: { role: "assistant", content: "Yes." },
 *     logprobs: { content: [
 *       { token: "Yes", logprob: Math.log(0.5), bytes: [89, 101, 115], top_logprobs: [] },
 *       { token: ".", logprob: Math.log(0.125), bytes: [46], top_logprobs: [] },
 *     ], refusal: null },
 *   }],
 * };
 * const seq = fromOpenAIChat(response)[0]!;
 * const r = sequencePerplexity(seq);
 * // mean NLL = 2 ln 2 → PPL 4; 4 ln 2 nats over 4 bytes → 1 bit per byte
 * console.log(seq.source, r.perplexity, r.bitsPerByte); // => openai-chat 4 1
 * ```
 */
export function fromOpenAIChat(response: OpenAIChatResponseLike, options: AdapterOptions = {}): TokenLogprobs[] {
  const choices = asArray(asObject(response, "response")["choices"], "choices");
  return choices.map((choice, i) => {
    const lp = asObject(asObject(choice, `choices[${i}]`)["logprobs"], `choices[${i}].logprobs`, " (request logprobs: true)");
    const tokens = readChatTokens(lp["content"], `choices[${i}].logprobs.content`, i);
    return buildSequence({ source: "openai-chat", distribution: "unknown", tokens, promptLength: 0, sequence: i, options });
  });
}
