/**
 * Adapter for Hugging Face Text Generation Inference (`details.tokens[]`, `details.prefill[]`).
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { InvalidLogprobError } from "../invalidLogprobError.js";
import type { TokenLogprobs, TopLogprob } from "../tokenLogprobs.js";
import { buildSequence, type PromptAdapterOptions, type RawToken } from "./buildSequence.js";
import { asArray, asIndex, asObject, asString, asTokenId, concat, readLogprob } from "./shape.js";

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
 * The generated sequence of a TGI response: `details` itself, or one of its `best_of_sequences`.
 *
 * @example
 * ```ts
 * const seq = { prefill: [], tokens: [{ id: 1, text: "a", logprob: -1, special: false }], top_tokens: [] };
 * console.log(seq.tokens.length); // => 1
 * ```
 */
export interface TGISequenceLike {
  /** Prompt tokens (with `decoder_input_details: true`). */
  readonly prefill?: readonly TGIToken[] | null;
  /** Generated tokens. */
  readonly tokens: readonly TGIToken[];
  /** Top alternatives per generated token (with `top_n_tokens`). */
  readonly top_tokens?: readonly (readonly TGIToken[])[] | null;
}

/**
 * The part of a TGI `/generate` response this adapter reads (request `details: true`,
 * `decoder_input_details: true` for the prompt, `top_n_tokens` for alternatives). Other fields
 * (`generated_text`, `finish_reason`, ...) are allowed and ignored.
 *
 * @example
 * ```ts
 * import { fromTGI } from "passk";
 * const res = { generated_text: "a", details: { tokens: [{ id: 1, text: "a", logprob: -1, special: false }] } };
 * console.log(fromTGI(res).source); // => tgi
 * ```
 */
export interface TGIResponseLike {
  /** Generation details: the returned sequence, and the other candidates of `best_of`. */
  readonly details: TGISequenceLike & {
    /** Number of prompt tokens (some TGI versions): checked against `prefill`. */
    readonly prompt_tokens?: number;
    /** With `best_of` > 1, the candidates that were not returned. */
    readonly best_of_sequences?: readonly TGISequenceLike[] | null;
  };
}

/**
 * Options of {@link fromTGI}.
 *
 * @example
 * ```ts
 * import { fromTGI } from "passk";
 * const res = { details: {
 *   tokens: [{ id: 1, text: "a", logprob: -1, special: false }],
 *   best_of_sequences: [{ generated_text: "b", prefill: [], tokens: [{ id: 2, text: "b", logprob: -3, special: false }] }],
 * } };
 * console.log(fromTGI(res, { candidate: 0 }).tokens, fromTGI(res, { candidate: 1 }).tokens); // => [ 'a' ] [ 'b' ]
 * ```
 */
export interface TGIOptions extends PromptAdapterOptions {
  /**
   * With `best_of` > 1, which candidate to read: 0 is the sequence TGI returned (the best, in
   * `details.tokens`), i ≥ 1 is `details.best_of_sequences[i − 1]`. Required when
   * `best_of_sequences` is non-empty, so that the other candidates are never dropped unnoticed.
   */
  readonly candidate?: number;
}

function readTokens(list: unknown, field: string, offset: number, prefill: boolean): RawToken[] {
  const items = asArray(list, field);
  const out = new Array<RawToken>(items.length);
  for (let j = 0; j < items.length; j++) {
    const f = `${field}[${j}]`;
    const o = asObject(items[j], f);
    let lp = readLogprob(o["logprob"], `${f}.logprob`, offset + j, undefined);
    if (prefill && j === 0 && lp !== null && Number.isNaN(lp)) lp = null;
    const special = o["special"] === true;
    // TGI serializes a NaN logprob as null. On a generated special token (an end-of-text token
    // of some GPTQ models) it is a value the metrics' policy decides about, not a broken payload.
    if (!prefill && special && lp === null) lp = Number.NaN;
    const text = asString(o["text"], `${f}.text`);
    // Special tokens (end of sequence, ...) are not part of the generated text: zero bytes.
    out[j] = { token: text, logprob: lp, id: asTokenId(o["id"], `${f}.id`), ...(special ? { bytes: 0 } : {}) };
  }
  return out;
}

/** The root object: a response, or the single element of the Inference API's one-element array. */
function rootOf(response: unknown): Readonly<Record<string, unknown>> {
  if (!Array.isArray(response)) return asObject(response, "response");
  if (response.length === 1) return asObject(response[0], "response[0]");
  const first: unknown = response[0];
  if (first !== null && typeof first === "object" && "token" in first) {
    throw new InvalidArgumentError(
      `response is an array of ${response.length} TGI stream events (one token each): read the non-streaming /generate response (details: true) instead`,
      { field: "response", value: response.length },
    );
  }
  throw new InvalidArgumentError(
    `response is an array of ${response.length} TGI responses: pass each one (e.g. responses.map((r) => fromTGI(r))), never only the first`,
    { field: "response", value: response.length },
  );
}

