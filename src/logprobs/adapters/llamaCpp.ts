/**
 * Adapter for the llama.cpp server's `/completion` `completion_probabilities`.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { DEFAULT_POSITIVE_TOLERANCE, invalidLogprob } from "../policy.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions, type RawToken } from "./buildSequence.js";
import { asArray, asObject, asString, asTokenId, bytesField, readLogprob, readTopList } from "./shape.js";

/**
 * One entry of `completion_probabilities` (request `n_probs` > 0). By default it carries
 * `logprob` / `top_logprobs`; with `post_sampling_probs: true` plain probabilities `prob` /
 * `top_probs` instead.
 *
 * @example
 * ```ts
 * const entry = { id: 3681, token: " Paris", bytes: [32, 80, 97, 114, 105, 115], logprob: -0.01, top_logprobs: [] };
 * console.log(entry.bytes.length); // => 6
 * ```
 */
export interface LlamaCppTokenProbability {
  /** Token id. */
  readonly id?: number;
  /** Token text. */
  readonly token: string;
  /** UTF-8 bytes of the token. */
  readonly bytes?: readonly number[] | null;
  /** Natural-log probability (probability 0 is written as about −3.4e38). */
  readonly logprob?: number;
  /** Top alternatives as logprobs. */
  readonly top_logprobs?: readonly {
    /** Token id of this alternative. */
    readonly id?: number;
    /** Text of this alternative token. */
    readonly token: string;
    /** Natural-log probability of this alternative token. */
    readonly logprob: number;
  }[];
  /** Plain probability (with `post_sampling_probs: true`). */
  readonly prob?: number;
  /** Top alternatives as plain probabilities (with `post_sampling_probs: true`). */
  readonly top_probs?: readonly {
    /** Token id of this alternative. */
    readonly id?: number;
    /** Text of this alternative token. */
    readonly token: string;
    /** Plain probability of this alternative token, after the samplers. */
    readonly prob: number;
  }[];
}

/**
 * The part of a llama.cpp server `/completion` response this adapter reads.
 *
 * @example
 * ```ts
 * import { fromLlamaCpp } from "passk";
 * const res = { content: "a", completion_probabilities: [{ id: 1, token: "a", logprob: -1, top_logprobs: [] }] };
 * console.log(fromLlamaCpp(res).distribution); // => raw
 * ```
 */
export interface LlamaCppResponseLike {
  /** One entry per generated token. */
  readonly completion_probabilities: readonly LlamaCppTokenProbability[];
  /** Other fields (`content`, `timings`, ...) are ignored. */
  readonly [key: string]: unknown;
}

function probToLogprob(p: number, field: string, position: number): number {
  if (!(p >= 0 && p <= 1 + DEFAULT_POSITIVE_TOLERANCE)) throw invalidLogprob("probability-out-of-range", p, position, undefined, field);
  // p = 0 (outside top-p, say) gives −Infinity: the metrics' policy decides.
  return Math.log(p);
}

/**
 * Normalizes a llama.cpp server `/completion` response into one {@link TokenLogprobs}, source
 * `"llama.cpp"`.
 *
 * - Default entries `{ id, token, bytes, logprob, top_logprobs }`: distribution `"raw"` (the
 *   softmax of the logits before the sampler chain). Probability 0 appears as ≈ −3.4e38, caught
 *   by the sentinel threshold.
 * - With `post_sampling_probs: true`, entries `{ id, token, bytes, prob, top_probs }` hold plain
 *   probabilities after the samplers: converted with Math.log, distribution `"post-sampling"`.
 *   prob 0 becomes −Infinity, handled by the metrics' policy; prob outside [0, 1] throws.
 *
 * A response mixing both kinds of entry is rejected. For llama.cpp's OpenAI-compatible
 * `/v1/chat/completions`, use {@link fromOpenAIChat}.
 *
 * @param response - the parsed response JSON
 * @param options - {@link AdapterOptions}
 * @throws {@link InvalidArgumentError} for a wrong or mixed shape; {@link InvalidLogprobError}
 *   for a probability outside [0, 1] or a null value
 *
 * @example
 * ```ts
 * import { fromLlamaCpp, sequencePerplexity } from "passk";
 * const response = {
 *   content: " Paris.",
 *   completion_probabilities: [
 *     { id: 3681, token: " Paris", bytes: [32, 80, 97, 114, 105, 115], prob: 0.5, top_probs: [{ id: 3681, token: " Paris", bytes: [32, 80, 97, 114, 105, 115], prob: 0.5 }] },
 *     { id: 13, token: ".", bytes: [46], prob: 0.125, top_probs: [] },
 *   ],
 * };
 * const seq = fromLlamaCpp(response);
 * console.log(seq.distribution, sequencePerplexity(seq).perplexity); // => post-sampling 4
 * ```
 */
export function fromLlamaCpp(response: LlamaCppResponseLike, options: AdapterOptions = {}): TokenLogprobs {
  const list = asArray(asObject(response, "response")["completion_probabilities"], "completion_probabilities", " (request n_probs > 0)");
  let kind: "logprob" | "prob" | undefined;
  const tokens: RawToken[] = list.map((item, j) => {
    const f = `completion_probabilities[${j}]`;
    const o = asObject(item, f);
    const k = "prob" in o ? "prob" : "logprob" in o ? "logprob" : undefined;
    if (k === undefined) {
      throw new InvalidArgumentError(`${f} has neither logprob nor prob (an old llama.cpp format?)`, { field: f });
    }
    if (kind !== undefined && kind !== k) {
      throw new InvalidArgumentError(`${f} holds ${k} but earlier entries hold ${kind}: mixed formats`, { field: f });
    }
    kind = k;
    const raw = readLogprob(o[k], `${f}.${k}`, j, undefined);
    const logprob = raw === null || k === "logprob" ? raw : probToLogprob(raw, `${f}.prob`, j);
    const top =
      k === "logprob"
        ? readTopList(o["top_logprobs"], `${f}.top_logprobs`, j, undefined)
        : readTopList(o["top_probs"], `${f}.top_probs`, j, undefined, "token", "prob", (p, field) => probToLogprob(p, field, j));
    return {
      token: asString(o["token"], `${f}.token`),
      logprob,
      bytes: bytesField(o["bytes"], `${f}.bytes`),
      top,
      id: o["id"] === undefined ? undefined : asTokenId(o["id"], `${f}.id`),
    };
  });
  return buildSequence({
    source: "llama.cpp",
    distribution: kind === "prob" ? "post-sampling" : "raw",
    tokens,
    promptLength: 0,
    sequence: undefined,
    options,
  });
}
