/**
 * Where a response starts among the tokens a server echoed: an exact alignment of the token texts
 * with the UTF-8 bytes of prompt + response, never a guess from token counts.
 * @module
 */
import { Buffer } from "node:buffer";
import { ScoringRecordError } from "./scoringErrors.js";

/**
 * What to do with a token that spans the end of the prompt and the start of the response (a
 * tokenizer merges across the boundary, e.g. a prompt ending in a space before a word):
 * `"error"` (default) rejects the record (reason `"straddling-token"`), `"exclude"` leaves the
 * token out (the response is scored from the next token), `"include"` scores it as the first
 * response token (its probability then covers a few prompt characters too). Either way the
 * record says which happened.
 *
 * @example
 * ```ts
 * import { locateResponse } from "passk/node";
 * const loc = locateResponse(["Q", ":", " 4", "2"], "Q: ", "42", { straddle: "exclude" });
 * console.log(loc.start, loc.straddle); // => 3 excluded
 * ```
 */
export type StraddlePolicy = "error" | "exclude" | "include";

/**
 * Options of {@link locateResponse}.
 *
 * @example
 * ```ts
 * import type { LocateOptions } from "passk/node";
 * const options: LocateOptions = { straddle: "include", maxLeadingTokens: 2 };
 * console.log(options.straddle); // => include
 * ```
 */
export interface LocateOptions {
  /** See {@link StraddlePolicy}; default `"error"`. */
  readonly straddle?: StraddlePolicy;
  /**
   * Tokens the server may echo before the text it was sent (a BOS such as `<|begin_of_text|>`),
   * at most this many (default 4). They belong to the prompt.
   */
  readonly maxLeadingTokens?: number;
}

/**
 * The response's place in the echoed token list (indices count every echoed token, the unscored
 * first one included, as the API returned them).
 *
 * @example
 * ```ts
 * import { locateResponse } from "passk/node";
 * const loc = locateResponse(["<s>", "2", "+", "2", "=", " 4"], "2+2=", " 4");
 * console.log(loc.start, loc.end, loc.leadingTokens, loc.tokenBytes); // => 5 6 1 [ 0, 1, 1, 1, 1, 2 ]
 * ```
 */
export interface ResponseLocation {
  /** Index of the first scored response token. */
  readonly start: number;
  /** One past the last response token: the number of echoed tokens. */
  readonly end: number;
  /** Whether a token straddled the boundary, and what was done with it. */
  readonly straddle: "none" | "excluded" | "included";
  /** Tokens echoed before the text that was sent (e.g. a BOS token). */
  readonly leadingTokens: number;
  /**
   * UTF-8 bytes of prompt + response each token covers, from the alignment (0 for leading
   * tokens). A token whose text is a partial character gets its true share of the bytes.
   */
  readonly tokenBytes: readonly number[];
}

const REPLACEMENT = 0xfffd;
const BYTE_ESCAPES = /^bytes:((?:\\x[0-9a-fA-F]{2})+)$/;

function isLoneSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return !(d >= 0xdc00 && d <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = i > 0 ? text.charCodeAt(i - 1) : 0;
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}

/**
 * End of `text` matched against `b` at `pos` (UTF-8 encoded on the fly, no allocation), or −1.
 * Lone surrogates never match (callers route them to the partial matcher).
 */
function matchText(b: Uint8Array, pos: number, text: string, from = 0, to = text.length): number {
  let p = pos;
  const n = b.length;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (p >= n || b[p] !== c) return -1;
      p++;
    } else if (c < 0x800) {
      if (p + 1 >= n || b[p] !== (0xc0 | (c >> 6)) || b[p + 1] !== (0x80 | (c & 0x3f))) return -1;
      p += 2;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return -1;
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      if (
        p + 3 >= n ||
        b[p] !== (0xf0 | (cp >> 18)) ||
        b[p + 1] !== (0x80 | ((cp >> 12) & 0x3f)) ||
        b[p + 2] !== (0x80 | ((cp >> 6) & 0x3f)) ||
        b[p + 3] !== (0x80 | (cp & 0x3f))
      ) {
        return -1;
      }
      p += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return -1;
    } else {
      if (p + 2 >= n || b[p] !== (0xe0 | (c >> 12)) || b[p + 1] !== (0x80 | ((c >> 6) & 0x3f)) || b[p + 2] !== (0x80 | (c & 0x3f))) return -1;
      p += 3;
    }
  }
  return p;
}

