/**
 * Adapter for the llama.cpp server's `/completion` `completion_probabilities`, from a response or
 * the chunks of a stream, in the current and the pre-2025 format.
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { InvalidLogprobError } from "../invalidLogprobError.js";
import { DEFAULT_POSITIVE_TOLERANCE, invalidLogprob } from "../policy.js";
import type { TokenLogprobs } from "../tokenLogprobs.js";
import { buildSequence, type AdapterOptions, type RawToken } from "./buildSequence.js";
import { appendAll, asArray, asIndex, asObject, asString, asTokenId, bytesField, readLogprob, readTopList } from "./shape.js";

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
 * One entry of `completion_probabilities` in the format of llama.cpp before December 2024 (and of
 * ik_llama.cpp): the sampled token's text in `content` and the top `n_probs` candidates as plain
 * probabilities after the sampler chain. A partial UTF-8 character is spelled `"byte: \\xNN"`.
 *
 * @example
 * ```ts
 * const entry = { content: " Paris", probs: [{ tok_str: " Paris", prob: 0.75 }, { tok_str: " Lyon", prob: 0.25 }] };
 * console.log(entry.probs.length); // => 2
 * ```
 */
export interface LlamaCppLegacyTokenProbability {
  /** The sampled token's text. */
  readonly content: string;
  /** The top candidates (the sampled one among them when it ranks within `n_probs`). */
  readonly probs: readonly {
    /** Candidate token text. */
    readonly tok_str: string;
    /** Its probability after the samplers. */
    readonly prob: number;
  }[];
}

/**
 * The part of a llama.cpp server `/completion` response (or of one streamed chunk) this adapter
 * reads. Other fields (`content`, `timings`, ...) are allowed and ignored.
 *
 * @example
 * ```ts
 * import { fromLlamaCpp } from "passk";
 * const res = { content: "a", completion_probabilities: [{ id: 1, token: "a", logprob: -1, top_logprobs: [] }] };
 * console.log(fromLlamaCpp(res).distribution); // => raw
 * ```
 */
export interface LlamaCppResponseLike {
  /** One entry per generated token (absent on stream chunks that carry none). */
  readonly completion_probabilities?: readonly (LlamaCppTokenProbability | LlamaCppLegacyTokenProbability)[] | null;
  /** Which prompt of a multi-prompt request this result belongs to. */
  readonly index?: number;
  /** True on the final result (the last chunk of a stream). */
  readonly stop?: boolean;
}

/**
 * Options of {@link fromLlamaCpp}.
 *
 * @example
 * ```ts
 * import { fromLlamaCpp } from "passk";
 * const results = [
 *   { index: 0, stop: true, completion_probabilities: [{ id: 1, token: "a", logprob: -1, top_logprobs: [] }] },
 *   { index: 1, stop: true, completion_probabilities: [{ id: 2, token: "b", logprob: -2, top_logprobs: [] }] },
 * ];
 * console.log(fromLlamaCpp(results, { index: 1 }).tokens); // => [ 'b' ]
 * ```
 */
export interface LlamaCppOptions extends AdapterOptions {
  /**
   * With an array holding results of several prompts (each element's `index`), the prompt to read.
   * Required then: results of different prompts are never concatenated.
   */
  readonly index?: number;
}

function probToLogprob(p: number, field: string, position: number): number {
  if (!(p >= 0 && p <= 1 + DEFAULT_POSITIVE_TOLERANCE)) throw invalidLogprob("probability-out-of-range", p, position, undefined, field);
  // p = 0 (outside top-p, say) gives −Infinity: the metrics' policy decides.
  return Math.log(p);
}

type EntryKind = "logprob" | "prob" | "legacy";

/** Reads the entries of one `completion_probabilities` list; `kind` carries the format across chunks. */
function readEntries(list: readonly unknown[], field: string, offset: number, state: { kind: EntryKind | undefined }, options: AdapterOptions): RawToken[] {
  const out = new Array<RawToken>(list.length);
  for (let j = 0; j < list.length; j++) {
    const f = `${field}[${j}]`;
    const position = offset + j;
    const o = asObject(list[j], f);
    const k: EntryKind | undefined = "prob" in o ? "prob" : "logprob" in o ? "logprob" : "probs" in o && "content" in o ? "legacy" : undefined;
    if (k === undefined) {
      throw new InvalidArgumentError(`${f} has none of logprob, prob, or content + probs: not a llama.cpp completion probability`, { field: f });
    }
    if (state.kind !== undefined && state.kind !== k) {
      throw new InvalidArgumentError(`${f} holds ${k} but earlier entries hold ${state.kind}: mixed formats`, { field: f });
    }
    state.kind = k;
    if (k === "legacy") {
      out[j] = readLegacyEntry(o, f, position, options);
      continue;
    }
    const raw = readLogprob(o[k], `${f}.${k}`, position, undefined);
    const logprob = raw === null || k === "logprob" ? raw : probToLogprob(raw, `${f}.prob`, position);
    const top =
      k === "logprob"
        ? readTopList(o["top_logprobs"], `${f}.top_logprobs`, position, undefined)
        : readTopList(o["top_probs"], `${f}.top_probs`, position, undefined, "token", "prob", (p, tf) => probToLogprob(p, tf, position));
    out[j] = {
      token: asString(o["token"], `${f}.token`),
      logprob,
      bytes: bytesField(o["bytes"], `${f}.bytes`),
      top,
      id: o["id"] === undefined ? undefined : asTokenId(o["id"], `${f}.id`),
    };
  }
  return out;
}

