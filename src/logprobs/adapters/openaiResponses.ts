/**
 * Adapter for the OpenAI Responses API (`output[].content[]` items of type `output_text`), from a
 * response or from the events of a stream.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions, type RawToken } from "./buildSequence.js";
import { readChatTokens } from "./chatTokens.js";
import type { OpenAIChatTokenLogprob } from "./openaiChat.js";
import { appendAll, asArray, asIndex, asObject, describe } from "./shape.js";

/**
 * One `output_text` content part (or any other part, which is skipped).
 *
 * @example
 * ```ts
 * const part = { type: "output_text", text: "Hi", annotations: [], logprobs: [{ token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [] }] };
 * console.log(part.logprobs.length); // => 1
 * ```
 */
export interface OpenAIResponsesContentPartLike {
  /** Part type; only `"output_text"` parts are read. */
  readonly type: string;
  /** The part's text. */
  readonly text?: string;
  /** One entry per token of an `output_text` part (requested via `include`). */
  readonly logprobs?: readonly OpenAIChatTokenLogprob[] | null;
}

/**
 * The part of a Responses API response this adapter reads (request
 * `include: ["message.output_text.logprobs"]`, optionally `top_logprobs`). Other fields are
 * allowed and ignored; the official `openai` SDK's `Response` is assignable to it.
 *
 * @example
 * ```ts
 * const response = { output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi", annotations: [], logprobs: [{ token: "Hi", logprob: -0.1, bytes: [72, 105], top_logprobs: [] }] }] }] };
 * console.log(response.output[0]!.content[0]!.logprobs.length); // => 1
 * ```
 */
export interface OpenAIResponsesResponseLike {
  /** Output items: messages, reasoning, tool calls, ... (only `message` items are read). */
  readonly output: readonly (
    | {
        /** A message item. */
        readonly type: "message";
        /** Its content parts. */
        readonly content: readonly OpenAIResponsesContentPartLike[];
      }
    | {
        /** Any other item type (reasoning, tool calls, ...): skipped. */
        readonly type: string;
      }
  )[];
}

/**
 * One event of a streamed response (`stream: true`), as the official `openai` SDK's
 * `ResponseStreamEvent`. Read are `response.output_text.delta` (its `logprobs`, without bytes)
 * and `response.completed` / `response.incomplete` (the final response, with bytes); a
 * `response.failed` or `error` event is an error; every other event is skipped.
 *
 * @example
 * ```ts
 * const event = { type: "response.output_text.delta", sequence_number: 4, item_id: "msg_1", output_index: 0, content_index: 0, delta: "Hi", logprobs: [{ token: "Hi", logprob: -0.1, top_logprobs: [] }] };
 * console.log(event.logprobs[0]!.token); // => Hi
 * ```
 */
export interface OpenAIResponsesStreamEventLike {
  /** The event type, e.g. `"response.output_text.delta"`. */
  readonly type: string;
  /** Position of the event in the stream; when present it must increase. */
  readonly sequence_number?: number;
}

/**
 * Normalizes a Responses API response, or the array of events of a streamed one, into one
 * {@link TokenLogprobs}, source `"openai-responses"`, distribution `"unknown"`: the `logprobs` of
 * every `output_text` part of every `message` item, concatenated in order of
 * (`output_index`, `content_index`). Other items (reasoning, tool calls) and other content parts
 * (refusals) carry no logprobs and are not read.
 *
 * For a stream, each part's tokens come from `response.completed` (or `response.incomplete`) when
 * its part lists them (they carry `bytes`), else from the part's `response.output_text.delta`
 * events concatenated in order. When both list tokens they must agree token for token (same text
 * and logprob), or the stream is rejected: a recording is never half-read. `sequence_number`s,
 * when present, must increase.
 *
 * @typeParam R - the response or event array type (inferred; any object with these fields)
 * @param response - the parsed response JSON, or the array of parsed stream events
 * @param options - {@link AdapterOptions}
 * @throws {@link InvalidArgumentError} when an `output_text` part has no `logprobs` (not
 *   requested via `include`), there is no `output_text` at all, the stream failed, or its parts
 *   disagree
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
 *
 * @example
 * ```ts
 * import { fromOpenAIResponses, sequencePerplexity } from "passk";
 * const events = [
 *   { type: "response.created", sequence_number: 0, response: { object: "response", output: [] } },
 *   { type: "response.output_text.delta", sequence_number: 1, item_id: "m1", output_index: 0, content_index: 0, delta: "Hi", logprobs: [{ token: "Hi", logprob: Math.log(0.5), top_logprobs: [] }] },
 *   { type: "response.output_text.delta", sequence_number: 2, item_id: "m1", output_index: 0, content_index: 0, delta: "!", logprobs: [{ token: "!", logprob: Math.log(0.5), top_logprobs: [] }] },
 *   { type: "response.output_text.done", sequence_number: 3, item_id: "m1", output_index: 0, content_index: 0, text: "Hi!", logprobs: [] },
 * ];
 * const seq = fromOpenAIResponses(events);
 * console.log(seq.tokens, sequencePerplexity(seq).perplexity); // => [ 'Hi', '!' ] 2
 * ```
 */