/** Length of the UTF-8 sequence a lead byte announces (1 for ASCII, 0 for a byte that cannot lead). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * The byte lengths one U+FFFD (or lone surrogate) can stand for at `p`, as a lossy UTF-8 decoder
 * (Python's `errors="replace"`, Rust's `from_utf8_lossy`, used by the Hugging Face decoders)
 * writes it: a lead byte followed by fewer continuation bytes than it announces (a character cut
 * by the token boundary), a lone continuation or invalid byte, or a genuine U+FFFD in the text.
 */
function replacementLengths(b: Uint8Array, p: number, out: number[]): void {
  out.length = 0;
  if (p >= b.length) return;
  const lead = b[p] as number;
  if (lead < 0x80) return;
  if (lead === 0xef && b[p + 1] === 0xbf && b[p + 2] === 0xbd) out.push(3);
  const want = sequenceLength(lead);
  if (want === 0) {
    out.push(1);
    return;
  }
  // A truncated sequence: the lead and 0..want−2 continuation bytes.
  let len = 1;
  out.push(1);
  while (len < want - 1 && p + len < b.length && ((b[p + len] as number) & 0xc0) === 0x80) {
    len++;
    out.push(len);
  }
}

const replacementOnly: number[] = [];

/** Every end position of a partial-character token matched at `pos`. */
function matchPartial(b: Uint8Array, pos: number, text: string, ends: Set<number>): void {
  // The usual partial token, one byte of a split character read alone: each length the
  // replacement can stand for is an end (what the walk below finds, without its allocations).
  if (text.length === 1 && text.charCodeAt(0) === REPLACEMENT) {
    replacementLengths(b, pos, replacementOnly);
    for (let i = 0; i < replacementOnly.length; i++) ends.add(pos + (replacementOnly[i] as number));
    return;
  }
  const lengths: number[] = [];
  const walk = (i: number, p: number): void => {
    // Copy the literal run up to the next replacement character in one go.
    let j = i;
    while (j < text.length && text.charCodeAt(j) !== REPLACEMENT && !isLoneSurrogate(text, j)) j++;
    const q = j > i ? matchText(b, p, text, i, j) : p;
    if (q < 0) return;
    if (j >= text.length) {
      ends.add(q);
      return;
    }
    replacementLengths(b, q, lengths);
    for (const len of [...lengths]) walk(j + 1, q + len);
  };
  walk(0, pos);
}

/** Whether byte `p` of `b` starts a character (or is the end). */
function atCharStart(b: Uint8Array, p: number): boolean {
  return p >= b.length || ((b[p] as number) & 0xc0) !== 0x80;
}

function describeAt(b: Uint8Array, pos: number): string {
  const before = Buffer.from(b.subarray(0, pos)).toString("utf8");
  const after = Buffer.from(b.subarray(pos, Math.min(b.length, pos + 24))).toString("utf8");
  return `character ${[...before].length} (${JSON.stringify(after)}${b.length > pos + 24 ? "..." : ""})`;
}

/** The alignment's outcome: the first token at or after the boundary, a straddling token, bytes. */
interface Alignment {
  readonly firstResponse: number;
  readonly straddle: number;
  readonly leading: number;
  readonly tokenBytes: number[];
}

const TEXT = 0;
const BYTES = 1;
const PARTIAL = 2;
const UNKNOWN = 3;
const SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * How a token's text can match: as plain text, exact bytes, with partial characters, or anything.
 * (A lone surrogate also marks a partial character; it is rare, so it is looked for only when
 * the text fails to match as plain text.)
 */
function kindOf(text: string | null): number {
  if (text === null) return UNKNOWN;
  if (text.charCodeAt(0) === 98 && BYTE_ESCAPES.test(text)) return BYTES;
  if (text.indexOf("\uFFFD") >= 0) return PARTIAL;
  return TEXT;
}

function hasLoneSurrogate(text: string): boolean {
  if (!SURROGATE.test(text)) return false;
  for (let i = 0; i < text.length; i++) if (isLoneSurrogate(text, i)) return true;
  return false;
}

function escapedBytes(text: string): Uint8Array {
  const hex = (BYTE_ESCAPES.exec(text) as RegExpExecArray)[1] as string;
  const bytes = new Uint8Array(hex.length / 4);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(4 * i + 2, 4 * i + 4), 16);
  return bytes;
}

