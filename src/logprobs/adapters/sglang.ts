/**
 * Adapter for SGLang's native `/generate` response (`meta_info.*_token_logprobs`).
 * @module
 */
import { InvalidLogprobError } from "../invalidLogprobError.js";
import { invalidLogprob } from "../policy.js";
import type { TokenLogprobs, TopLogprob } from "../tokenLogprobs.js";
import { buildSequence, type PromptAdapterOptions, type RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, asTokenId, concat, readLogprob } from "./shape.js";
import { zeroStopTokenBytes } from "./stopToken.js";

/**
 * One SGLang logprob entry: `[logprob, token_id, text]`, text null unless `return_text_in_logprobs`
 * (some versions send `[logprob, token_id]` pairs).
 *
 * @example
 * ```ts
 * const entry = [-0.25, 791, null];
 * console.log(entry[1]); // => 791
 * ```
 */
export type SGLangLogprobTuple = readonly [number | null, number, (string | null)?];

/**
 * The part of an SGLang `/generate` response this adapter reads (request `return_logprob: true`,
 * optionally `top_logprobs_num`, `logprob_start_len`, `return_text_in_logprobs`).
 *
 * @example
 * ```ts
 * import { fromSGLang } from "passk";
 * import type { SGLangResponseLike } from "passk";
 * const res: SGLangResponseLike = { text: "ok", meta_info: { output_token_logprobs: [[-0.5, 42, "ok"]] } };
 * console.log(fromSGLang(res).tokenIds); // => [ 42 ]
 * ```
 */
export interface SGLangResponseLike {
  /** SGLang's per-request metadata. */
  readonly meta_info: {
    /** Scored input tokens from `logprob_start_len` on; the first entry's logprob is null. */
    readonly input_token_logprobs?: readonly SGLangLogprobTuple[] | null;
    /** Generated tokens. */
    readonly output_token_logprobs: readonly SGLangLogprobTuple[];
    /** Top alternatives per input position (null where none). */
    readonly input_top_logprobs?: readonly (readonly SGLangLogprobTuple[] | null)[] | null;
    /** Top alternatives per generated position. */
    readonly output_top_logprobs?: readonly (readonly SGLangLogprobTuple[] | null)[] | null;
    readonly [key: string]: unknown;
  };
  /** Other fields (`text`, ...) are ignored. */
  readonly [key: string]: unknown;
}

function readTuples(
  list: unknown,
  topList: unknown,
  field: string,
  topField: string,
  offset: number,
): RawToken[] {
  const items = asArray(list, field, " (request return_logprob: true)");
  const tops = topList === null || topList === undefined ? undefined : asArray(topList, topField);
  if (tops !== undefined && tops.length !== items.length) {
    throw new InvalidLogprobError(`${topField} has length ${tops.length} but ${field} has length ${items.length}`, {
      reason: "length-mismatch",
      field: topField,
      value: tops.length,
    });
  }
  const tuple = (v: unknown, f: string, position: number): { logprob: number | null; id: number; text: string | undefined } => {
    const t = asArray(v, f);
    const text = t[2];
    return {
      logprob: readLogprob(t[0], `${f}[0]`, position, undefined),
      id: asTokenId(t[1], `${f}[1]`),
      text: text === null || text === undefined ? undefined : asString(text, `${f}[2]`),
    };
  };
  return items.map((item, j) => {
    const position = offset + j;
    const t = tuple(item, `${field}[${j}]`, position);
    const top: TopLogprob[] = [];
    const alts = tops?.[j];
    if (alts !== null && alts !== undefined) {
      asArray(alts, `${topField}[${j}]`).forEach((a, k) => {
        const x = tuple(a, `${topField}[${j}][${k}]`, position);
        if (x.logprob === null) throw invalidLogprob("null", null, position, undefined, `${topField}[${j}][${k}][0]`);
        top.push({ token: x.text ?? `token_id:${x.id}`, logprob: x.logprob, id: x.id });
      });
    }
    return { token: t.text ?? `token_id:${t.id}`, logprob: t.logprob, top, id: t.id };
  });
}

/**
 * Normalizes an SGLang `/generate` response (one request; map over a batch) into one
 * {@link TokenLogprobs}, source `"sglang"`, distribution `"unknown"`. Entries are
 * `[logprob, token_id, text]` triples (pairs are accepted); without `return_text_in_logprobs`
 * the text is null and the token is written `token_id:<id>` (bytes then unknown).
 *
 * With `includePrompt: true`, `input_token_logprobs` (scored from `logprob_start_len`; first entry
 * null) is prepended; `responseStart`/`responseEnd` index the combined list as returned. To score
 * a given response under a model, send question + response as input with `max_new_tokens: 0`
 * and mark the response with `responseStart` = question tokens − `logprob_start_len`.
 *
 * When generation ended on a stop token (`meta_info.finish_reason` `{ type: "stop", matched:
 * <token id> }`) and the returned `text` leaves that token out, it counts 0 bytes, as in TGI and
 * vLLM (see docs/perplexity.md).
 *
 * @param response - the parsed response JSON
 * @param options - {@link PromptAdapterOptions}
 * @throws {@link InvalidArgumentError} for a wrong shape; {@link InvalidLogprobError} for a null
 *   logprob other than the first input entry, or top lists of the wrong length
 *
 * @example
 * ```ts
 * import { fromSGLang, sequencePerplexity } from "passk";
 * import type { SGLangResponseLike } from "passk";
 * const response: SGLangResponseLike = {
 *   text: " 4",
 *   meta_info: {
 *     prompt_tokens: 3, completion_tokens: 1,
 *     input_token_logprobs: [[null, 1, "2"], [-2, 2, "+"], [-1, 3, "2="]],
 *     output_token_logprobs: [[Math.log(0.5), 4, " 4"]],
 *     output_top_logprobs: [[[Math.log(0.5), 4, " 4"], [Math.log(0.25), 5, " 5"]]],
 *   },
 * };
 * const seq = fromSGLang(response, { includePrompt: true });
 * console.log(seq.tokens, Array.from(seq.mask!), sequencePerplexity(seq).perplexity); // => [ '+', '2=', ' 4' ] [ 0, 0, 1 ] 2
 * ```
 */
export function fromSGLang(response: SGLangResponseLike, options: PromptAdapterOptions = {}): TokenLogprobs {
  const meta = asObject(asObject(response, "response")["meta_info"], "meta_info");
  const prompt =
    options.includePrompt === true
      ? readTuples(meta["input_token_logprobs"], meta["input_top_logprobs"], "meta_info.input_token_logprobs", "meta_info.input_top_logprobs", 0)
      : [];
  const generated = readTuples(
    meta["output_token_logprobs"],
    meta["output_top_logprobs"],
    "meta_info.output_token_logprobs",
    "meta_info.output_top_logprobs",
    prompt.length,
  );
  // finish_reason { type: "stop", matched: <token id> }: generation ended on a stop token.
  const finish = meta["finish_reason"];
  const matched = finish !== null && typeof finish === "object" ? (finish as Record<string, unknown>)["matched"] : undefined;
  const onStopToken = finish !== null && typeof finish === "object" && (finish as Record<string, unknown>)["type"] === "stop" && typeof matched === "number";
  zeroStopTokenBytes(generated, onStopToken, asObject(response, "response")["text"]);
  return buildSequence({
    source: "sglang",
    distribution: "unknown",
    tokens: concat(prompt, generated),
    promptLength: prompt.length,
    sequence: undefined,
    options,
  });
}
