/**
 * Adapter for vLLM offline `RequestOutput` objects dumped to JSON.
 * @module
 */
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type PromptAdapterOptions, type RawToken } from "./buildSequence.js";
import { asArray, asObject, concat } from "./shape.js";
import { endedOnStopToken, zeroStopTokenBytes } from "./stopToken.js";
import { readVllmDicts } from "./vllmDicts.js";

/**
 * One vLLM logprob entry as dumped to JSON (the `Logprob` dataclass).
 *
 * @example
 * ```ts
 * const entry = { logprob: -0.2, rank: 1, decoded_token: " Paris" };
 * console.log(entry.rank); // => 1
 * ```
 */
export interface VllmLogprob {
  /** Natural-log probability (−inf is written −9999.0 by the server). */
  readonly logprob: number;
  /** 1-based rank in the vocabulary, when known. */
  readonly rank?: number | null;
  /** The token's text, when detokenized. */
  readonly decoded_token?: string | null;
}

/**
 * Per position: token id (as a JSON key) → entry; the scored token is one of the keys, the others
 * are top alternatives. A bare number is accepted as the entry's logprob.
 *
 * @example
 * ```ts
 * const dict = { "791": { logprob: -0.1, rank: 1, decoded_token: " the" }, "264": { logprob: -2.5, rank: 2, decoded_token: " a" } };
 * console.log(Object.keys(dict)); // => [ '264', '791' ]
 * ```
 */
export type VllmLogprobDict = Readonly<Record<string, VllmLogprob | number>>;

/**
 * The fields of a vLLM `RequestOutput` (dumped to JSON, e.g. with `dataclasses.asdict` or a
 * hand-written dict) this adapter reads.
 *
 * @example
 * ```ts
 * import { fromVllm } from "passk";
 * const out = { prompt_token_ids: [1], prompt_logprobs: [null], outputs: [{ token_ids: [7], logprobs: [{ "7": { logprob: -1, rank: 1, decoded_token: "x" } }] }] };
 * console.log(fromVllm(out)[0]!.tokens); // => [ 'x' ]
 * ```
 */
export interface VllmRequestOutputLike {
  /** Prompt token ids (name which dict entry is the prompt token). */
  readonly prompt_token_ids?: readonly number[] | null;
  /** One dict per prompt token; the first is null. Needs `SamplingParams(prompt_logprobs=k)`. */
  readonly prompt_logprobs?: readonly (VllmLogprobDict | null)[] | null;
  /** One entry per sampled sequence (`n`). */
  readonly outputs: readonly {
    /** Ids of the generated tokens (name which dict entry is the sampled token). */
    readonly token_ids?: readonly number[] | null;
    /** One dict per generated token. Needs `SamplingParams(logprobs=k)`. */
    readonly logprobs?: readonly VllmLogprobDict[] | null;
    /** The generated text (decides, with the finish, whether the last token is a stop token). */
    readonly text?: string | null;
    /** `"stop"`, `"length"`, ... */
    readonly finish_reason?: string | null;
    /** null after the end-of-sequence token, a token id after a stop token, a string after a stop string. */
    readonly stop_reason?: number | string | null;
    readonly [key: string]: unknown;
  }[];
  /** Other fields (`request_id`, `prompt`, ...) are ignored. */
  readonly [key: string]: unknown;
}

/**
 * Normalizes a vLLM offline `RequestOutput`: one {@link TokenLogprobs} per `outputs[j]`, source
 * `"vllm"`, distribution `"raw"` (vLLM V1 returns logprobs of the raw logits, before temperature
 * and penalties, unless `logprobs_mode` says otherwise; V0 returned processed ones: override
 * with `distribution` if so). Each dict holds the scored token plus the top alternatives; the
 * scored one is found by `token_ids` / `prompt_token_ids`.
 *
 * The end-of-sequence token that ends a generation (`finish_reason: "stop"` with `stop_reason`
 * null, or a stop token id) counts 0 bytes when the returned `text` leaves it out: vLLM spells it
 * (`"</s>"`) in the logprobs but not in the text, and TGI counts it 0 too (see the byte rule in
 * docs/perplexity.md).
 *
 * With `includePrompt: true`, `prompt_logprobs` (first entry null, dropped into
 * `unscoredPrefix`) is prepended, masked as prompt unless `responseStart` says otherwise — to
 * score a response embedded in the prompt, set `responseStart` to the number of question tokens
 * and `responseEnd` to the prompt length.
 *
 * @param output - the parsed JSON of one `RequestOutput`
 * @param options - {@link PromptAdapterOptions}
 * @throws {@link InvalidArgumentError} for a wrong shape or a dict whose scored token cannot be
 *   identified; {@link InvalidLogprobError} for a null entry other than the first prompt token
 *
 * @example
 * ```ts
 * import { fromVllm, sequencePerplexity } from "passk";
 * const out = {
 *   prompt_token_ids: [10, 11],
 *   prompt_logprobs: [null, { "11": { logprob: -4, rank: 9, decoded_token: "?" }, "12": { logprob: -0.1, rank: 1, decoded_token: "!" } }],
 *   outputs: [{
 *     index: 0, text: " yes", token_ids: [20], cumulative_logprob: Math.log(0.5),
 *     logprobs: [{ "20": { logprob: Math.log(0.5), rank: 1, decoded_token: " yes" } }],
 *   }],
 * };
 * const seq = fromVllm(out, { includePrompt: true })[0]!;
 * console.log(seq.tokens, Array.from(seq.mask!), sequencePerplexity(seq).perplexity); // => [ '?', ' yes' ] [ 0, 1 ] 2
 * ```
 */
export function fromVllm(output: VllmRequestOutputLike, options: PromptAdapterOptions = {}): TokenLogprobs[] {
  const root = asObject(output, "output");
  const outputs = asArray(root["outputs"], "outputs");
  let prompt: RawToken[] = [];
  if (options.includePrompt === true) {
    const ids = root["prompt_token_ids"] === null || root["prompt_token_ids"] === undefined ? undefined : asArray(root["prompt_token_ids"], "prompt_token_ids");
    prompt = readVllmDicts(root["prompt_logprobs"], ids, "prompt_logprobs", "prompt_token_ids", undefined, 0);
  }
  return outputs.map((o, j) => {
    const out = asObject(o, `outputs[${j}]`);
    const ids = out["token_ids"] === null || out["token_ids"] === undefined ? undefined : asArray(out["token_ids"], `outputs[${j}].token_ids`);
    const generated = readVllmDicts(
      out["logprobs"],
      ids,
      `outputs[${j}].logprobs`,
      `outputs[${j}].token_ids`,
      j,
      prompt.length,
    );
    zeroStopTokenBytes(generated, endedOnStopToken(out), out["text"]);
    return buildSequence({
      source: "vllm",
      distribution: "raw",
      tokens: concat(prompt, generated),
      promptLength: prompt.length,
      sequence: j,
      options,
    });
  });
}