// A state of the alignment after some tokens, stored flat in an Int32Array (no object per token:
// this runs over every echoed token of every record).
const POS = 0; // bytes of the text matched so far
const START = 1; // where the last token started
const PREV = 2; // index of the predecessor state
const FIRST = 3; // first token at or after the boundary, or −1
const STRADDLE = 4; // the token spanning the boundary, or −1
const LEAD = 5; // 2 · leading tokens + 1 while every token so far was a leading one
const STRADDLE_FROM = 6; // bytes of the straddling token, or −1: two alignments that differ here
const STRADDLE_TO = 7; // score different bytes (bits per byte), so they must not be merged
const FIELDS = 8;

// The states' storage, kept from one call to the next (allocating and zeroing a typed array of 8
// ints per token was a large part of a call's cost). Every state is written before it is read,
// so what an earlier call left in it does not matter. Large ones are not kept.
let kept = new Int32Array(0);
const KEEP_AT_MOST = 1 << 20;

function scratch(length: number): Int32Array {
  if (kept.length >= length) return kept;
  const fresh = new Int32Array(length);
  if (length <= KEEP_AT_MOST) kept = fresh;
  return fresh;
}

/**
 * Aligns the tokens with the text: a frontier of partial alignments, token by token. A plain-text
 * token has one way to continue a state, so the frontier stays at one state unless partial
 * characters, an unknown text or leading tokens open alternatives.
 */
