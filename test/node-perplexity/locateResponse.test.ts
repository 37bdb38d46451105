// The boundary between prompt and response among echoed tokens, from character alignment only.
// Every expected index and byte count below is read off the token lists by hand.
import { describe, expect, it } from "vitest";
import { locateResponse, ScoringRecordError, type LocateOptions } from "../../src/node/index.js";

function fails(tokens: readonly (string | null)[], prompt: string, response: string, options: LocateOptions = {}): ScoringRecordError {
  try {
    locateResponse(tokens, prompt, response, options);
  } catch (e) {
    if (e instanceof ScoringRecordError) return e;
    throw e;
  }
  throw new Error("expected a ScoringRecordError");
}

describe("locateResponse", () => {
  it("finds the first response token from the text, whatever the token counts", () => {
    // "2+2=" + " 4": the response is the last token (index 4).
    expect(locateResponse(["2", "+", "2", "=", " 4"], "2+2=", " 4")).toEqual({
      start: 4,
      end: 5,
      straddle: "none",
      leadingTokens: 0,
      tokenBytes: [1, 1, 1, 1, 2],
    });
    // The same text tokenized differently moves the index, not the boundary.
    expect(locateResponse(["2+", "2=", " ", "4", "!"], "2+2=", " 4!").start).toBe(2);
  });

  it("allows leading tokens the server adds (a BOS) and counts them with the prompt", () => {
    const loc = locateResponse(["<|begin_of_text|>", "Q", ":", " A"], "Q:", " A");
    expect(loc).toMatchObject({ start: 3, leadingTokens: 1, tokenBytes: [0, 1, 1, 2] });
    // at most maxLeadingTokens of them
    expect(fails(["<s>", "<s>", "Q", ":", " A"], "Q:", " A", { maxLeadingTokens: 1 }).reason).toBe("response-not-at-end");
  });

  it("reads bytes:\\xNN tokens (OpenAI's partial characters) as exact bytes", () => {
    // "é" = C3 A9 split in two byte tokens.
    const loc = locateResponse(["Q", ":", " caf", "bytes:\\xc3", "bytes:\\xa9"], "Q:", " café");
    expect(loc).toMatchObject({ start: 2, tokenBytes: [1, 1, 4, 1, 1] });
  });

  it("matches U+FFFD texts to the bytes a lossy decoder replaces", () => {
    // "日本" = E6 97 A5 E6 9C AC; split E6 97 | A5 E6 | 9C AC, each decoded alone:
    // "\uFFFD" (truncated E6 97), "\uFFFD\uFFFD" (lone A5, truncated E6), "\uFFFD\uFFFD" (lone 9C, lone AC).
    // (E6 | 97 A5 | E6 9C AC decodes to the same texts: the split inside the response is not
    // determined, but the boundary and the response's 6 bytes are.)
    const loc = locateResponse(["Q", ":", "\uFFFD", "\uFFFD\uFFFD", "\uFFFD\uFFFD"], "Q:", "日本");
    expect(loc).toMatchObject({ start: 2, end: 5 });
    expect(loc.tokenBytes.slice(0, 2)).toEqual([1, 1]);
    expect(loc.tokenBytes.slice(2).reduce((a, b) => a + b, 0)).toBe(6);
    // A partial-character run across the boundary: "日" ends the prompt, "本" starts the response.
    // "日" = E6 97 A5 | "本" = E6 9C AC, tokens E6 | 97 A5 | E6 9C AC ("本" whole).
    const across = locateResponse(["\uFFFD", "\uFFFD\uFFFD", "本"], "日", "本");
    expect(across).toMatchObject({ start: 2, tokenBytes: [1, 2, 3] });
    // A genuine U+FFFD in the text is matched by a token reading U+FFFD.
    expect(locateResponse(["Q", "\uFFFD"], "Q", "\uFFFD")).toMatchObject({ start: 1, tokenBytes: [1, 3] });
  });

  it("reads a token that is one U+FFFD as each byte run a lossy decoder replaces by one U+FFFD", () => {
    // "日" = E6 97 A5 split E6 97 | A5: the first "\uFFFD" can be E6 or E6 97 (a truncated
    // 3-byte character), the second only a lone continuation byte; only E6 97 | A5 ends the text.
    expect(locateResponse(["Q", "\uFFFD", "\uFFFD"], "Q", "日")).toMatchObject({ start: 1, tokenBytes: [1, 2, 1] });
    // A genuine U+FFFD (EF BF BD) between ASCII tokens: 3 bytes, not a truncated EF or EF BF.
    expect(locateResponse(["a", "\uFFFD", "b"], "a", "\uFFFDb")).toMatchObject({ start: 1, tokenBytes: [1, 3, 1] });
  });

  it("gives the same answer whatever it located before (its state storage is reused)", () => {
    const small = (): unknown => locateResponse(["2", "+", "2", "=", " 4"], "2+2=", " 4");
    const expected = { start: 4, end: 5, straddle: "none", leadingTokens: 0, tokenBytes: [1, 1, 1, 1, 2] };
    expect(small()).toEqual(expected);
    // A long record (more states than any earlier call), then a huge one (140,000 tokens, more
    // storage than is kept between calls), each read off by hand: every token 1 byte.
    for (const n of [3000, 140_000]) {
      const big = locateResponse(Array.from({ length: n }, () => "a"), "a".repeat(n / 2), "a".repeat(n / 2));
      expect(big.start).toBe(n / 2);
      expect(big.tokenBytes.every((x) => x === 1)).toBe(true);
      expect(small()).toEqual(expected);
    }
    // Several alignments at once (partial characters), then a plain one again.
    expect(fails(["\uFFFD", "\uFFFD\uFFFD", "\uFFFD\uFFFD"], "日", "本").reason).toBe("ambiguous-boundary");
    expect(small()).toEqual(expected);
  });

  it("takes an unknown first token text (vLLM's null first prompt_logprobs entry) as any prefix", () => {
    expect(locateResponse([null, "=", " 4"], "2+2=", " 4")).toMatchObject({ start: 2, tokenBytes: [3, 1, 2] });
  });

  it("empty token texts (an incremental detokenizer's partial character) belong with the next token", () => {
    // "é" echoed as "" then "é": the "" at the boundary opens the response.
    const loc = locateResponse(["Q", ":", "", "é"], "Q:", "é");
    expect(loc).toMatchObject({ start: 2, tokenBytes: [1, 1, 0, 2] });
  });

  it("treats a token spanning the boundary by the policy", () => {
    // "Q: " + "yes no" echoed as "Q", ":", " yes", " no": " yes" starts in the prompt.
    const tokens = ["Q", ":", " yes", " no"];
    const e = fails(tokens, "Q: ", "yes no");
    expect(e.reason).toBe("straddling-token");
    expect(e.message).toContain('token 2 " yes" spans the end of the prompt');
    expect(locateResponse(tokens, "Q: ", "yes no", { straddle: "exclude" })).toMatchObject({ start: 3, straddle: "excluded" });
    expect(locateResponse(tokens, "Q: ", "yes no", { straddle: "include" })).toMatchObject({ start: 2, straddle: "included" });
    // nothing left after excluding the only response token
    expect(fails(["Q", ":", " yes"], "Q: ", "yes", { straddle: "exclude" }).message).toMatch(/no echoed token lies wholly in the response/);
    // the unscored first token cannot be included
    expect(fails(["Qa", "b"], "Q", "ab", { straddle: "include" }).message).toMatch(/has no logprob/);
  });

  it("refuses text the tokens do not spell, and says where", () => {
    const changed = fails(["Q", ":", " A", "\n", "B"], "Q:", " A\r\nB");
    expect(changed.reason).toBe("response-not-at-end");
    expect(changed.message).toContain('echoed token 3 "\\n" does not continue the text at character 4 ("\\r\\nB")');
    const truncated = fails(["Q", ":", " A"], "Q:", " A B");
    expect(truncated.message).toContain("the response does not appear at the end of the echoed text: the 3 echoed tokens end at character 4");
    // a prompt cut at the front (tokens start mid-prompt) is not accepted either
    expect(fails([" is", " 4"], "2+2 is", " 4").reason).toBe("response-not-at-end");
    // generated tokens left after the text
    expect(fails(["Q", ":", " A", " the"], "Q:", " A").message).toContain('echoed token 3 " the" does not continue the text at character 4 ("")');
  });

  it("refuses a boundary that partial characters leave undetermined", () => {
    // "日本" = E6 97 A5 | E6 9C AC echoed as "\uFFFD", "\uFFFD\uFFFD", "\uFFFD\uFFFD". Two byte
    // splits decode to exactly these texts: E6 | 97 A5 | E6 9C AC (the third token is all of
    // "本", the response) and E6 97 | A5 E6 | 9C AC (the second token spans the boundary).
    const tokens = ["\uFFFD", "\uFFFD\uFFFD", "\uFFFD\uFFFD"];
    const e = fails(tokens, "日", "本");
    expect(e.reason).toBe("ambiguous-boundary");
    expect(e.message).toMatch(/can be read 2 ways that disagree on where the response starts/);
    // With the boundary after "日本" nothing is ambiguous: both splits end at the same place.
    const after = locateResponse([...tokens, "!"], "日本", "!");
    expect(after).toMatchObject({ start: 3, leadingTokens: 0 });
    expect(after.tokenBytes.slice(0, 3).reduce((a, b) => a + b, 0)).toBe(6);
    // A partial character is never taken for a leading (BOS) token.
    expect(fails(["\uFFFD", "Q", ":", " A"], "Q:", " A").reason).toBe("response-not-at-end");
  });
});