const LEGACY_BYTE = /^byte: \\x[0-9a-fA-F]{2}$/;

/** `{ content, probs: [{ tok_str, prob }] }`: the sampled token's probability is its entry in `probs`. */
function readLegacyEntry(o: Readonly<Record<string, unknown>>, f: string, position: number, options: AdapterOptions): RawToken {
  const token = asString(o["content"], `${f}.content`);
  const top = readTopList(o["probs"], `${f}.probs`, position, undefined, "tok_str", "prob", (p, tf) => probToLogprob(p, tf, position));
  let logprob: number | null = null;
  for (const t of top) {
    if (t.token !== token) continue;
    if (logprob !== null && !Object.is(logprob, t.logprob)) {
      // Without token ids two candidates with the same text cannot be told apart.
      throw new InvalidArgumentError(`${f}.probs lists the sampled token ${JSON.stringify(token)} twice with different probabilities: which one was sampled is unknown`, {
        field: `${f}.probs`,
      });
    }
    logprob = t.logprob;
  }
  if (logprob === null && options.nullLogprob !== "nan") {
    throw new InvalidLogprobError(
      `the sampled token ${JSON.stringify(token)} at position ${position} is not among the ${top.length} candidates of ${f}.probs, ` +
        `so its probability is unknown (request a larger n_probs, or pass nullLogprob: "nan" to let the metrics' onInvalid policy count it)`,
      { reason: "null", position, field: `${f}.probs` },
    );
  }
  return { token, logprob, bytes: LEGACY_BYTE.test(token) ? 1 : undefined, top };
}

/**
 * Normalizes a llama.cpp server `/completion` response, or the array of chunks of a streamed one,
 * into one {@link TokenLogprobs}, source `"llama.cpp"`.
 *
 * - Default entries `{ id, token, bytes, logprob, top_logprobs }`: distribution `"raw"` (the
 *   softmax of the logits before the sampler chain). Probability 0 appears as ≈ −3.4e38, caught
 *   by the sentinel threshold.
 * - With `post_sampling_probs: true`, entries `{ id, token, bytes, prob, top_probs }` hold plain
 *   probabilities after the samplers: converted with Math.log, distribution `"post-sampling"`.
 *   prob 0 becomes −Infinity, handled by the metrics' policy; prob outside [0, 1] throws.
 * - The format before December 2024 (also ik_llama.cpp), `{ content, probs: [{ tok_str, prob }] }`:
 *   plain probabilities of the top candidates after the samplers (distribution
 *   `"post-sampling"`); the sampled token's probability is its candidate entry. A sampled token
 *   outside the candidates has no known probability: an {@link InvalidLogprobError} (reason
 *   `"null"`), or NaN for the metrics' policy with `nullLogprob: "nan"`. `"byte: \\xNN"` spellings
 *   of partial characters count 1 byte.
 *
 * An array is read as the chunks of one stream (`stream: true`): the entries of its chunks are
 * concatenated in order. The final chunk (`stop: true`) of older servers repeats every entry: it
 * is recognized (same tokens) and not counted twice. Elements of different `index` (several
 * prompts) are never concatenated: pass `index` to pick one. A response mixing entry formats is
 * rejected. For llama.cpp's OpenAI-compatible `/v1/chat/completions`, use {@link fromOpenAIChat}.
 *
 * @typeParam R - the response or chunk array type (inferred; any object with these fields)
 * @param response - the parsed response JSON, or the array of parsed stream chunks / results
 * @param options - {@link LlamaCppOptions}
 * @throws {@link InvalidArgumentError} for a wrong or mixed shape, results of several prompts
 *   without `index`, or a chunk after the final one; {@link InvalidLogprobError} for a probability
 *   outside [0, 1] or a null value
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
 *
 * @example
 * ```ts
 * import { fromLlamaCpp, sequencePerplexity } from "passk";
 * // a stream: one entry per chunk, then the final chunk with no entries
 * const chunks = [
 *   { index: 0, content: "Hi", stop: false, completion_probabilities: [{ id: 1, token: "Hi", bytes: [72, 105], logprob: Math.log(0.5), top_logprobs: [] }] },
 *   { index: 0, content: "!", stop: false, completion_probabilities: [{ id: 2, token: "!", bytes: [33], logprob: Math.log(0.5), top_logprobs: [] }] },
 *   { index: 0, content: "", stop: true, stop_type: "eos", tokens_predicted: 2 },
 * ];
 * const seq = fromLlamaCpp(chunks);
 * console.log(seq.tokens, sequencePerplexity(seq).perplexity); // => [ 'Hi', '!' ] 2
 * ```
 */