function align(tokenTexts: readonly (string | null)[], b: Buffer, b0: number, maxLeading: number): Alignment {
  const n = tokenTexts.length;
  let pool = scratch(FIELDS * Math.max(16, n + 8));
  let size = 0;
  const add = (
    pos: number,
    start: number,
    prev: number,
    first: number,
    straddle: number,
    lead: number,
    from: number,
    to: number,
    stepStart: number,
  ): void => {
    // Same position, boundary outcome and leading status as a state of this step: the same future,
    // so one is kept, the one that assumed fewer leading tokens.
    for (let i = stepStart; i < size; i++) {
      const o = i * FIELDS;
      if (
        pool[o + POS] === pos &&
        pool[o + FIRST] === first &&
        pool[o + STRADDLE] === straddle &&
        pool[o + STRADDLE_FROM] === from &&
        pool[o + STRADDLE_TO] === to &&
        ((pool[o + LEAD] as number) & 1) === (lead & 1)
      ) {
        if (lead < (pool[o + LEAD] as number)) {
          pool[o + START] = start;
          pool[o + PREV] = prev;
          pool[o + LEAD] = lead;
        }
        return;
      }
    }
    if ((size + 1) * FIELDS > pool.length) {
      const grown = new Int32Array(pool.length * 2);
      grown.set(pool);
      pool = grown;
    }
    const o = size * FIELDS;
    pool[o + POS] = pos;
    pool[o + START] = start;
    pool[o + PREV] = prev;
    pool[o + FIRST] = first;
    pool[o + STRADDLE] = straddle;
    pool[o + LEAD] = lead;
    pool[o + STRADDLE_FROM] = from;
    pool[o + STRADDLE_TO] = to;
    size++;
  };
  add(0, 0, -1, -1, -1, 1, -1, -1, 0);
  let from = 0;
  let to = 1;
  const ends = new Set<number>();
  // The furthest point where a path through the text (not only leading tokens) broke off.
  let brokeAt = -1;
  let brokeToken = -1;
  for (let j = 0; j < n; j++) {
    const text = tokenTexts[j] as string | null;
    const kind = kindOf(text);
    const stepStart = size;
    // The usual step: one alignment, past any leading tokens, and a plain-text token that
    // continues it. The general loop below would do exactly this (nothing to merge, one state to
    // add); done inline it costs a fraction. Any other case, a failed match included, goes on
    // to the general loop.
    if (kind === TEXT && to - from === 1 && ((pool[from * FIELDS + LEAD] as number) & 1) === 0) {
      const o = from * FIELDS;
      const pos = pool[o + POS] as number;
      const e = matchText(b, pos, text as string);
      if (e >= 0) {
        if ((size + 1) * FIELDS > pool.length) {
          const grown = new Int32Array(pool.length * 2);
          grown.set(pool);
          pool = grown;
        }
        const first = pool[o + FIRST] as number;
        const crosses = pos < b0 && e > b0;
        const q = size * FIELDS;
        pool[q + POS] = e;
        pool[q + START] = pos;
        pool[q + PREV] = from;
        pool[q + FIRST] = first < 0 && pos >= b0 ? j : first;
        pool[q + STRADDLE] = crosses ? j : (pool[o + STRADDLE] as number);
        pool[q + LEAD] = pool[o + LEAD] as number;
        pool[q + STRADDLE_FROM] = crosses ? pos : (pool[o + STRADDLE_FROM] as number);
        pool[q + STRADDLE_TO] = crosses ? e : (pool[o + STRADDLE_TO] as number);
        size++;
        from = stepStart;
        to = size;
        continue;
      }
    }
    for (let k = from; k < to; k++) {
      const o = k * FIELDS;
      const pos = pool[o + POS] as number;
      const lead = pool[o + LEAD] as number;
      const allLeading = (lead & 1) === 1;
      // A leading token is one the server added (a BOS): it has a text of its own, so a partial
      // character cannot be one (and an unknown text covers that case by matching zero bytes).
      if (allLeading && lead >> 1 < maxLeading && (kind === TEXT || kind === BYTES)) {
        add(pos, pos, k, -1, -1, lead + 2, -1, -1, stepStart);
      }
      const first = pool[o + FIRST] as number;
      const straddle = pool[o + STRADDLE] as number;
      const from = pool[o + STRADDLE_FROM] as number;
      const to = pool[o + STRADDLE_TO] as number;
      const firstAfter = first < 0 && pos >= b0 ? j : first;
      let matched = false;
      const e = kind === TEXT ? matchText(b, pos, text as string) : -1;
      if (e >= 0) {
        if (pos < b0 && e > b0) add(e, pos, k, firstAfter, j, lead & ~1, pos, e, stepStart);
        else add(e, pos, k, firstAfter, straddle, lead & ~1, from, to, stepStart);
        matched = true;
      } else if (kind !== TEXT || hasLoneSurrogate(text as string)) {
        ends.clear();
        if (kind === BYTES) {
          const bytes = escapedBytes(text as string);
          let ok = pos + bytes.length <= b.length;
          for (let i = 0; ok && i < bytes.length; i++) ok = b[pos + i] === bytes[i];
          if (ok) ends.add(pos + bytes.length);
        } else if (kind !== UNKNOWN) {
          matchPartial(b, pos, text as string, ends);
        } else {
          for (let x = pos; x <= b.length; x++) if (atCharStart(b, x)) ends.add(x);
        }
        for (const x of ends) {
          if (pos < b0 && x > b0) add(x, pos, k, firstAfter, j, lead & ~1, pos, x, stepStart);
          else add(x, pos, k, firstAfter, straddle, lead & ~1, from, to, stepStart);
        }
        matched = ends.size > 0;
      }
      if (!matched && !allLeading && pos >= brokeAt) {
        brokeAt = pos;
        brokeToken = j;
      }
    }
    from = stepStart;
    to = size;
    if (from === to) break;
  }

  const done: number[] = [];
  let furthest = -1;
  for (let k = from; k < to; k++) {
    const o = k * FIELDS;
    if (((pool[o + LEAD] as number) & 1) === 1) continue;
    furthest = Math.max(furthest, pool[o + POS] as number);
    if (pool[o + POS] === b.length) done.push(k);
  }
  if (done.length === 0) {
    if (brokeAt >= 0 && brokeAt >= furthest) {
      throw new ScoringRecordError(
        `the tokens the server echoed do not spell prompt + response, so the response cannot be located: echoed token ${brokeToken} ` +
          `${JSON.stringify(tokenTexts[brokeToken])} does not continue the text at ${describeAt(b, brokeAt)}`,
        { reason: "response-not-at-end", field: "response" },
      );
    }
    throw new ScoringRecordError(
      `the response does not appear at the end of the echoed text: the ${n} echoed tokens end at ${describeAt(b, Math.max(furthest, 0))} ` +
        `of the ${[...b.toString("utf8")].length} characters sent (did the server truncate the prompt?)`,
      { reason: "response-not-at-end", field: "response" },
    );
  }
  const outcomes = new Set(
    done.map((k) => [FIRST, STRADDLE, STRADDLE_FROM, STRADDLE_TO].map((f) => pool[k * FIELDS + f]).join("|")),
  );
  if (outcomes.size > 1) {
    throw new ScoringRecordError(
      `tokens holding partial characters (U+FFFD) can be read ${outcomes.size} ways that disagree on where the response starts; ` +
        `score this record with a server that returns token bytes`,
      { reason: "ambiguous-boundary", field: "response" },
    );
  }
  // Alignments that agree on the boundary may still differ in how many leading tokens they
  // assumed (a partial character elsewhere absorbing the difference): the fewest is the reading.
  let final = done[0] as number;
  for (const k of done) if ((pool[k * FIELDS + LEAD] as number) < (pool[final * FIELDS + LEAD] as number)) final = k;
  // Walk the predecessor links back: each token's start and end, hence its byte count.
  const tokenBytes = new Array<number>(n);
  for (let j = n - 1, k = final; j >= 0; j--) {
    const o = k * FIELDS;
    tokenBytes[j] = (pool[o + POS] as number) - (pool[o + START] as number);
    k = pool[o + PREV] as number;
  }
  const o = final * FIELDS;
  return { firstResponse: pool[o + FIRST] as number, straddle: pool[o + STRADDLE] as number, leading: (pool[o + LEAD] as number) >> 1, tokenBytes };
}

