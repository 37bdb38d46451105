// Issue 15, logprobs: values that are not numbers are never coerced, errors name the source
// position, the macro mean never overflows, and min-k% by selection equals the exact mean of
// the k% smallest values.
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  corpusPerplexity,
  InvalidLogprobError,
  minKPercentProb,
  scoredLogprobs,
  sequenceEntropy,
  sequencePerplexity,
  type TokenLogprobs,
} from "../../src/index.js";

const D = Decimal.clone({ precision: 60 });
const L = Math.log;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function caught(f: () => unknown): InvalidLogprobError {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidLogprobError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

// Values a plain array can hold at run time, with the reason each must be rejected for.
const NOT_NUMBERS: readonly (readonly [string, unknown, "null" | "not-a-number"])[] = [
  ["null", null, "null"],
  ["undefined", undefined, "null"],
  ['the string "-0.5"', "-0.5", "not-a-number"],
  ['the string "abc"', "abc", "not-a-number"],
  ["the array [-2]", [-2], "not-a-number"],
  ["false", false, "not-a-number"],
  ["true", true, "not-a-number"],
  ["an object", { logprob: -1 }, "not-a-number"],
  ["a bigint", -1n, "not-a-number"],
];

describe("bare arrays accept numbers only", () => {
  for (const [name, value, reason] of NOT_NUMBERS) {
    it(`rejects ${name} with reason ${reason} at its position, in every metric`, () => {
      const lp = [L(0.5), L(0.25), value, L(0.5)] as unknown as number[];
      for (const f of [
        () => sequencePerplexity(lp),
        () => scoredLogprobs(lp),
        () => minKPercentProb(lp, 50),
        () => sequencePerplexity({ source: "manual", tokens: ["a", "b", "c", "d"], logprobs: lp }),
      ]) {
        const e = caught(f);
        expect([e.reason, e.position, e.code]).toEqual([reason, 2, "INVALID_LOGPROB"]);
      }
      const c = caught(() => corpusPerplexity([[L(0.5)], lp]));
      expect([c.reason, c.position, c.sequence]).toEqual([reason, 2, 1]);
    });
  }

  it("lets onInvalid skip or clamp a missing value (counted), never a value of the wrong type", () => {
    const missing = [L(0.5), null, L(0.125), undefined] as unknown as number[];
    for (const policy of [{ onInvalid: "skip" as const }, { onInvalid: "clamp" as const, clampFloor: -30 }]) {
      const r = sequencePerplexity(missing, policy);
      // the two known tokens: NLL = ln 2 + 3 ln 2 → PPL 4
      expect([r.tokens, r.skipped, r.clamped]).toEqual([2, 2, 0]);
      expect(rel(r.perplexity, 4)).toBeLessThan(1e-15);
    }
    // a hole in a sparse array reads as undefined
    // eslint-disable-next-line no-sparse-arrays
    const holey = [L(0.5), , L(0.5)] as number[];
    expect(caught(() => sequencePerplexity(holey)).reason).toBe("null");
    expect(sequencePerplexity(holey, { onInvalid: "skip" }).skipped).toBe(1);
    for (const bad of ["-0.5", [-2], true]) {
      const e = caught(() => sequencePerplexity([L(0.5), bad] as unknown as number[], { onInvalid: "skip" }));
      expect([e.reason, e.position]).toEqual(["not-a-number", 1]);
    }
  });

  it("names the value in the message without coercing it", () => {
    expect(caught(() => sequencePerplexity(["-0.5"] as unknown as number[])).message).toMatch(/logprob "-0\.5" at position 0 is not a number/);
    expect(caught(() => sequencePerplexity([null] as unknown as number[])).message).toMatch(/logprob null at position 0 is missing/);
  });

  it("reports the source position when a prompt token was dropped (echo payloads)", () => {
    const seq: TokenLogprobs = { source: "manual", tokens: ["?", "A", "."], logprobs: [L(0.5), L(0.5), Number.NaN], unscoredPrefix: ["Q"] };
    const e = caught(() => sequencePerplexity(seq));
    expect([e.reason, e.position, e.index]).toEqual(["nan", 3, 2]);
    const m = caught(() => minKPercentProb({ ...seq, logprobs: [L(0.5), "x", L(0.5)] as unknown as number[] }, 50));
    expect([m.reason, m.position, m.index]).toEqual(["not-a-number", 2, 1]);
    const h = caught(() => sequenceEntropy({ ...seq, logprobs: [L(0.5), L(0.5), L(0.5)], top: [[{ token: "?", logprob: L(0.5) }], [{ token: "A", logprob: null as unknown as number }], [{ token: ".", logprob: L(0.5) }]] }, { positions: "all" }));
    expect([h.reason, h.position]).toEqual(["null", 2]);
    // the sampled token's own value, added to its alternatives, is checked the same way
    const tops = [[{ token: "x", logprob: L(0.5) }], [{ token: "x", logprob: L(0.5) }], [{ token: "x", logprob: L(0.5) }]];
    const sampled = caught(() => sequenceEntropy({ ...seq, logprobs: [L(0.5), "-0.5", L(0.5)] as unknown as number[], top: tops }, { positions: "all" }));
    expect([sampled.reason, sampled.position]).toEqual(["not-a-number", 2]);
  });
});

describe("corpusPerplexity macro mean", () => {
  it("is exp(709), not Infinity, for three sequences at mean NLL 709", () => {
    const r = corpusPerplexity([[-709], [-709], [-709]]);
    const exact = new D(709).exp().toNumber();
    expect(Number.isFinite(r.macroPerplexity)).toBe(true);
    expect(rel(r.macroPerplexity, exact)).toBeLessThan(4e-16);
    expect(rel(r.microPerplexity, exact)).toBeLessThan(1e-15);
  });

  it("averages large and small perplexities exactly enough", () => {
    // (exp(709) + exp(708) + 2) / 3, all exact in decimal
    const r = corpusPerplexity([[-709], [-708], [-L(2)]]);
    const exact = new D(709).exp().plus(new D(708).exp()).plus(2).div(3).toNumber();
    expect(rel(r.macroPerplexity, exact)).toBeLessThan(1e-15);
  });
});

/**
 * The exact mean of the `count` smallest values: sort a copy and add exactly — as integers when
 * every value is a multiple of 1/1024 (the long inputs below; sums stay far below 2^53), else in
 * 60-digit decimal.
 */
function exactMinK(values: readonly number[], k: number): { value: number; count: number } {
  const t = values.length;
  const count = Math.max(1, Math.floor((k * t) / 100));
  const sorted = Float64Array.from(values).sort();
  if (values.every((v) => Number.isInteger(v * 1024))) {
    let units = 0;
    for (let i = 0; i < count; i++) units += (sorted[i] as number) * 1024;
    return { value: new D(units).div(1024 * count).toNumber(), count };
  }
  let s = new D(0);
  for (let i = 0; i < count; i++) s = s.plus(new D(sorted[i] as number));
  return { value: s.div(count).toNumber(), count };
}

describe("minKPercentProb by selection", () => {
  it("equals the exact mean of the k% smallest on random inputs with many ties", () => {
    const logprob = fc.oneof(
      fc.integer({ min: -40, max: 0 }).map((i) => i / 4),
      fc.double({ min: -50, max: 0, noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(logprob, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 100 }), (values, k) => {
        const want = exactMinK(values, k);
        const got = minKPercentProb(values, k);
        expect(got.count).toBe(want.count);
        if (want.value === 0) expect(got.value).toBe(0);
        else expect(rel(got.value, want.value)).toBeLessThan(1e-15);
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  it("stays exact on inputs built to defeat median-of-three pivots, short and long", () => {
    // 60,000 tokens take the copy-and-quickselect path; 70,000 (> 65,536) the two-pass
    // histogram path with a quickselect inside the boundary bucket.
    for (const n of [60_000, 70_000]) checkShapes(n);
  });

  it("stays exact on a long input of heavy ties, masked and with policy-replaced values", () => {
    const n = 100_000;
    const values = Array.from({ length: n }, (_, i) => -((i * 7919) % 41) / 8);
    values[5] = Number.NEGATIVE_INFINITY;
    values[77] = 1e-8; // read as 0
    const mask = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i += 10) mask[i] = 0;
    const seq: TokenLogprobs = { source: "manual", tokens: new Array<string>(n).fill("t"), logprobs: Float64Array.from(values), mask };
    const scored = values.map((v, i) => (i === 5 ? -20 : i === 77 ? 0 : v)).filter((_, i) => mask[i] === 1);
    for (const k of [1, 10, 33]) {
      const want = exactMinK(scored, k);
      const got = minKPercentProb(seq, k, { onInvalid: "clamp", clampFloor: -20 });
      expect([got.count, got.tokens, got.clamped, got.zeroed]).toEqual([want.count, scored.length, 1, 1]);
      expect(rel(got.value, want.value)).toBeLessThan(1e-15);
    }
  });
});

function checkShapes(n: number): void {
  {
    const shapes: Record<string, (i: number) => number> = {
      ascending: (i) => -n + i,
      descending: (i) => -i,
      constant: () => -1.5,
      "organ pipe": (i) => -Math.min(i, n - 1 - i),
      sawtooth: (i) => -(i % 7),
      // median-of-three killer (Musser): pairs that keep the pivot near an end
      killer: (i) => -(i % 2 === 0 ? i / 2 : n / 2 + (i - 1) / 2),
    };
    for (const [name, f] of Object.entries(shapes)) {
      // scaled into (-100, 0], well above the sentinel threshold, on a grid of 1/1024
      const values = Array.from({ length: n }, (_, i) => -Math.round((-f(i) * 100 * 1024) / n) / 1024);
      for (const k of [1, 20, 50, 99]) {
        const want = exactMinK(values, k);
        const got = minKPercentProb(Float64Array.from(values), k);
        expect([name, n, k, got.count]).toEqual([name, n, k, want.count]);
        expect([name, n, k, want.value === 0 ? got.value === 0 : rel(got.value, want.value) < 1e-15]).toEqual([name, n, k, true]);
      }
    }
  }
}
