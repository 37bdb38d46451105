/**
 * Adapter for Ollama's `logprobs` on `/api/generate` and `/api/chat`.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions, type RawToken } from "./buildSequence.js";
import { readChatTokens } from "./chatTokens.js";
import type { OpenAIChatTokenLogprob } from "./openaiChat.js";
import { appendAll, asObject } from "./shape.js";

/**
 * An Ollama `/api/generate` or `/api/chat` response (or one streamed chunk) requested with
 * `logprobs: true` (and optionally `top_logprobs`).
 *
 * @example
 * ```ts
 * const chunk = { model: "gemma3", message: { role: "assistant", content: "Hi" }, done: false, logprobs: [{ token: "Hi", logprob: -0.1 }] };
 * console.log(chunk.logprobs.length); // => 1
 * ```
 */
export interface OllamaResponseLike {
  /** Per-token logprobs, OpenAI-chat shaped: `{ token, logprob, bytes?, top_logprobs? }`. */
  readonly logprobs?: readonly OpenAIChatTokenLogprob[] | null;
  /** Other fields (`model`, `response`, `message`, `done`, ...) are ignored. */
  readonly [key: string]: unknown;
}

/**
 * Normalizes an Ollama response into one {@link TokenLogprobs}, source `"ollama"`, distribution
 * `"unknown"`. Pass a streamed reply as the array of its chunks: their `logprobs` are
 * concatenated in order (chunks without `logprobs`, such as the final `done` chunk, add nothing).
 * An element after a `done: true` chunk is an error: an array holds one stream, never several
 * responses.
 *
 * @param response - one response object, or the array of streamed chunks
 * @param options - {@link AdapterOptions}
 * @throws {@link InvalidArgumentError} when no chunk carries `logprobs` (request `logprobs: true`)
 *
 * @example
 * ```ts
 * import { fromOllama, sequencePerplexity } from "passk";
 * const chunks = [
 *   { model: "gemma3", response: "Hel", done: false, logprobs: [{ token: "Hel", logprob: Math.log(0.5), top_logprobs: [] }] },
 *   { model: "gemma3", response: "lo", done: false, logprobs: [{ token: "lo", logprob: Math.log(0.5), top_logprobs: [] }] },
 *   { model: "gemma3", response: "", done: true },
 * ];
 * const seq = fromOllama(chunks);
 * const r = sequencePerplexity(seq);
 * console.log(seq.tokens, r.perplexity, r.bytes); // => [ 'Hel', 'lo' ] 2 5
 * ```
 */
export function fromOllama(response: OllamaResponseLike | readonly OllamaResponseLike[], options: AdapterOptions = {}): TokenLogprobs {
  const chunks: readonly unknown[] = Array.isArray(response) ? response : [response];
  const tokens: RawToken[] = [];
  let found = false;
  let done = -1;
  chunks.forEach((chunk, c) => {
    const field = Array.isArray(response) ? `response[${c}]` : "response";
    const o = asObject(chunk, field);
    if (done >= 0) {
      // Two complete responses in one array would otherwise be read as one long answer.
      throw new InvalidArgumentError(`${field} follows response[${done}], the final chunk (done: true) of a stream: pass one response or one stream at a time`, {
        field: `${field}.done`,
      });
    }
    if (o["done"] === true) done = c;
    const lp = o["logprobs"];
    if (lp === null || lp === undefined) return;
    found = true;
    appendAll(tokens, readChatTokens(lp, `${field}.logprobs`, undefined, tokens.length));
  });
  if (!found) {
    throw new InvalidArgumentError(`no logprobs in the Ollama response: request logprobs: true`, { field: "logprobs" });
  }
  return buildSequence({ source: "ollama", distribution: "unknown", tokens, promptLength: 0, sequence: undefined, options });
}
