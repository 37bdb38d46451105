/**
 * Decoding lines as strict UTF-8.
 * @internal
 * @module
 */
import type { Buffer } from "node:buffer";

/**
 * Offset of the first byte of `bytes[start, end)` that is not part of a well-formed UTF-8 sequence
 * (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), or −1 when all are.
 * @internal
 */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= end) return i; // truncated sequence
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let j = 2; j <= need; j++) {
      const c = bytes[i + j] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The line `buf[start, end)` as a string, or the offset (relative to `start`) of its first invalid
 * byte. Node's decoder turns invalid bytes into U+FFFD, which would make distinct answers equal;
 * the bytes are checked only when a U+FFFD shows up, so valid text costs one `includes`.
 * @internal
 */
export function decodeUtf8Line(buf: Buffer, start: number, end: number): string | { invalidAt: number; byte: number } {
  const text = buf.toString("utf8", start, end);
  if (!text.includes("\ufffd")) return text;
  const at = invalidUtf8Offset(buf, start, end);
  return at === -1 ? text : { invalidAt: at - start, byte: buf[at] as number };
}