describe("locateResponse against the true token boundaries of random splits", () => {
  // Random texts (ASCII, 2-, 3- and 4-byte characters) cut into random byte-level tokens, each
  // token's text its bytes decoded alone (U+FFFD for partial characters), sometimes after a BOS.
  // The true boundary is known from the cut; the result must be it, or a refusal — never another.
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const encoder = new TextEncoder();
  const ALPHABET = ["a", "b", " ", "\n", "é", "ß", "日", "本", "€", "🙂", "x", "1"];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const word = (len: number): string => Array.from({ length: len }, () => ALPHABET[rand(ALPHABET.length)]).join("");

  it("finds the true boundary in 3000 random cases or refuses", () => {
    let located = 0;
    let refused = 0;
    for (let c = 0; c < 3000; c++) {
      const policy = c % 2 === 0 ? "include" : "exclude";
      const prompt = word(1 + rand(8));
      const response = word(1 + rand(8));
      const bytes = encoder.encode(prompt + response);
      const b0 = encoder.encode(prompt).length;
      const cuts: number[] = [0];
      while ((cuts.at(-1) as number) < bytes.length) cuts.push(Math.min(bytes.length, (cuts.at(-1) as number) + 1 + rand(4)));
      const bos = rand(4) === 0;
      const texts = [...(bos ? ["<s>"] : []), ...cuts.slice(1).map((end, i) => decoder.decode(bytes.subarray(cuts[i], end)))];
      const offset = bos ? 1 : 0;
      // the truth: first token starting at or after b0, and a token spanning b0
      const starts = cuts.slice(0, -1);
      const trueFirst = starts.findIndex((s) => s >= b0);
      const trueStraddle = starts.findIndex((s, i) => s < b0 && (cuts[i + 1] as number) > b0);
      let loc;
      try {
        loc = locateResponse(texts, prompt, response, { straddle: policy });
      } catch (e) {
        if (!(e instanceof ScoringRecordError)) throw e;
        // included, the first token cannot be scored; excluded, nothing may be left; an ambiguous
        // split may be refused
        expect(["ambiguous-boundary", "straddling-token"], `${JSON.stringify(texts)} ${JSON.stringify(prompt)}`).toContain(e.reason);
        if (e.reason === "straddling-token") expect(policy === "include" ? trueStraddle === 0 : trueStraddle === starts.length - 1).toBe(true);
        refused++;
        continue;
      }
      const expectedStart = (trueStraddle >= 0 && policy === "include" ? trueStraddle : trueFirst) + offset;
      expect(loc.start, `${JSON.stringify(texts)} | ${JSON.stringify(prompt)} + ${JSON.stringify(response)}`).toBe(expectedStart);
      expect(loc.straddle).toBe(trueStraddle < 0 ? "none" : policy === "include" ? "included" : "excluded");
      expect(loc.leadingTokens).toBe(offset);
      const scored = loc.tokenBytes.slice(loc.start).reduce((a, b) => a + b, 0);
      expect(scored, `${JSON.stringify(texts)} | ${JSON.stringify(prompt)} + ${JSON.stringify(response)} | ${JSON.stringify(loc)} | cuts ${JSON.stringify(cuts)}`).toBe(bytes.length - (starts[expectedStart - offset] as number));
      located++;
    }
    expect(located).toBeGreaterThan(2500);
    expect(located + refused).toBe(3000);
  });
});
