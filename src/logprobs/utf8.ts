/**
 * UTF-8 byte lengths of token texts, for bits per byte. Uses the standard `TextEncoder`, present
 * in browsers, Deno, Bun and Node.
 * @module
 */

let encoder: InstanceType<typeof TextEncoder> | undefined;

/**
 * The number of bytes of `text` in UTF-8.
 *
 * @param text - any string (lone surrogates count as U+FFFD, 3 bytes, as `TextEncoder` encodes them)
 *
 * @example
 * ```ts
 * import { utf8ByteLength } from "passk";
 * console.log(utf8ByteLength("héllo"), utf8ByteLength("日本"), utf8ByteLength("🙂")); // => 6 6 4
 * ```
 */
export function utf8ByteLength(text: string): number {
  encoder ??= new TextEncoder();
  return encoder.encode(text).length;
}

const BYTE_ESCAPES = /^bytes:((?:\\x[0-9a-fA-F]{2})+)$/;
const TOKEN_ID = /^token_id:\d+$/;

/**
 * The UTF-8 byte length of one token's text as an API reports it, or `undefined` when the text
 * does not determine it:
 * - `"bytes:\\xe8\\xa9"` (OpenAI legacy completions, a token holding part of a UTF-8 character)
 *   counts its `\xNN` escapes (2 here);
 * - `"token_id:123"` (vLLM with `return_tokens_as_token_ids`) is unknown;
 * - text containing U+FFFD (a partial character decoded on its own) is unknown, since the
 *   replacement character's 3 bytes are not the token's bytes;
 * - anything else is its UTF-8 length.
 *
 * @example
 * ```ts
 * import { tokenByteLength } from "passk";
 * console.log(tokenByteLength(" the"), tokenByteLength("bytes:\\xe8\\xa9"), tokenByteLength("\uFFFD")); // => 4 2 undefined
 * ```
 */
export function tokenByteLength(token: string): number | undefined {
  const escaped = BYTE_ESCAPES.exec(token);
  if (escaped) return (escaped[1] as string).length / 4;
  if (TOKEN_ID.test(token) || token.includes("\uFFFD")) return undefined;
  return utf8ByteLength(token);
}