export function fromLlamaCpp<R extends LlamaCppResponseLike | readonly LlamaCppResponseLike[]>(
  response: R,
  options: LlamaCppOptions = {},
): TokenLogprobs {
  const state: { kind: EntryKind | undefined } = { kind: undefined };
  let tokens: RawToken[];
  if (Array.isArray(response)) tokens = readChunks(response as readonly unknown[], state, options);
  else {
    const list = asArray(asObject(response, "response")["completion_probabilities"], "completion_probabilities", " (request n_probs > 0)");
    tokens = readEntries(list, "completion_probabilities", 0, state, options);
  }
  return buildSequence({
    source: "llama.cpp",
    distribution: state.kind === "prob" || state.kind === "legacy" ? "post-sampling" : "raw",
    tokens,
    promptLength: 0,
    sequence: undefined,
    options,
  });
}

function readChunks(chunks: readonly unknown[], state: { kind: EntryKind | undefined }, options: LlamaCppOptions): RawToken[] {
  const indices = new Set<number>();
  const objects = chunks.map((c, i) => {
    const o = asObject(c, `response[${i}]`);
    indices.add(o["index"] === undefined || o["index"] === null ? 0 : asIndex(o["index"], `response[${i}].index`));
    return o;
  });
  let want: number;
  if (options.index !== undefined) {
    want = asIndex(options.index, "index");
    if (!indices.has(want)) {
      throw new InvalidArgumentError(`no element has index ${want} (indices present: ${Array.from(indices).join(", ")})`, { field: "index", value: want });
    }
  } else if (indices.size > 1) {
    throw new InvalidArgumentError(
      `the array holds results of ${indices.size} prompts (index ${Array.from(indices).join(", ")}): pass { index } to read one (results of different prompts are never concatenated)`,
      { field: "index" },
    );
  } else want = indices.values().next().value ?? 0;

  const tokens: RawToken[] = [];
  let stopped = -1;
  let sawList = false;
  objects.forEach((o, i) => {
    const index = o["index"] === undefined || o["index"] === null ? 0 : (o["index"] as number);
    if (index !== want) return;
    const f = `response[${i}]`;
    if (stopped >= 0) {
      throw new InvalidArgumentError(`${f} follows the final chunk response[${stopped}] (stop: true) of prompt ${want}: pass one stream or one result at a time`, {
        field: `${f}.stop`,
      });
    }
    const isFinal = o["stop"] === true;
    if (isFinal) stopped = i;
    const raw = o["completion_probabilities"];
    if (raw === null || raw === undefined) return;
    const list = asArray(raw, `${f}.completion_probabilities`);
    sawList = true;
    if (isFinal && tokens.length > 0) {
      // Older servers repeat every entry in the final chunk of a stream (with the entries of a
      // held-back stop word at the end): keep the full list when it starts with what the chunks
      // sent, never add it to them.
      const full = readEntries(list, `${f}.completion_probabilities`, 0, state, options);
      const same = full.length >= tokens.length && tokens.every((t, j) => t.token === full[j]?.token && Object.is(t.logprob, full[j]?.logprob));
      if (!same) {
        throw new InvalidArgumentError(
          `${f}.completion_probabilities (final chunk, ${full.length} entries) neither repeats nor extends the ${tokens.length} entries of the earlier chunks: mixed recordings?`,
          { field: `${f}.completion_probabilities`, value: full.length },
        );
      }
      tokens.length = 0;
      appendAll(tokens, full);
      return;
    }
    appendAll(tokens, readEntries(list, `${f}.completion_probabilities`, tokens.length, state, options));
  });
  if (!sawList) {
    throw new InvalidArgumentError(`no element of the array carries completion_probabilities (request n_probs > 0)`, { field: "completion_probabilities" });
  }
  return tokens;
}
