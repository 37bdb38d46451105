// utf8ByteLength and tokenByteLength count bytes from the UTF-16 code units without encoding. Every
// case is checked against a byte count derived by hand (RFC 3629: U+0000–U+007F 1 byte,
// U+0080–U+07FF 2, U+0800–U+FFFF 3, U+10000–U+10FFFF 4; WHATWG "UTF-8 encode" writes a lone
// surrogate as U+FFFD, 3 bytes) and against TextEncoder, the reference the count replaced.
import { describe, expect, it } from "vitest";
import { SeededRandom, tokenByteLength, utf8ByteLength } from "../../src/index.js";

const encoded = (s: string): number => new TextEncoder().encode(s).length;

describe("utf8ByteLength", () => {
  const cases: readonly [string, string, number][] = [
    ["empty", "", 0],
    ["ASCII", " the answer", 11],
    ["ASCII control and DEL", "\u0000\t\u007f", 3],
    ["2-byte boundary", "\u0080\u07ff", 2 + 2],
    ["3-byte boundary", "\u0800\uffff", 3 + 3],
    ["ASCII then 2-byte (fast path leaves mid-string)", "caf\u00e9", 3 + 2],
    ["U+FFFD", "\ufffd", 3],
    ["astral (surrogate pair)", "\ud83d\ude42", 4],
    ["lowest and highest astral", "\ud800\udc00\udbff\udfff", 4 + 4],
    ["lone high surrogate at the end", "a\ud800", 1 + 3],
    ["lone high surrogate before ASCII", "\ud800x", 3 + 1],
    ["lone low surrogate", "\udc00", 3],
    ["low then high (not a pair)", "\udc00\ud800", 3 + 3],
    ["two highs then a low: lone + pair", "\ud800\ud800\udc00", 3 + 4],
    ["mixed", "a\u00e9\u65e5\ud83d\ude42", 1 + 2 + 3 + 4],
  ];
  for (const [name, text, bytes] of cases) {
    it(`${name}: ${bytes} bytes, as TextEncoder`, () => {
      expect(utf8ByteLength(text)).toBe(bytes);
      expect(encoded(text)).toBe(bytes);
    });
  }

  it("agrees with TextEncoder on 3,000 seeded random strings of every kind of code unit", () => {
    const rng = new SeededRandom(2026);
    // Code units drawn from ASCII, 2-byte, 3-byte, high and low surrogate ranges, so that pairs,
    // lone surrogates and mixtures all occur.
    const ranges: readonly [number, number][] = [
      [0x00, 0x80],
      [0x80, 0x800],
      [0x800, 0xd800],
      [0xd800, 0xdc00],
      [0xdc00, 0xe000],
      [0xe000, 0x10000],
    ];
    let kinds = 0;
    for (let k = 0; k < 3000; k++) {
      const len = rng.nextIndex(12);
      let s = "";
      for (let i = 0; i < len; i++) {
        const [lo, hi] = ranges[rng.nextIndex(ranges.length)]!;
        s += String.fromCharCode(lo + rng.nextIndex(hi - lo));
      }
      if (/[\ud800-\udfff]/u.test(s)) kinds++;
      expect(utf8ByteLength(s), JSON.stringify(s)).toBe(encoded(s));
    }
    // The draw did produce surrogates (lone or paired) in a good share of the strings.
    expect(kinds).toBeGreaterThan(1000);
  });
});

describe("tokenByteLength", () => {
  it("counts plain texts as utf8ByteLength", () => {
    expect(tokenByteLength(" the")).toBe(4);
    expect(tokenByteLength("")).toBe(0);
    expect(tokenByteLength(" caf\u00e9")).toBe(6);
    expect(tokenByteLength("\ud83d\ude42")).toBe(4);
    expect(tokenByteLength("\ud83d")).toBe(3);
    expect(tokenByteLength("\ude42!")).toBe(4);
  });
  it("reads bytes: escapes and refuses token ids and U+FFFD", () => {
    expect(tokenByteLength("bytes:\\xe8\\xa9")).toBe(2);
    expect(tokenByteLength("bytes:\\xe8\\xa")).toBe(13); // not an escape list: its own 13 ASCII bytes
    expect(tokenByteLength("b")).toBe(1);
    expect(tokenByteLength("token_id:7")).toBeUndefined();
    expect(tokenByteLength("token_id:")).toBe(9); // no digits: plain text
    expect(tokenByteLength("t\u00e9")).toBe(3);
    expect(tokenByteLength("\ufffd")).toBeUndefined();
    expect(tokenByteLength("ab\u00e9\ufffd")).toBeUndefined();
    expect(tokenByteLength("\u00e9\ud800")).toBe(2 + 3);
  });
});
