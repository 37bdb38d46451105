/**
 * Adapters for vLLM's OpenAI-compatible server: `/v1/completions` (with `prompt_logprobs` per
 * choice) and `/v1/chat/completions` (with a top-level `prompt_logprobs`).
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type PromptAdapterOptions, type RawToken } from "./buildSequence.js";
import { readChatTokens } from "./chatTokens.js";
import { readLegacyTokens } from "./legacyCompletionTokens.js";
import type { OpenAIChatResponseLike } from "./openaiChat.js";
import { readCompletions, type OpenAICompletionsOptions, type OpenAICompletionsResponseLike } from "./openaiCompletions.js";
import { asArray, asObject, concat } from "./shape.js";
import { endedOnStopToken, zeroStopTokenBytes } from "./stopToken.js";
import type { VllmLogprobDict } from "./vllm.js";
import { readVllmDicts } from "./vllmDicts.js";

/**
 * Options of the vLLM server adapters.
 *
 * @example
 * ```ts
 * import { fromVllmChat } from "passk";
 * const res = { prompt_logprobs: [null, { "5": { logprob: -1, rank: 1, decoded_token: "hi" } }], choices: [{ logprobs: { content: [{ token: "yo", logprob: -2 }] } }] };
 * const seq = fromVllmChat(res, { includePrompt: true })[0]!;
 * console.log(seq.tokens, Array.from(seq.logprobs)); // => [ 'hi', 'yo' ] [ -1, -2 ]
 * ```
 */
export interface VllmServerOptions extends PromptAdapterOptions {
  /**
   * Prompt token ids, naming the scored entry of each `prompt_logprobs` dict. Needed when the
   * dicts hold alternatives too (`prompt_logprobs` > 0) and the response carries no
   * `prompt_token_ids` (vLLM adds them with `return_token_ids: true`).
   */
  readonly promptTokenIds?: readonly number[];
}

function readPrompt(
  prompt: unknown,
  idsFromResponse: unknown,
  options: VllmServerOptions,
  field: string,
  idsField: string,
): RawToken[] {
  if (options.includePrompt !== true) return [];
  const ids =
    options.promptTokenIds ??
    (idsFromResponse === null || idsFromResponse === undefined ? undefined : asArray(idsFromResponse, idsField));
  return readVllmDicts(asArray(prompt, field, " (request prompt_logprobs: <k>)"), ids, field, idsField, undefined, 0);
}

/**
 * The part of a vLLM `/v1/completions` response this adapter reads.
 *
 * @example
 * ```ts
 * const res = { choices: [{ text: "x", logprobs: { tokens: ["x"], token_logprobs: [-1] }, prompt_logprobs: [null] }] };
 * console.log(res.choices.length); // => 1
 * ```
 */
export interface VllmCompletionsResponseLike extends OpenAICompletionsResponseLike {
  /** One entry per choice: the OpenAI completions choice plus vLLM's prompt logprobs. */
  readonly choices: readonly (OpenAICompletionsResponseLike["choices"][number] & {
    /** One dict per prompt token (first null); request `prompt_logprobs: k`. */
    readonly prompt_logprobs?: readonly (VllmLogprobDict | null)[] | null;
    /** Prompt token ids, when returned (`return_token_ids: true`). */
    readonly prompt_token_ids?: readonly number[] | null;
  })[];
}

/**
 * Normalizes a vLLM `/v1/completions` response: one {@link TokenLogprobs} per choice, source
 * `"vllm-completions"`, distribution `"raw"` (see {@link fromVllm}). Generated tokens come from
 * the legacy `logprobs` arrays (`echo: true` works as in {@link fromOpenAICompletions}); with
 * `includePrompt: true` the choice's `prompt_logprobs` dicts (first null) are prepended.
 *
 * The end-of-sequence token counts 0 bytes when the text leaves it out (see {@link fromVllm}).
 *
 * @typeParam R - the response type (inferred; any object with these fields)
 * @param response - the parsed response JSON
 * @param options - {@link VllmServerOptions} and `responseStartOffset`
 * @throws as {@link fromOpenAICompletions} and {@link fromVllm}
 *
 * @example
 * ```ts
 * import { fromVllmCompletions, sequencePerplexity } from "passk";
 * const response = {
 *   choices: [{
 *     index: 0, text: " 4",
 *     logprobs: { tokens: [" 4"], token_logprobs: [Math.log(0.25)], top_logprobs: [{ " 4": Math.log(0.25) }], text_offset: [4] },
 *     prompt_logprobs: [null, { "10": { logprob: -2.5, rank: 3, decoded_token: "+" } }],
 *   }],
 * };
 * const seq = fromVllmCompletions(response, { includePrompt: true })[0]!;
 * console.log(seq.tokens, sequencePerplexity(seq).perplexity); // => [ '+', ' 4' ] 4
 * ```
 */