export function fromOpenAIResponses<R extends OpenAIResponsesResponseLike | readonly OpenAIResponsesStreamEventLike[]>(
  response: R,
  options: AdapterOptions = {},
): TokenLogprobs {
  const tokens = Array.isArray(response) ? readEvents(response as readonly unknown[]) : readResponse(response, "response", true);
  return buildSequence({ source: "openai-responses", distribution: "unknown", tokens, promptLength: 0, sequence: undefined, options });
}

/** One `output_text` part of a final response, its logprobs not yet read. */
interface FinalPart {
  readonly output: number;
  readonly content: number;
  readonly field: string;
  readonly logprobs: unknown;
  readonly text: unknown;
}

function finalParts(response: unknown, at: string): FinalPart[] {
  const parts: FinalPart[] = [];
  asArray(asObject(response, at)["output"], `${at}.output`).forEach((item, i) => {
    const o = asObject(item, `${at}.output[${i}]`);
    if (o["type"] !== "message") return;
    asArray(o["content"], `${at}.output[${i}].content`).forEach((part, j) => {
      const p = asObject(part, `${at}.output[${i}].content[${j}]`);
      if (p["type"] !== "output_text") return;
      parts.push({ output: i, content: j, field: `${at}.output[${i}].content[${j}].logprobs`, logprobs: p["logprobs"], text: p["text"] });
    });
  });
  return parts;
}

function missingLogprobs(field: string): InvalidArgumentError {
  return new InvalidArgumentError(`${field} is missing or empty next to non-empty text: request include: ["message.output_text.logprobs"]`, {
    field,
  });
}

/** The tokens of a (non-streamed or final) response. */
function readResponse(response: unknown, at: string, requireParts: boolean): RawToken[] {
  const parts = finalParts(response, at);
  if (requireParts && parts.length === 0) throw new InvalidArgumentError(`the response has no output_text content`, { field: `${at}.output` });
  const tokens: RawToken[] = [];
  for (const p of parts) {
    if (p.logprobs === null || p.logprobs === undefined) throw missingLogprobs(p.field);
    // An empty list next to text means no logprobs were reported (llama.cpp's server writes
    // `logprobs: []` always), not a part of zero tokens.
    if (Array.isArray(p.logprobs) && p.logprobs.length === 0 && typeof p.text === "string" && p.text !== "") throw missingLogprobs(p.field);
    appendAll(tokens, readChatTokens(p.logprobs, p.field, undefined, tokens.length));
  }
  return tokens;
}

/** The delta lists of one part, in stream order. */
interface DeltaPart {
  readonly output: number;
  readonly content: number;
  readonly lists: { readonly field: string; readonly logprobs: unknown }[];
  /** Some delta of this part listed at least one token. */
  withTokens: boolean;
  /** Some delta of this part carried text. */
  withText: boolean;
}

