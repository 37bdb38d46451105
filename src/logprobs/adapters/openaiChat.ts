/**
 * Adapter for OpenAI Chat Completions logprobs (`choices[].logprobs.content[]`, or `.refusal[]`),
 * from one response or from the chunks of a stream.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions, type RawToken } from "./buildSequence.js";
import { readChatTokens } from "./chatTokens.js";
import { appendAll, asArray, asIndex, asObject, describe } from "./shape.js";

/**
 * One token of `choices[].logprobs.content[]` (also the shape of the Responses API's
 * `output_text.logprobs[]` and Ollama's `logprobs[]`). The official `openai` SDK's
 * `ChatCompletionTokenLogprob` is assignable to it.
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
  /** Token id (llama.cpp's server adds it; OpenAI does not). */
  readonly id?: number | null;
  /** Most likely alternatives at this position. */
  readonly top_logprobs?: readonly {
    /** Text of this alternative token. */
    readonly token: string;
    /** Natural-log probability of this alternative token. */
    readonly logprob: number;
    /** UTF-8 bytes of this alternative token (null when it has none). */
    readonly bytes?: readonly number[] | null;
    /** Token id of this alternative (llama.cpp). */
    readonly id?: number | null;
  }[];
}

/**
 * `choices[].logprobs` of a response or a stream chunk: the tokens of the message `content`, or
 * of the `refusal` when the model refused.
 *
 * @example
 * ```ts
 * const logprobs = { content: null, refusal: [{ token: "I", logprob: -0.01, bytes: [73], top_logprobs: [] }] };
 * console.log(logprobs.refusal.length); // => 1
 * ```
 */
export interface OpenAIChatLogprobsLike {
  /** One entry per generated token of the message content. */
  readonly content?: readonly OpenAIChatTokenLogprob[] | null;
  /** One entry per generated token of a refusal (read with `channel: "refusal"`). */
  readonly refusal?: readonly OpenAIChatTokenLogprob[] | null;
}

/**
 * The part of a Chat Completions response this adapter reads (request with `logprobs: true`,
 * optionally `top_logprobs: 0..20`). Other fields are allowed and ignored; the official `openai`
 * SDK's `ChatCompletion` is assignable to it.
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
    readonly logprobs?: OpenAIChatLogprobsLike | null;
  }[];
}

/**
 * One chunk of a streamed Chat Completion (`stream: true`), as the official `openai` SDK's
 * `ChatCompletionChunk`. The role-only first chunk, the finish chunk and the usage-only chunk
 * (`choices: []`) carry no logprobs and add nothing.
 *
 * @example
 * ```ts
 * const chunk = { id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: "Hi" }, logprobs: { content: [{ token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [] }], refusal: null }, finish_reason: null }] };
 * console.log(chunk.choices[0]!.index); // => 0
 * ```
 */
export interface OpenAIChatChunkLike {
  /** Stream id; every chunk of one stream has the same. */
  readonly id?: string;
  /** The choices this chunk updates (empty in the usage-only chunk). */
  readonly choices: readonly {
    /** Which choice the delta belongs to. */
    readonly index: number;
    /** Logprobs of the tokens in this delta (null in role-only and finish chunks). */
    readonly logprobs?: OpenAIChatLogprobsLike | null;
  }[];
}

/**
 * Options of {@link fromOpenAIChat}.
 *
 * @example
 * ```ts
 * import { fromOpenAIChat } from "passk";
 * const response = { choices: [{ index: 0, logprobs: { content: null, refusal: [{ token: "No", logprob: -0.5, bytes: [78, 111], top_logprobs: [] }] } }] };
 * console.log(fromOpenAIChat(response, { channel: "refusal" })[0]!.tokens); // => [ 'No' ]
 * ```
 */