/**
 * Locates a response among the tokens a server echoed when it scored `prompt + response`: aligns
 * the token texts with the UTF-8 bytes of the text (from the end of the prompt, every byte must be
 * accounted for) and returns the index of the first response token.
 *
 * The token texts are the server's per-token decodings. Leading tokens not in the text (a BOS)
 * are allowed; a token text holding U+FFFD stands for part of a character (byte-level tokenizers
 * split rare characters), matched by the bytes a lossy decoder turns into U+FFFD; `bytes:\xNN`
 * spellings (OpenAI) are exact bytes; `null` is a token whose text the server did not give
 * (vLLM's first `prompt_logprobs` entry), matched by any prefix of the text. When these leave more
 * than one alignment, they must agree on the boundary.
 *
 * @param tokenTexts - every echoed prompt token's text, the unscored first one included
 * @param prompt - the prompt as sent (non-empty)
 * @param response - the response as sent (non-empty); the server was sent `prompt + response`
 * @param options - see {@link LocateOptions}
 * @throws {@link ScoringRecordError} with reason `"response-not-at-end"` when the tokens do not
 *   spell the text, `"straddling-token"` under the default straddle policy, `"ambiguous-boundary"`
 *   when partial characters leave the boundary undetermined
 *
 * @example
 * ```ts
 * import { locateResponse } from "passk/node";
 * // "é" (2 bytes) split into two byte tokens, each decoded alone as U+FFFD
 * const loc = locateResponse(["Say", ":", " caf", "\uFFFD", "\uFFFD"], "Say:", " café");
 * console.log(loc.start, loc.end, loc.tokenBytes); // => 2 5 [ 3, 1, 4, 1, 1 ]
 * ```
 */
export function locateResponse(
  tokenTexts: readonly (string | null)[],
  prompt: string,
  response: string,
  options: LocateOptions = {},
): ResponseLocation {
  const straddlePolicy = options.straddle ?? "error";
  const maxLeading = options.maxLeadingTokens ?? 4;
  const b = Buffer.from(prompt + response, "utf8");
  const b0 = Buffer.byteLength(prompt, "utf8");
  const n = tokenTexts.length;
  const final = align(tokenTexts, b, b0, maxLeading);
  const { tokenBytes } = final;
  const leadingTokens = final.leading;

  let start = final.firstResponse;
  let straddle: ResponseLocation["straddle"] = "none";
  if (final.straddle >= 0) {
    const text = JSON.stringify(tokenTexts[final.straddle]);
    if (straddlePolicy === "error") {
      throw new ScoringRecordError(
        `token ${final.straddle} ${text} spans the end of the prompt and the start of the response (the tokenizer merged across ` +
          `the boundary): move the boundary (e.g. end the prompt before the space), or choose the straddle policy "exclude" or "include"`,
        { reason: "straddling-token", field: "response" },
      );
    }
    if (straddlePolicy === "include") {
      if (final.straddle === 0) {
        throw new ScoringRecordError(`the first echoed token ${text} spans the boundary and has no logprob: it cannot be scored`, {
          reason: "straddling-token",
          field: "response",
        });
      }
      start = final.straddle;
      straddle = "included";
    } else {
      straddle = "excluded";
    }
  }
  if (start < 0) start = n;
  if (start >= n) {
    throw new ScoringRecordError(`no echoed token lies wholly in the response: nothing to score`, { reason: "straddling-token", field: "response" });
  }
  return { start, end: n, straddle, leadingTokens, tokenBytes };
}