function readEvents(events: readonly unknown[]): RawToken[] {
  const deltas = new Map<string, DeltaPart>();
  let final: { readonly response: unknown; readonly at: string } | undefined;
  let lastSequence = -1;
  events.forEach((item, e) => {
    const at = `response[${e}]`;
    const ev = asObject(item, at);
    const type = ev["type"];
    if (typeof type !== "string") {
      throw new InvalidArgumentError(
        `${at}.type must be a stream event type, got ${describe(type)} (pass a Response object on its own, or the array of its stream events)`,
        { field: `${at}.type`, value: type },
      );
    }
    const seq = ev["sequence_number"];
    if (seq !== undefined && seq !== null) {
      const n = asIndex(seq, `${at}.sequence_number`);
      if (n <= lastSequence) {
        throw new InvalidArgumentError(`${at}.sequence_number ${n} does not follow ${lastSequence}: the events are out of order or from two streams`, {
          field: `${at}.sequence_number`,
          value: n,
        });
      }
      lastSequence = n;
    }
    if (type === "response.output_text.delta") {
      const output = asIndex(ev["output_index"], `${at}.output_index`);
      const content = asIndex(ev["content_index"], `${at}.content_index`);
      const key = `${output}:${content}`;
      let d = deltas.get(key);
      if (d === undefined) {
        d = { output, content, lists: [], withTokens: false, withText: false };
        deltas.set(key, d);
      }
      const lp = ev["logprobs"];
      if (lp !== null && lp !== undefined && asArray(lp, `${at}.logprobs`).length > 0) {
        d.lists.push({ field: `${at}.logprobs`, logprobs: lp });
        d.withTokens = true;
      }
      if (typeof ev["delta"] === "string" && ev["delta"] !== "") d.withText = true;
    } else if (type === "response.completed" || type === "response.incomplete") {
      if (final !== undefined) {
        throw new InvalidArgumentError(`${at} is a second ${type} event: pass one stream at a time`, { field: `${at}.type`, value: type });
      }
      final = { response: ev["response"], at: `${at}.response` };
    } else if (type === "response.failed" || type === "error") {
      const err = ev["response"] !== null && typeof ev["response"] === "object" ? (ev["response"] as Record<string, unknown>)["error"] : ev;
      const message = err !== null && typeof err === "object" ? (err as Record<string, unknown>)["message"] : undefined;
      throw new InvalidArgumentError(`the stream reports a failure at ${at} (${type}${typeof message === "string" ? `: ${message}` : ""}): it holds no complete logprobs`, {
        field: `${at}.type`,
        value: type,
      });
    }
  });

  const parts = final === undefined ? [] : finalParts(final.response, final.at);
  const keys = new Map<string, { output: number; content: number }>();
  for (const p of parts) keys.set(`${p.output}:${p.content}`, p);
  for (const [k, d] of deltas) if (!keys.has(k)) keys.set(k, d);
  if (keys.size === 0) {
    throw new InvalidArgumentError(`the stream has no output_text: neither response.output_text.delta nor response.completed events`, {
      field: "response",
    });
  }
  const order = Array.from(keys.entries()).sort((a, b) => a[1].output - b[1].output || a[1].content - b[1].content);
  const tokens: RawToken[] = [];
  for (const [key, where] of order) {
    const p = parts.find((x) => `${x.output}:${x.content}` === key);
    const d = deltas.get(key);
    const fromFinal = p !== undefined && Array.isArray(p.logprobs) && p.logprobs.length > 0;
    const fromDeltas = d !== undefined && d.withTokens;
    const offset = tokens.length;
    if (fromFinal) {
      const finalTokens = readChatTokens(p.logprobs, p.field, undefined, offset);
      if (fromDeltas) agree(finalTokens, readDeltas(d, offset), p.field, where);
      appendAll(tokens, finalTokens);
    } else if (fromDeltas) {
      appendAll(tokens, readDeltas(d, offset));
    } else {
      const hasText = (p !== undefined && typeof p.text === "string" && p.text !== "") || (d !== undefined && d.withText);
      if (hasText) throw missingLogprobs(p?.field ?? `output[${where.output}].content[${where.content}].logprobs`);
    }
  }
  return tokens;
}

function readDeltas(d: DeltaPart, offset: number): RawToken[] {
  const out: RawToken[] = [];
  for (const l of d.lists) appendAll(out, readChatTokens(l.logprobs, l.field, undefined, offset + out.length));
  return out;
}

/** The final response and the deltas must list the same tokens. */
function agree(final: readonly RawToken[], deltas: readonly RawToken[], field: string, where: { output: number; content: number }): void {
  const n = Math.min(final.length, deltas.length);
  let i = 0;
  while (i < n && final[i]?.token === deltas[i]?.token && Object.is(final[i]?.logprob, deltas[i]?.logprob)) i++;
  if (i < n || final.length !== deltas.length) {
    throw new InvalidArgumentError(
      `${field} lists ${final.length} tokens but the output_text.delta events of output ${where.output}, part ${where.content} list ` +
        `${deltas.length}${i < n ? `, first differing at token ${i}` : ""}: the recording mixes two responses or is truncated`,
      { field, value: final.length },
    );
  }
}
