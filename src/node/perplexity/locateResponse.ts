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

/** How one token's text can match: exact bytes, a pattern with partial characters, or anything. */
type TokenPattern =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "partial"; readonly text: string }
  | { readonly kind: "unknown" };

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

function patternOf(text: string | null): TokenPattern {
  if (text === null) return { kind: "unknown" };
  const escaped = BYTE_ESCAPES.exec(text);
  if (escaped) {
    const hex = escaped[1] as string;
    const bytes = new Uint8Array(hex.length / 4);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(4 * i + 2, 4 * i + 4), 16);
    return { kind: "bytes", bytes };
  }
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === REPLACEMENT || isLoneSurrogate(text, i)) return { kind: "partial", text };
  }
  return { kind: "text", text };
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

/** Every end position of a partial-character token matched at `pos`. */
function matchPartial(b: Uint8Array, pos: number, text: string, ends: Set<number>): void {
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

interface State {
  readonly pos: number;
  /** Every token so far was a leading token (nothing of the text matched yet). */
  readonly leading: number;
  readonly allLeading: boolean;
  readonly firstResponse: number;
  readonly straddle: number;
  /** Index of the predecessor in the previous frontier, and where this token started. */
  readonly prev: number;
  readonly tokenStart: number;
}

function describeAt(b: Uint8Array, pos: number): string {
  const before = Buffer.from(b.subarray(0, pos)).toString("utf8");
  const after = Buffer.from(b.subarray(pos, Math.min(b.length, pos + 24))).toString("utf8");
  return `character ${[...before].length} (${JSON.stringify(after)}${b.length > pos + 24 ? "..." : ""})`;
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
  const steps: State[][] = [];
  let frontier: State[] = [{ pos: 0, leading: 0, allLeading: true, firstResponse: -1, straddle: -1, prev: -1, tokenStart: 0 }];
  const ends = new Set<number>();
  // The furthest point where a path through the text (not only leading tokens) broke off.
  let brokeAt = -1;
  let brokeToken = -1;
  for (let j = 0; j < n; j++) {
    const pattern = patternOf(tokenTexts[j] as string | null);
    const next: State[] = [];
    const seen = new Set<string>();
    const push = (s: State): void => {
      const key = `${s.pos}|${s.allLeading ? 1 : 0}|${s.firstResponse}|${s.straddle}`;
      if (seen.has(key)) return;
      seen.add(key);
      next.push(s);
    };
    for (let k = 0; k < frontier.length; k++) {
      const st = frontier[k] as State;
      // A leading token is one the server added (a BOS): it has a text of its own, so a partial
      // character cannot be one (and an unknown text covers that case by matching zero bytes).
      if (st.allLeading && st.leading < maxLeading && pattern.kind !== "partial" && pattern.kind !== "unknown") {
        push({ ...st, leading: st.leading + 1, prev: k, tokenStart: 0 });
      }
      ends.clear();
      switch (pattern.kind) {
        case "text": {
          const e = matchText(b, st.pos, pattern.text);
          if (e >= 0) ends.add(e);
          break;
        }
        case "bytes": {
          const bytes = pattern.bytes;
          let ok = st.pos + bytes.length <= b.length;
          for (let i = 0; ok && i < bytes.length; i++) ok = b[st.pos + i] === bytes[i];
          if (ok) ends.add(st.pos + bytes.length);
          break;
        }
        case "partial":
          matchPartial(b, st.pos, pattern.text, ends);
          break;
        case "unknown":
          for (let e = st.pos; e <= b.length; e++) if (atCharStart(b, e)) ends.add(e);
          break;
      }
      if (ends.size === 0 && !st.allLeading && st.pos >= brokeAt) {
        brokeAt = st.pos;
        brokeToken = j;
      }
      for (const e of ends) {
        const s = st.pos;
        let firstResponse = st.firstResponse;
        let straddle = st.straddle;
        if (firstResponse < 0 && s >= b0) firstResponse = j;
        if (s < b0 && e > b0) straddle = j;
        push({ pos: e, leading: st.leading, allLeading: false, firstResponse, straddle, prev: k, tokenStart: s });
      }
    }
    steps.push(next);
    frontier = next;
    if (next.length === 0) break;
  }

  const done = frontier.filter((s) => s.pos === b.length && !s.allLeading);
  if (done.length === 0) {
    let furthest = -1;
    for (const s of frontier) if (!s.allLeading) furthest = Math.max(furthest, s.pos);
    if (brokeAt >= 0 && brokeAt >= furthest) {
      throw new ScoringRecordError(
        `the tokens the server echoed do not spell prompt + response, so the response cannot be located: echoed token ${brokeToken} ` +
          `${JSON.stringify(tokenTexts[brokeToken])} does not continue the text at ${describeAt(b, brokeAt)}`,
        { reason: "response-not-at-end", field: "response" },
      );
    }
    furthest = Math.max(furthest, 0);
    throw new ScoringRecordError(
      `the response does not appear at the end of the echoed text: the ${n} echoed tokens end at ${describeAt(b, furthest)} ` +
        `of the ${[...(prompt + response)].length} characters sent (did the server truncate the prompt?)`,
      { reason: "response-not-at-end", field: "response" },
    );
  }
  const outcomes = new Map<string, number>();
  done.forEach((s, i) => {
    const key = `${s.firstResponse}|${s.straddle}`;
    if (!outcomes.has(key)) outcomes.set(key, i);
  });
  if (outcomes.size > 1) {
    throw new ScoringRecordError(
      `tokens holding partial characters (U+FFFD) leave ${outcomes.size} places where the response could start; ` +
        `score this record with a server that returns token bytes`,
      { reason: "ambiguous-boundary", field: "response" },
    );
  }
  const final = done[0] as State;

  // Walk the predecessor links back: each token's start and end, hence its byte count.
  const tokenBytes = new Array<number>(n);
  let k = frontier.indexOf(final);
  for (let j = n - 1; j >= 0; j--) {
    const s = (steps[j] as State[])[k] as State;
    tokenBytes[j] = s.pos - s.tokenStart;
    k = s.prev;
  }
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
