/**
 * Assembles adapter output into a {@link TokenLogprobs}: drops the unscored first prompt token,
 * builds the response mask, decides whether bytes, top lists and ids are complete. Internal.
 * @internal
 * @module
 */
import { InvalidArgumentError } from "../../errors/errors.js";
import { invalidLogprob } from "../policy.js";
import type { LogprobDistribution, TokenLogprobs, TopLogprob } from "../tokenLogprobs.js";
import { tokenByteLength } from "../utf8.js";

/**
 * Options every adapter accepts.
 *
 * @example
 * ```ts
 * import { fromOllama } from "passk";
 * const seq = fromOllama({ logprobs: [{ token: "a", logprob: -1 }, { token: "b", logprob: -2 }] }, { responseStart: 1 });
 * console.log(Array.from(seq.mask!), seq.distribution); // => [ 0, 1 ] unknown
 * ```
 */
export interface AdapterOptions {
  /** Override the adapter's note of which distribution the engine reports (see {@link LogprobDistribution}). */
  readonly distribution?: LogprobDistribution;
  /**
   * A null logprob anywhere but the first prompt token: `"throw"` (default) an
   * {@link InvalidLogprobError}, or store `NaN` so the metrics' policy (`onInvalid`) decides.
   */
  readonly nullLogprob?: "throw" | "nan";
  /**
   * Index of the first response token in the token list as the API returned it (prompt tokens
   * first, counting the unscored first one). Default: the first generated token.
   */
  readonly responseStart?: number;
  /** Index one past the last response token (default: the end). */
  readonly responseEnd?: number;
}

/**
 * Options of adapters for engines that can score the prompt too.
 *
 * @example
 * ```ts
 * import { fromSGLang } from "passk";
 * import type { SGLangResponseLike } from "passk";
 * const res: SGLangResponseLike = { meta_info: { input_token_logprobs: [[null, 1, "Q"], [-2, 2, ":"]], output_token_logprobs: [[-0.5, 3, "A"]] } };
 * const seq = fromSGLang(res, { includePrompt: true });
 * console.log(seq.tokens, Array.from(seq.mask!), seq.unscoredPrefix); // => [ ':', 'A' ] [ 0, 1 ] [ 'Q' ]
 * ```
 */
export interface PromptAdapterOptions extends AdapterOptions {
  /** Prepend the scored prompt tokens (mask 0 by default) to the generated ones. Default false. */
  readonly includePrompt?: boolean;
}

/** One token as read from an API. @internal */
export interface RawToken {
  readonly token: string;
  readonly logprob: number | null;
  /**
   * Byte length when the API gives it (0 for a special token the server leaves out of the text);
   * otherwise derived from the text when possible.
   */
  readonly bytes?: number | undefined;
  readonly top?: readonly TopLogprob[];
  readonly id?: number | undefined;
}

/** @internal */
export interface BuildArgs {
  readonly source: string;
  readonly distribution: LogprobDistribution;
  /** Prompt tokens first, then generated ones. */
  readonly tokens: readonly RawToken[];
  /** How many leading entries of `tokens` are prompt tokens. */
  readonly promptLength: number;
  readonly sequence: number | undefined;
  readonly options: AdapterOptions;
}

function checkIndex(v: unknown, field: string, max: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v > max) {
    throw new InvalidArgumentError(`${field} must be an integer in [0, ${max}], got ${String(v)}`, { field, value: v });
  }
  return v;
}

/** @internal */
export function buildSequence(args: BuildArgs): TokenLogprobs {
  const { tokens: raw, promptLength, sequence, options } = args;
  const total = raw.length;
  const wantMask = promptLength > 0 || options.responseStart !== undefined || options.responseEnd !== undefined;
  const start = options.responseStart === undefined ? promptLength : checkIndex(options.responseStart, "responseStart", total);
  const end = options.responseEnd === undefined ? total : checkIndex(options.responseEnd, "responseEnd", total);
  if (start > end) {
    throw new InvalidArgumentError(`responseStart ${start} is after responseEnd ${end}`, { field: "responseStart", value: start });
  }
  const first = raw[0];
  const dropFirst = promptLength > 0 && first !== undefined && (first.logprob === null || Number.isNaN(first.logprob));
  if (dropFirst && start === 0 && end > 0) {
    throw invalidLogprob(
      "null",
      first.logprob,
      0,
      sequence,
      "responseStart",
      ": the first prompt token has no logprob (nothing precedes it) and cannot be a response token; responseStart must be >= 1",
    );
  }
  const from = dropFirst ? 1 : 0;
  const n = total - from;
  const tokens = new Array<string>(n);
  const logprobs = new Float64Array(n);
  const mask = wantMask ? new Uint8Array(n) : undefined;
  const bytes = new Array<number>(n);
  let bytesKnown = true;
  // Top lists and ids are often absent: their arrays are made when the first one shows up.
  let top: (readonly TopLogprob[])[] | undefined;
  let anyTop = false;
  let idsKnown = n > 0 && (raw[from] as RawToken).id !== undefined;
  const ids = idsKnown ? new Array<number>(n) : [];
  for (let i = from; i < total; i++) {
    const t = raw[i] as RawToken;
    const k = i - from;
    tokens[k] = t.token;
    let lp = t.logprob;
    if (lp === null) {
      if (options.nullLogprob !== "nan") {
        throw invalidLogprob("null", lp, i, sequence, undefined, ' (pass nullLogprob: "nan" to let the metrics\' onInvalid policy count it)');
      }
      lp = Number.NaN;
    }
    logprobs[k] = lp;
    if (mask !== undefined) mask[k] = i >= start && i < end ? 1 : 0;
    if (bytesKnown) {
      const b = t.bytes ?? tokenByteLength(t.token);
      if (b === undefined) bytesKnown = false;
      else bytes[k] = b;
    }
    if (t.top !== undefined) {
      top ??= new Array<readonly TopLogprob[]>(n);
      top[k] = t.top;
      if (t.top.length > 0) anyTop = true;
    }
    if (idsKnown) {
      if (t.id === undefined) idsKnown = false;
      else ids[k] = t.id;
    }
  }
  const out: {
    -readonly [K in keyof TokenLogprobs]: TokenLogprobs[K];
  } = { source: args.source, distribution: options.distribution ?? args.distribution, tokens, logprobs };
  if (mask !== undefined) out.mask = mask;
  if (bytesKnown) out.bytes = bytes;
  if (anyTop && top !== undefined) {
    // A token without alternatives has an empty list.
    for (let k = 0; k < n; k++) top[k] ??= [];
    out.top = top;
  }
  if (idsKnown && n > 0) out.tokenIds = ids;
  if (dropFirst) out.unscoredPrefix = [first.token];
  return out;
}