export interface OpenAIChatOptions extends AdapterOptions {
  /**
   * Which token list of `choices[].logprobs` to read: `"content"` (default) or `"refusal"` (the
   * tokens of a refusal message, which OpenAI reports apart from the content).
   */
  readonly channel?: "content" | "refusal";
}

/**
 * Normalizes an OpenAI Chat Completions response, or the array of chunks of a streamed one: one
 * {@link TokenLogprobs} per choice, source `"openai-chat"`, distribution `"unknown"` (OpenAI does
 * not document it). Every token is a response token (chat completions never score the prompt).
 * Byte counts come from `bytes`; token ids, when the server sends them (llama.cpp), go to
 * `tokenIds` and name the sampled token among its alternatives.
 *
 * A stream is merged by choice index: each choice's logprobs are concatenated in chunk order, and
 * the result lists the choices by index. Chunks without logprobs (the role-only first chunk, the
 * finish chunk, the usage-only chunk) add nothing. Complete responses mixed into the array, chunks
 * of different streams (different `id`), a missing choice index, or a choice none of whose chunks
 * carries logprobs are errors.
 *
 * With `channel: "refusal"` the refusal's tokens are read instead of the content's. A choice whose
 * content logprobs are null while its refusal holds tokens is an error naming that option, never
 * an empty sequence.
 *
 * @typeParam R - the response or chunk array type (inferred; any object with these fields)
 * @param response - the parsed response JSON, or the array of parsed stream chunks
 * @param options - {@link OpenAIChatOptions}
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
 *
 * @example
 * ```ts
 * import { fromOpenAIChat, sequencePerplexity } from "passk";
 * // a stream: role chunk, two token chunks, finish chunk, usage-only chunk
 * const chunks = [
 *   { id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }] },
 *   { id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: "Hi" }, logprobs: { content: [{ token: "Hi", logprob: Math.log(0.5), bytes: [72, 105], top_logprobs: [] }], refusal: null }, finish_reason: null }] },
 *   { id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: "!" }, logprobs: { content: [{ token: "!", logprob: Math.log(0.5), bytes: [33], top_logprobs: [] }], refusal: null }, finish_reason: null }] },
 *   { id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }] },
 *   { id: "c1", object: "chat.completion.chunk", choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } },
 * ];
 * const seq = fromOpenAIChat(chunks)[0]!;
 * console.log(seq.tokens, sequencePerplexity(seq).perplexity); // => [ 'Hi', '!' ] 2
 * ```
 */
export function fromOpenAIChat<R extends OpenAIChatResponseLike | readonly OpenAIChatChunkLike[]>(
  response: R,
  options: OpenAIChatOptions = {},
): TokenLogprobs[] {
  const channel = checkChannel(options.channel);
  if (Array.isArray(response)) return fromChunks(response as readonly unknown[], channel, options);
  const choices = asArray(asObject(response, "response")["choices"], "choices");
  return choices.map((choice, i) => {
    const lp = asObject(asObject(choice, `choices[${i}]`)["logprobs"], `choices[${i}].logprobs`, " (request logprobs: true)");
    const field = `choices[${i}].logprobs`;
    const list = lp[channel];
    if ((list === null || list === undefined) && channel === "content") refusalInstead(lp, field, i);
    const tokens = readChatTokens(list, `${field}.${channel}`, i);
    return buildSequence({ source: "openai-chat", distribution: "unknown", tokens, promptLength: 0, sequence: i, options });
  });
}

function checkChannel(channel: unknown): "content" | "refusal" {
  if (channel === undefined || channel === "content") return "content";
  if (channel === "refusal") return "refusal";
  throw new InvalidArgumentError(`channel must be "content" or "refusal", got ${describe(channel)}`, { field: "channel", value: channel });
}