/**
 * Normalizes a Hugging Face TGI `/generate` response into one {@link TokenLogprobs}, source
 * `"tgi"`, distribution `"post-sampling"`: TGI takes logprobs after its logits warpers
 * (temperature, top-k, top-p), so with sampling settings the same text gets a different
 * perplexity than under the raw model. Special tokens count 0 bytes (they are not part of the
 * generated text); a special token whose logprob is null (NaN on the server) is stored as NaN for
 * the metrics' `onInvalid` policy. A one-element array (the Inference API wraps the object in
 * one) is unwrapped; a longer array is an error, never read from its first element.
 *
 * With `includePrompt: true`, `details.prefill` (first logprob null/NaN/missing, dropped into
 * `unscoredPrefix`) is prepended, masked as prompt. A missing or empty `prefill` is an error
 * naming the server setting: the request needs `decoder_input_details: true`, and TGI versions
 * whose flash models return `prefill: []` even then cannot score a prompt.
 *
 * With `best_of` > 1 the response carries `best_of_sequences`; pass `candidate` to choose which
 * sequence to read (see {@link TGIOptions}).
 *
 * @typeParam R - the response type (inferred; any object with these fields)
 * @param response - the parsed response JSON
 * @param options - {@link TGIOptions}
 * @throws {@link InvalidArgumentError} for a wrong shape (e.g. `details: true` not requested), a
 *   missing or empty prefill under `includePrompt`, several responses, or `best_of_sequences`
 *   without `candidate`; {@link InvalidLogprobError} for a null logprob on an ordinary token or a
 *   `top_tokens` length mismatch
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
export function fromTGI<R extends TGIResponseLike | readonly TGIResponseLike[]>(response: R, options: TGIOptions = {}): TokenLogprobs {
  const root = rootOf(response);
  const details = asObject(root["details"], "details", " (request details: true)");
  const others = details["best_of_sequences"];
  let at = "details";
  let seq = details;
  if (others !== null && others !== undefined && asArray(others, "details.best_of_sequences").length > 0) {
    const n = (others as readonly unknown[]).length;
    if (options.candidate === undefined) {
      throw new InvalidArgumentError(
        `details.best_of_sequences holds ${n} more candidates (best_of = ${n + 1}): pass candidate: 0 to read the returned one, or 1..${n} for the others`,
        { field: "details.best_of_sequences", value: n },
      );
    }
    const c = asIndex(options.candidate, "candidate");
    if (c > n) throw new InvalidArgumentError(`candidate must be in [0, ${n}], got ${c}`, { field: "candidate", value: c });
    if (c > 0) {
      at = `details.best_of_sequences[${c - 1}]`;
      seq = asObject((others as readonly unknown[])[c - 1], at);
    }
  } else if (options.candidate !== undefined && options.candidate !== 0) {
    throw new InvalidArgumentError(`candidate ${String(options.candidate)} does not exist: the response has no best_of_sequences`, {
      field: "candidate",
      value: options.candidate,
    });
  }
  const prompt = options.includePrompt === true ? readPrefill(seq, details, at) : [];
  let generated = readTokens(seq["tokens"], `${at}.tokens`, prompt.length, false);
  const topRaw = seq["top_tokens"];
  if (topRaw !== null && topRaw !== undefined) {
    const tops = asArray(topRaw, `${at}.top_tokens`);
    // TGI omits top_tokens, or sends [], when top_n_tokens was not requested.
    if (tops.length > 0 || generated.length === 0) {
      if (tops.length !== generated.length) {
        throw new InvalidLogprobError(`${at}.top_tokens has length ${tops.length} but ${at}.tokens has length ${generated.length}`, {
          reason: "length-mismatch",
          field: `${at}.top_tokens`,
          value: tops.length,
        });
      }
      generated = generated.map((t, j) => {
        const top: TopLogprob[] = readTokens(tops[j], `${at}.top_tokens[${j}]`, prompt.length + j, false).map((a, k) => {
          if (a.logprob === null || Number.isNaN(a.logprob)) {
            throw new InvalidLogprobError(`${at}.top_tokens[${j}][${k}] has a null logprob`, {
              reason: "null",
              position: prompt.length + j,
              field: `${at}.top_tokens[${j}][${k}].logprob`,
            });
          }
          return { token: a.token, logprob: a.logprob, id: a.id as number };
        });
        return { ...t, top };
      });
    }
  }
  return buildSequence({
    source: "tgi",
    distribution: "post-sampling",
    tokens: concat(prompt, generated),
    promptLength: prompt.length,
    sequence: undefined,
    options,
  });
}

function readPrefill(seq: Readonly<Record<string, unknown>>, details: Readonly<Record<string, unknown>>, at: string): RawToken[] {
  const raw = seq["prefill"];
  const field = `${at}.prefill`;
  if (raw === null || raw === undefined) {
    throw new InvalidArgumentError(`${field} is missing: includePrompt needs the request parameter decoder_input_details: true`, { field });
  }
  const list = asArray(raw, field);
  if (list.length === 0) {
    throw new InvalidArgumentError(
      `${field} is empty, so the prompt cannot be scored: request decoder_input_details: true ` +
        `(some TGI versions return an empty prefill for flash models even then; score the prompt with another engine)`,
      { field, value: 0 },
    );
  }
  const promptTokens = details["prompt_tokens"];
  if (typeof promptTokens === "number" && promptTokens !== list.length) {
    throw new InvalidArgumentError(`${field} has ${list.length} tokens but details.prompt_tokens is ${promptTokens}: the prefill is incomplete`, {
      field,
      value: list.length,
    });
  }
  return readTokens(list, field, 0, true);
}
