/**
 * Adapter for the OpenAI Responses API (`output[].content[]` items of type `output_text`).
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions, type RawToken } from "./buildSequence.js";
import { readChatTokens } from "./chatTokens.js";
import type { OpenAIChatTokenLogprob } from "./openaiChat.js";
import { asArray, asObject } from "./shape.js";

/**
 * The part of a Responses API response this adapter reads (request
 * `include: ["message.output_text.logprobs"]`, optionally `top_logprobs`).
 *
 * @example
 * ```ts
 * const response = { output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi", annotations: [], logprobs: [{ token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [] }] }] }] };
 * console.log(response.output[0]!.content[0]!.logprobs.length); // => 1
 * ```
 */
export interface OpenAIResponsesResponseLike {
  /** Output items: messages, reasoning, tool calls, ... */
  readonly output: readonly {
    /** Item type; only `"message"` items are read. */
    readonly type: string;
    /** Content parts of a `message` item. */
    readonly content?: readonly {
      /** Part type; only `"output_text"` parts are read. */
      readonly type: string;
      /** One entry per token of an `output_text` part (requested via `include`). */
      readonly logprobs?: readonly OpenAIChatTokenLogprob[] | null;
      readonly [key: string]: unknown;
    }[];
    readonly [key: string]: unknown;
  }[];
  /** Other fields of the response are ignored. */
  readonly [key: string]: unknown;
}

/**
 * Normalizes a Responses API response into one {@link TokenLogprobs}, source
 * `"openai-responses"`, distribution `"unknown"`: the `logprobs` of every `output_text` part of
 * every `message` item, concatenated in order. Other items (reasoning, tool calls) and other
 * content parts (refusals) carry no logprobs and are not read.
 *
 * @param response - the parsed response JSON
 * @param options - {@link AdapterOptions}
 * @throws {@link InvalidArgumentError} when an `output_text` part has no `logprobs` (not
 *   requested via `include`) or there is no `output_text` at all
 *
 * @example
 * ```ts
 * import { fromOpenAIResponses, sequencePerplexity } from "passk";
 * const response = {
 *   object: "response",
 *   output: [
 *     { type: "reasoning", id: "rs_1", summary: [] },
 *     { type: "message", role: "assistant", content: [{
 *       type: "output_text", text: "No.", annotations: [],
 *       logprobs: [
 *         { token: "No", logprob: Math.log(0.25), bytes: [78, 111], top_logprobs: [{ token: "No", logprob: Math.log(0.25), bytes: [78, 111] }] },
 *         { token: ".", logprob: 0, bytes: [46], top_logprobs: [] },
 *       ],
 *     }] },
 *   ],
 * };
 * const seq = fromOpenAIResponses(response);
 * console.log(seq.source, sequencePerplexity(seq).perplexity); // => openai-responses 2
 * ```
 */
export function fromOpenAIResponses(response: OpenAIResponsesResponseLike, options: AdapterOptions = {}): TokenLogprobs {
  const output = asArray(asObject(response, "response")["output"], "output");
  const tokens: RawToken[] = [];
  let parts = 0;
  output.forEach((item, i) => {
    const o = asObject(item, `output[${i}]`);
    if (o["type"] !== "message") return;
    asArray(o["content"], `output[${i}].content`).forEach((part, j) => {
      const p = asObject(part, `output[${i}].content[${j}]`);
      if (p["type"] !== "output_text") return;
      parts++;
      const field = `output[${i}].content[${j}].logprobs`;
      if (p["logprobs"] === null || p["logprobs"] === undefined) {
        throw new InvalidArgumentError(`${field} is missing: request include: ["message.output_text.logprobs"]`, { field });
      }
      tokens.push(...readChatTokens(p["logprobs"], field, undefined, tokens.length));
    });
  });
  if (parts === 0) throw new InvalidArgumentError(`the response has no output_text content`, { field: "output" });
  return buildSequence({ source: "openai-responses", distribution: "unknown", tokens, promptLength: 0, sequence: undefined, options });
}