/** Throws the "it is a refusal" error when the refusal list holds tokens. */
function refusalInstead(lp: Readonly<Record<string, unknown>>, field: string, choice: number): void {
  const refusal = lp["refusal"];
  if (Array.isArray(refusal) && refusal.length > 0) {
    throw new InvalidArgumentError(
      `${field}.content is null but ${field}.refusal holds ${refusal.length} tokens: choice ${choice} is a refusal ` +
        `(pass channel: "refusal" to read its logprobs)`,
      { field: `${field}.content`, value: null },
    );
  }
}

interface ChoiceStream {
  readonly content: RawToken[];
  readonly refusal: RawToken[];
  /** Some chunk of this choice carried a logprobs object. */
  withLogprobs: boolean;
  /** First chunk index where this choice appears, for messages. */
  readonly firstChunk: number;
}

function fromChunks(chunks: readonly unknown[], channel: "content" | "refusal", options: OpenAIChatOptions): TokenLogprobs[] {
  const streams = new Map<number, ChoiceStream>();
  let streamId: unknown;
  chunks.forEach((item, c) => {
    const f = `response[${c}]`;
    const chunk = asObject(item, f);
    if (chunk["object"] === "chat.completion") {
      throw new InvalidArgumentError(
        `${f} is a complete chat.completion, not a stream chunk: pass each response on its own (an array is read as the chunks of one stream)`,
        { field: `${f}.object`, value: chunk["object"] },
      );
    }
    const id = chunk["id"];
    if (id !== undefined && id !== null) {
      if (streamId === undefined) streamId = id;
      else if (id !== streamId) {
        throw new InvalidArgumentError(`${f}.id is ${describe(id)} but earlier chunks belong to stream ${describe(streamId)}: pass one stream at a time`, {
          field: `${f}.id`,
          value: id,
        });
      }
    }
    asArray(chunk["choices"], `${f}.choices`).forEach((ch, j) => {
      const cf = `${f}.choices[${j}]`;
      const choice = asObject(ch, cf);
      if ("message" in choice) {
        throw new InvalidArgumentError(`${cf} has a message, not a delta: ${f} is a complete response, not a stream chunk`, {
          field: `${cf}.message`,
        });
      }
      const index = asIndex(choice["index"], `${cf}.index`);
      let s = streams.get(index);
      if (s === undefined) {
        s = { content: [], refusal: [], withLogprobs: false, firstChunk: c };
        streams.set(index, s);
      }
      const lp = choice["logprobs"];
      if (lp === null || lp === undefined) return;
      const o = asObject(lp, `${cf}.logprobs`);
      s.withLogprobs = true;
      for (const key of ["content", "refusal"] as const) {
        const list = o[key];
        if (list === null || list === undefined) continue;
        appendAll(s[key], readChatTokens(list, `${cf}.logprobs.${key}`, index, s[key].length));
      }
    });
  });
  if (streams.size === 0) {
    throw new InvalidArgumentError(`the stream has no choices (${chunks.length} chunks): nothing to read`, { field: "choices" });
  }
  let count = 0;
  for (const index of streams.keys()) count = Math.max(count, index + 1);
  const out: TokenLogprobs[] = [];
  for (let i = 0; i < count; i++) {
    const s = streams.get(i);
    if (s === undefined) {
      throw new InvalidArgumentError(`choice ${i} never appears in the stream (choices up to ${count - 1} do): the recording is incomplete`, {
        field: "choices",
        value: i,
      });
    }
    if (!s.withLogprobs) {
      throw new InvalidArgumentError(`no chunk of choice ${i} carries logprobs (request logprobs: true)`, {
        field: `response[${s.firstChunk}].choices`,
      });
    }
    if (channel === "content" && s.content.length === 0 && s.refusal.length > 0) {
      throw new InvalidArgumentError(
        `choice ${i} has no content logprobs but ${s.refusal.length} refusal tokens: it is a refusal (pass channel: "refusal" to read them)`,
        { field: "channel" },
      );
    }
    out.push(buildSequence({ source: "openai-chat", distribution: "unknown", tokens: s[channel], promptLength: 0, sequence: i, options }));
  }
  return out;
}
