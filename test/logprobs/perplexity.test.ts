import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  corpusPerplexity,
  EmptyDatasetError,
  InvalidArgumentError,
  InvalidLogprobError,
  sequencePerplexity,
  type TokenLogprobs,
} from "../../src/index.js";

const D = Decimal.clone({ precision: 50 });
const LN2 = Math.log(2);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** exp(−mean) of the exact decimal sum of the float64 inputs (the inputs are exact binary fractions). */
function exactPerplexity(lp: readonly number[]): number {
  let s = new D(0);
  for (const x of lp) s = s.minus(new D(x));
  return s.div(lp.length).exp().toNumber();
}

describe("sequencePerplexity", () => {
  it("matches the hand derivation [ln 1/2, ln 1/4] → mean NLL 1.5 ln 2, PPL 2^1.5", () => {
    const r = sequencePerplexity([Math.log(0.5), Math.log(0.25)]);
    expect(r.tokens).toBe(2);
    expect(rel(r.meanNll, 1.5 * LN2)).toBeLessThan(1e-15);
    expect(rel(r.sumNll, 3 * LN2)).toBeLessThan(1e-15);
    expect(rel(r.perplexity, 2 ** 1.5)).toBeLessThan(1e-15);
    expect(rel(r.bitsPerToken, 1.5)).toBeLessThan(1e-15);
    expect(r.bytes).toBeUndefined();
    expect(r.bitsPerByte).toBeUndefined();
    expect(r.source).toBeUndefined();
    expect([r.skipped, r.clamped, r.zeroed]).toEqual([0, 0, 0]);
  });

  it("is 1 for certain tokens and the inverse probability for a constant one", () => {
    expect(sequencePerplexity([0, 0, -0]).perplexity).toBe(1);
    expect(rel(sequencePerplexity(new Float64Array(7).fill(Math.log(0.1))).perplexity, 10)).toBeLessThan(1e-14);
  });

  it("scores only the response tokens of the mask, and all tokens with positions: all", () => {
    const seq: TokenLogprobs = {
      source: "manual",
      tokens: ["Q", ":", "A", "."],
      logprobs: [Math.log(1 / 64), Math.log(1 / 8), Math.log(0.5), Math.log(0.5)],
      mask: Uint8Array.of(0, 0, 1, 1),
      bytes: [1, 1, 1, 1],
    };
    const r = sequencePerplexity(seq);
    expect(r.tokens).toBe(2);
    expect(rel(r.perplexity, 2)).toBeLessThan(1e-15);
    // bits per byte: 2 ln 2 nats / (2 bytes · ln 2) = 1
    expect(r.bytes).toBe(2);
    expect(rel(r.bitsPerByte as number, 1)).toBeLessThan(1e-15);
    expect(r.source).toBe("manual");
    const all = sequencePerplexity(seq, { positions: "all" });
    // (6 + 3 + 1 + 1) ln 2 / 4
    expect(all.tokens).toBe(4);
    expect(rel(all.meanNll, (11 / 4) * LN2)).toBeLessThan(1e-15);
    expect(all.bytes).toBe(4);
  });

  it("uses a bytes override for bits per byte", () => {
    const r = sequencePerplexity([Math.log(0.25), Math.log(0.25)], { bytes: 8 });
    // 4 ln 2 nats / (8 ln 2) = 0.5 bit per byte
    expect(rel(r.bitsPerByte as number, 0.5)).toBeLessThan(1e-15);
    expect(() => sequencePerplexity([-1], { bytes: -1 })).toThrow(InvalidArgumentError);
    expect(() => sequencePerplexity([-1], { bytes: 1.5 })).toThrow(/bytes must be a non-negative integer, got 1.5/);
    // zero bytes: bits per byte undefined rather than Infinity
    expect(sequencePerplexity([-1], { bytes: 0 }).bitsPerByte).toBeUndefined();
  });

  it("agrees with exact decimal arithmetic on random sequences (relative 1e-12)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -30, max: 0, noNaN: true }), { minLength: 1, maxLength: 300 }), (lp) => {
        const got = sequencePerplexity(lp).perplexity;
        return rel(got, exactPerplexity(lp)) <= 1e-12 && sequencePerplexity(Float64Array.from(lp)).perplexity === got;
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it("refuses an empty sequence or an all-prompt mask instead of returning NaN", () => {
    expect(() => sequencePerplexity([])).toThrow(EmptyDatasetError);
    const seq: TokenLogprobs = { source: "x", tokens: ["a"], logprobs: [-1], mask: Uint8Array.of(0) };
    expect(() => sequencePerplexity(seq)).toThrow(/no tokens to score/);
  });

  it("refuses a perplexity beyond float64 instead of returning Infinity", () => {
    let caught: unknown;
    try {
      sequencePerplexity([-800, -800]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidLogprobError);
    expect((caught as InvalidLogprobError).reason).toBe("overflow");
    expect((caught as Error).message).toMatch(/mean NLL 800 of the sequence exceeds/);
    // just below the overflow limit is fine
    expect(Number.isFinite(sequencePerplexity([-700]).perplexity)).toBe(true);
  });

  it("rejects parallel arrays of different lengths, naming the array", () => {
    const bad = (extra: Partial<TokenLogprobs>): TokenLogprobs => ({ source: "x", tokens: ["a", "b"], logprobs: [-1, -1], ...extra });
    for (const [extra, name] of [
      [{ tokens: ["a"] }, "tokens"],
      [{ mask: Uint8Array.of(1) }, "mask"],
      [{ bytes: [1, 1, 1] }, "bytes"],
      [{ top: [[]] }, "top"],
      [{ tokenIds: [1] }, "tokenIds"],
    ] as const) {
      let caught: unknown;
      try {
        sequencePerplexity(bad(extra));
      } catch (e) {
        caught = e;
      }
      expect(caught, name).toBeInstanceOf(InvalidLogprobError);
      expect((caught as InvalidLogprobError).reason).toBe("length-mismatch");
      expect((caught as Error).message).toMatch(new RegExp(`^${name} has length`));
    }
    expect(() => sequencePerplexity({ source: "x", tokens: ["a"], logprobs: [-1], bytes: [-2] })).toThrow(/bytes\[0\] must be a non-negative integer, got -2/);
    expect(() => sequencePerplexity("nope" as unknown as number[])).toThrow(InvalidArgumentError);
  });
});

describe("corpusPerplexity", () => {
  it("computes micro (token-weighted) and macro (per-sequence) values by hand", () => {
    // seq A: one token p = 1/2 (PPL 2); seq B: three tokens p = 1/4 (PPL 4)
    const r = corpusPerplexity([[Math.log(0.5)], [Math.log(0.25), Math.log(0.25), Math.log(0.25)]]);
    expect(r.sequences).toBe(2);
    expect(r.tokens).toBe(4);
    expect(rel(r.sumNll, 7 * LN2)).toBeLessThan(1e-15);
    expect(rel(r.microMeanNll, (7 / 4) * LN2)).toBeLessThan(1e-15);
    expect(rel(r.microPerplexity, 2 ** 1.75)).toBeLessThan(1e-15);
    expect(rel(r.microBitsPerToken, 1.75)).toBeLessThan(1e-15);
    expect(rel(r.macroPerplexity, 3)).toBeLessThan(1e-15);
    expect(rel(r.macroLogPerplexity, 1.5 * LN2)).toBeLessThan(1e-15);
    expect(Array.from(r.tokenCounts)).toEqual([1, 4 - 1]);
    expect(rel(r.perplexities[0] as number, 2)).toBeLessThan(1e-15);
    expect(rel(r.perplexities[1] as number, 4)).toBeLessThan(1e-15);
    expect(r.bitsPerByte).toBeUndefined();
    expect(r.sources).toEqual([]);
  });

  it("micro perplexity equals the perplexity of all sequences concatenated; macro ≥ exp(mean log-PPL)", () => {
    const seqs = fc.array(fc.array(fc.double({ min: -20, max: 0, noNaN: true }), { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(seqs, (list) => {
        const r = corpusPerplexity(list);
        const flat = sequencePerplexity(list.flat());
        return (
          rel(r.microPerplexity, flat.perplexity) <= 1e-12 &&
          r.tokens === flat.tokens &&
          r.macroPerplexity >= Math.exp(r.macroLogPerplexity) * (1 - 1e-12)
        );
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("gives bits per byte only when every sequence's bytes are known", () => {
    const a: TokenLogprobs = { source: "s", tokens: ["ab"], logprobs: [Math.log(0.25)], bytes: [2] };
    const b: TokenLogprobs = { source: "s", tokens: ["c"], logprobs: [Math.log(0.5)], bytes: [1] };
    // (2 + 1) ln 2 / (3 bytes · ln 2) = 1
    expect(rel(corpusPerplexity([a, b]).bitsPerByte as number, 1)).toBeLessThan(1e-15);
    expect(corpusPerplexity([a, b, [Math.log(0.5)]]).bitsPerByte).toBeUndefined();
  });

  it("refuses to mix sources unless allowed, and records them", () => {
    const a: TokenLogprobs = { source: "vllm", tokens: ["x"], logprobs: [-1] };
    const b: TokenLogprobs = { source: "tgi", tokens: ["x"], logprobs: [-1] };
    expect(() => corpusPerplexity([a, b])).toThrow(/sequence 1 comes from source "tgi" but earlier sequences from "vllm"/);
    expect(corpusPerplexity([a, b], { allowMixedSources: true }).sources).toEqual(["vllm", "tgi"]);
    expect(corpusPerplexity([a, a]).sources).toEqual(["vllm"]);
  });

  it("names the sequence of a bad value and refuses an empty corpus", () => {
    let caught: unknown;
    try {
      corpusPerplexity([[-1], [-1, -1, Number.NaN]]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidLogprobError);
    expect((caught as InvalidLogprobError).sequence).toBe(1);
    expect((caught as InvalidLogprobError).position).toBe(2);
    expect((caught as Error).message).toMatch(/at position 2 of sequence 1/);
    expect(() => corpusPerplexity([])).toThrow(EmptyDatasetError);
    expect(() => corpusPerplexity([[-1], []])).toThrow(/sequence 1 has no tokens to score/);
    expect(() => corpusPerplexity(null as unknown as number[][])).toThrow(InvalidArgumentError);
  });

  it("accepts any iterable and sums policy counters over sequences", () => {
    function* gen() {
      yield [Math.log(0.5), -9999];
      yield [Math.log(0.5), 1e-9];
    }
    const r = corpusPerplexity(gen(), { onInvalid: "skip" });
    expect(r.skipped).toBe(1);
    expect(r.zeroed).toBe(1);
    expect(r.tokens).toBe(3);
    // seq 1: PPL 2; seq 2: mean NLL ln2/2 → √2
    expect(rel(r.macroPerplexity, (2 + Math.SQRT2) / 2)).toBeLessThan(1e-15);
  });
});
