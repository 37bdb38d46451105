/**
 * Adapter for Hugging Face Text Generation Inference (`details.tokens[]`, `details.prefill[]`).
 * @module
 */
import { InvalidLogprobError } from "../invalidLogprobError.js";
import type { TokenLogprobs, TopLogprob } from "../tokenLogprobs.js";
import { buildSequence, type PromptAdapterOptions, type RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, asTokenId, readLogprob } from "./shape.js";

/**
 * One TGI token: `{ id, text, logprob, special }` (prefill tokens have no `special`).
 *
 * @example
 * ```ts
 * const token = { id: 2, text: "</s>", logprob: -0.01, special: true };
 * console.log(token.special); // => true
 * ```
 */
export interface TGIToken {
  /** Token id. */
  readonly id: number;
  /** Token text. */
  readonly text: string;
  /** Natural-log probability; the first prefill token's is NaN, serialized as null or left out. */
  readonly logprob?: number | null;
  /** Whether the token is special (e.g. end of sequence). */
  readonly special?: boolean;
}

/**
 * The part of a TGI `/generate` response this adapter reads (request `details: true`,
 * `decoder_input_details: true` for the prompt, `top_n_tokens` for alternatives).
 *
 * @example
 * ```ts
 * import { fromTGI } from "passk";
 * const res = { generated_text: "a", details: { tokens: [{ id: 1, text: "a", logprob: -1, special: false }] } };
 * console.log(fromTGI(res).source); // => tgi
 * ```
 */
export interface TGIResponseLike {
  /** Generation details. */
  readonly details: {
    /** Prompt tokens (with `decoder_input_details: true`). */
    readonly prefill?: readonly TGIToken[] | null;
    /** Generated tokens. */
    readonly tokens: readonly TGIToken[];
    /** Top alternatives per generated token (with `top_n_tokens`). */
    readonly top_tokens?: readonly (readonly TGIToken[])[] | null;
    readonly [key: string]: unknown;
  };
  /** Other fields (`generated_text`, ...) are ignored. */
  readonly [key: string]: unknown;
}

function readTokens(list: unknown, field: string, offset: number, firstMayBeNaN: boolean): RawToken[] {
  return asArray(list, field).map((item, j) => {
    const f = `${field}[${j}]`;
    const o = asObject(item, f);
    let lp = readLogprob(o["logprob"], `${f}.logprob`, offset + j, undefined);
    if (firstMayBeNaN && j === 0 && lp !== null && Number.isNaN(lp)) lp = null;
    const text = asString(o["text"], `${f}.text`);
    // Special tokens (end of sequence, ...) are not part of the generated text: zero bytes.
    return { token: text, logprob: lp, id: asTokenId(o["id"], `${f}.id`), ...(o["special"] === true ? { bytes: 0 } : {}) };
  });
}

/**
 * Normalizes a Hugging Face TGI `/generate` response into one {@link TokenLogprobs}, source
 * `"tgi"`, distribution `"post-sampling"`: TGI takes logprobs after its logits warpers
 * (temperature, top-k, top-p), so with sampling settings the same text gets a different
 * perplexity than under the raw model. Special tokens count 0 bytes. A response array (the
 * Inference API wraps the object in one) is read from its first element.
 *
 * With `includePrompt: true`, `details.prefill` (first logprob null/NaN/missing, dropped into
 * `unscoredPrefix`) is prepended, masked as prompt.
 *
 * @param response - the parsed response JSON
 * @param options - {@link PromptAdapterOptions}
 * @throws {@link InvalidArgumentError} for a wrong shape (e.g. `details: true` not requested);
 *   {@link InvalidLogprobError} for a null logprob elsewhere or a `top_tokens` length mismatch
 *
 * @example
 * ```ts
 * import { fromTGI, sequencePerplexity } from "passk";
 * const response = {
 *   generated_text: " Paris",
 *   details: {
 *     finish_reason: "eos_token", generated_tokens: 2, seed: null,
 *     prefill: [{ id: 1, text: "<s>", logprob: null }, { id: 415, text: "Capital", logprob: -7.5 }],
 *     tokens: [
 *       { id: 5465, text: " Paris", logprob: Math.log(0.5), special: false },
 *       { id: 2, text: "</s>", logprob: Math.log(0.5), special: true },
 *     ],
 *   },
 * };
 * const seq = fromTGI(response, { includePrompt: true });
 * const r = sequencePerplexity(seq);
 * // 2 ln 2 nats over the 6 bytes of " Paris" (</s> counts 0)
 * console.log(seq.tokens, r.perplexity, r.bytes, r.bitsPerByte!.toFixed(12)); // => [ 'Capital', ' Paris', '</s>' ] 2 6 0.333333333333
 * ```
 */
export function fromTGI(response: TGIResponseLike | readonly TGIResponseLike[], options: PromptAdapterOptions = {}): TokenLogprobs {
  const root = Array.isArray(response) ? asObject(response[0], "response[0]") : asObject(response, "response");
  const details = asObject(root["details"], "details", " (request details: true)");
  const prompt =
    options.includePrompt === true
      ? readTokens(asArray(details["prefill"], "details.prefill", " (request decoder_input_details: true)"), "details.prefill", 0, true)
      : [];
  let generated = readTokens(details["tokens"], "details.tokens", prompt.length, false);
  const topRaw = details["top_tokens"];
  if (topRaw !== null && topRaw !== undefined) {
    const tops = asArray(topRaw, "details.top_tokens");
    if (tops.length !== generated.length) {
      throw new InvalidLogprobError(`details.top_tokens has length ${tops.length} but details.tokens has length ${generated.length}`, {
        reason: "length-mismatch",
        field: "details.top_tokens",
        value: tops.length,
      });
    }
    generated = generated.map((t, j) => {
      const top: TopLogprob[] = readTokens(tops[j], `details.top_tokens[${j}]`, prompt.length + j, false).map((a) => {
        if (a.logprob === null) throw new InvalidLogprobError(`details.top_tokens[${j}] has a null logprob`, { reason: "null", position: prompt.length + j, field: `details.top_tokens[${j}]` });
        return { token: a.token, logprob: a.logprob, id: a.id as number };
      });
      return { ...t, top };
    });
  }
  return buildSequence({
    source: "tgi",
    distribution: "post-sampling",
    tokens: [...prompt, ...generated],
    promptLength: prompt.length,
    sequence: undefined,
    options,
  });
}