export function fromVllmCompletions<R extends VllmCompletionsResponseLike>(
  response: R,
  options: VllmServerOptions & Pick<OpenAICompletionsOptions, "responseStartOffset"> = {},
): TokenLogprobs[] {
  if (options.includePrompt !== true) return readCompletions(response, options, "vllm-completions", "raw");
  const root = asObject(response, "response");
  const choices = asArray(root["choices"], "choices");
  return choices.map((choice, i) => {
    const c = asObject(choice, `choices[${i}]`);
    const prompt = readPrompt(c["prompt_logprobs"], c["prompt_token_ids"], options, `choices[${i}].prompt_logprobs`, `choices[${i}].prompt_token_ids`);
    const lp = asObject(c["logprobs"], `choices[${i}].logprobs`, " (request logprobs: <n>)");
    const first = Array.isArray(lp["token_logprobs"]) ? (lp["token_logprobs"] as unknown[])[0] : undefined;
    if (first === null) {
      throw new InvalidArgumentError(
        `choices[${i}].logprobs starts with a null logprob (echo: true), so it already holds the prompt: ` +
          `read it without includePrompt, or request prompt_logprobs without echo`,
        { field: "includePrompt", value: true },
      );
    }
    const gen = readLegacyTokens(lp, `choices[${i}].logprobs`, i, {}, undefined);
    zeroStopTokenBytes(gen.tokens, endedOnStopToken(c), c["text"]);
    return buildSequence({
      source: "vllm-completions",
      distribution: "raw",
      tokens: concat(prompt, gen.tokens),
      promptLength: prompt.length,
      sequence: i,
      options,
    });
  });
}

/**
 * The part of a vLLM `/v1/chat/completions` response this adapter reads.
 *
 * @example
 * ```ts
 * const res = { prompt_logprobs: null, choices: [{ logprobs: { content: [{ token: "a", logprob: -1 }] } }] };
 * console.log(res.choices[0]!.logprobs.content[0]!.token); // => a
 * ```
 */
export interface VllmChatResponseLike extends OpenAIChatResponseLike {
  /** Logprobs of the chat-templated prompt (first null); request `prompt_logprobs: k`. */
  readonly prompt_logprobs?: readonly (VllmLogprobDict | null)[] | null;
  /** Prompt token ids, when returned. */
  readonly prompt_token_ids?: readonly number[] | null;
}

/**
 * Normalizes a vLLM `/v1/chat/completions` response: one {@link TokenLogprobs} per choice,
 * source `"vllm-chat"`, distribution `"raw"`. Generated tokens come from the OpenAI-shaped
 * `choices[].logprobs.content[]` (−inf written as −9999.0); with `includePrompt: true` the
 * top-level `prompt_logprobs` (the chat-templated prompt, first entry null) is prepended to each.
 *
 * The end-of-sequence token counts 0 bytes when `message.content` leaves it out (see
 * {@link fromVllm}).
 *
 * @typeParam R - the response type (inferred; any object with these fields)
 * @param response - the parsed response JSON
 * @param options - {@link VllmServerOptions}
 * @throws as {@link fromOpenAIChat} and {@link fromVllm}
 *
 * @example
 * ```ts
 * import { fromVllmChat, sequencePerplexity } from "passk";
 * const response = {
 *   choices: [{ index: 0, logprobs: { content: [
 *     { token: "Paris", logprob: Math.log(0.5), bytes: [80, 97, 114, 105, 115], top_logprobs: [] },
 *     { token: "!", logprob: -9999, bytes: [33], top_logprobs: [] },
 *   ] } }],
 *   prompt_logprobs: null,
 * };
 * const seq = fromVllmChat(response)[0]!;
 * const r = sequencePerplexity(seq, { onInvalid: "skip" });
 * console.log(r.tokens, r.skipped, r.perplexity); // => 1 1 2
 * ```
 */
export function fromVllmChat<R extends VllmChatResponseLike>(response: R, options: VllmServerOptions = {}): TokenLogprobs[] {
  const root = asObject(response, "response");
  const choices = asArray(root["choices"], "choices");
  const prompt = readPrompt(root["prompt_logprobs"], root["prompt_token_ids"], options, "prompt_logprobs", "prompt_token_ids");
  return choices.map((choice, i) => {
    const c = asObject(choice, `choices[${i}]`);
    const lp = asObject(c["logprobs"], `choices[${i}].logprobs`, " (request logprobs: true)");
    const generated = readChatTokens(lp["content"], `choices[${i}].logprobs.content`, i, prompt.length);
    const message = c["message"];
    const text = message !== null && typeof message === "object" ? (message as Record<string, unknown>)["content"] : undefined;
    zeroStopTokenBytes(generated, endedOnStopToken(c), text);
    return buildSequence({
      source: "vllm-chat",
      distribution: "raw",
      tokens: concat(prompt, generated),
      promptLength: prompt.length,
      sequence: i,
      options,
    });
  });
}
