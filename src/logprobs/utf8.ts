/**
 * UTF-8 byte lengths of token texts, for bits per byte. Counted from the UTF-16 code units, with
 * no encoder and no allocation: the same numbers the standard `TextEncoder` gives (a lone
 * surrogate counts as the U+FFFD it encodes to, 3 bytes).
 * @module
 */

/**
 * UTF-8 bytes of `text[from..]`, given that its first code unit is not ASCII. A code unit below
 * U+0800 takes 2 bytes, a surrogate pair 4, any other (a lone surrogate included, which the
 * WHATWG encoder writes as U+FFFD) 3 (RFC 3629; WHATWG Encoding, "UTF-8 encode").
 */
function nonAsciiByteLength(text: string, from: number, ascii: number): number {
  let n = ascii;
  const len = text.length;
  for (let i = from; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < len ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else {
      n += 3;
    }
  }
  return n;
}

/**
 * The number of bytes of `text` in UTF-8.
 *
 * An ASCII text (the usual token) costs one pass over its code units; anything else is counted
 * code unit by code unit as above, never by encoding the text.
 *
 * @param text - any string (lone surrogates count as U+FFFD, 3 bytes, as `TextEncoder` encodes them)
 *
 * @example
 * ```ts
 * import { utf8ByteLength } from "passk";
 * console.log(utf8ByteLength("héllo"), utf8ByteLength("日本"), utf8ByteLength("🙂"), utf8ByteLength("\uD800x")); // => 6 6 4 4
 * ```
 */
export function utf8ByteLength(text: string): number {
  const len = text.length;
  for (let i = 0; i < len; i++) {
    if (text.charCodeAt(i) >= 0x80) return nonAsciiByteLength(text, i, i);
  }
  return len;
}

const BYTE_ESCAPES = /^bytes:((?:\\x[0-9a-fA-F]{2})+)$/;
const TOKEN_ID = /^token_id:\d+$/;
const B = 0x62; // "b" of "bytes:"
const T = 0x74; // "t" of "token_id:"

/**
 * The UTF-8 byte length of one token's text as an API reports it, or `undefined` when the text
 * does not determine it:
 * - `"bytes:\\xe8\\xa9"` (OpenAI legacy completions, a token holding part of a UTF-8 character)
 *   counts its `\xNN` escapes (2 here);
 * - `"token_id:123"` (vLLM with `return_tokens_as_token_ids`) is unknown;
 * - text containing U+FFFD (a partial character decoded on its own) is unknown, since the
 *   replacement character's 3 bytes are not the token's bytes;
 * - anything else is its UTF-8 length ({@link utf8ByteLength}).
 *
 * @example
 * ```ts
 * import { tokenByteLength } from "passk";
 * console.log(tokenByteLength(" the"), tokenByteLength("bytes:\\xe8\\xa9"), tokenByteLength("\uFFFD")); // => 4 2 undefined
 * ```
 */
export function tokenByteLength(token: string): number | undefined {
  const first = token.charCodeAt(0);
  if (first === B) {
    const escaped = BYTE_ESCAPES.exec(token);
    if (escaped) return (escaped[1] as string).length / 4;
  } else if (first === T && TOKEN_ID.test(token)) {
    return undefined;
  }
  const len = token.length;
  for (let i = 0; i < len; i++) {
    if (token.charCodeAt(i) >= 0x80) return token.indexOf("\uFFFD", i) >= 0 ? undefined : nonAsciiByteLength(token, i, i);
  }
  return len;
}
