import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  comparePerplexities,
  EmptyDatasetError,
  InvalidArgumentError,
  InvalidLogprobError,
  minKPercentProb,
  sequenceEntropy,
  shareBelowQuantile,
  summarizePerplexities,
  topEntropy,
  type TokenLogprobs,
} from "../../src/index.js";

const L = Math.log;
const LN2 = Math.LN2;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("topEntropy", () => {
  it("is the exact entropy for a complete list and a lower bound for a truncated one", () => {
    // uniform over 4: H = ln 4
    const full = topEntropy([L(0.25), L(0.25), L(0.25), L(0.25)]);
    expect(rel(full.entropyLowerBound, 2 * LN2)).toBeLessThan(1e-15);
    expect(full.missingMass).toBe(0);
    expect(full.alternatives).toBe(4);
    // p = 1/2, 1/4, 1/8 listed: H_lb = (1/2)1 + (1/4)2 + (1/8)3 bits = 11/8 bits; missing 1/8
    const trunc = topEntropy([{ token: "a", logprob: L(0.5) }, { token: "b", logprob: L(0.25) }, { token: "c", logprob: L(0.125) }]);
    expect(rel(trunc.entropyLowerBound, (11 / 8) * LN2)).toBeLessThan(1e-15);
    expect(rel(trunc.missingMass, 1 / 8)).toBeLessThan(1e-14);
    expect(trunc.entropyUpperBound).toBeUndefined();
    // upper bound with V = 5: the missing 1/8 over 2 tokens adds (1/8) ln 16
    const ub = topEntropy([L(0.5), L(0.25), L(0.125)], { vocabSize: 5 });
    expect(rel(ub.entropyUpperBound as number, (11 / 8) * LN2 + (1 / 8) * 4 * LN2)).toBeLessThan(1e-14);
  });

  it("keeps precision for a tiny missing mass (−expm1 of logsumexp)", () => {
    const eps = 1e-12;
    const r = topEntropy([Math.log1p(-eps)]);
    expect(rel(r.missingMass, eps)).toBeLessThan(1e-3);
    expect(r.missingMass).toBeGreaterThan(0);
  });

  it("bounds the true entropy of random distributions from both sides", () => {
    const dist = fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(dist, fc.integer({ min: 1, max: 30 }), (w, kRaw) => {
        const total = w.reduce((a, b) => a.plus(b), new Decimal(0));
        const p = w.map((x) => new Decimal(x).div(total)).sort((a, b) => b.cmp(a));
        const exactH = p.reduce((h, q) => h.minus(q.times(q.ln())), new Decimal(0)).toNumber();
        const k = Math.min(kRaw, p.length);
        const top = p.slice(0, k).map((q) => q.ln().toNumber());
        const r = topEntropy(top, { vocabSize: p.length });
        const exactMissing = p.slice(k).reduce((a, b) => a.plus(b), new Decimal(0)).toNumber();
        return (
          r.entropyLowerBound <= exactH * (1 + 1e-12) &&
          (r.entropyUpperBound as number) >= exactH * (1 - 1e-12) &&
          Math.abs(r.missingMass - exactMissing) <= 1e-12
        );
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it("reads −Infinity and sentinels as probability 0, rejects NaN, positives and excess mass", () => {
    const r = topEntropy([L(0.5), -Infinity, -9999]);
    expect(r.alternatives).toBe(1);
    expect(rel(r.missingMass, 0.5)).toBeLessThan(1e-15);
    expect(() => topEntropy([Number.NaN])).toThrow(InvalidLogprobError);
    expect(() => topEntropy([0.1])).toThrow(InvalidLogprobError);
    expect(() => topEntropy([L(0.75), L(0.75)])).toThrow(/sum to probability 1.5 > 1/);
    expect(() => topEntropy([])).toThrow(InvalidArgumentError);
    expect(() => topEntropy([L(0.5)], { vocabSize: 1 })).toThrow(/vocabSize 1 leaves no room/);
    expect(() => topEntropy([L(0.5)], { vocabSize: 0 })).toThrow(/vocabSize must be a positive integer/);
  });
});

describe("sequenceEntropy", () => {
  const seq: TokenLogprobs = {
    source: "manual",
    tokens: ["Q", "a", "b"],
    tokenIds: [1, 2, 3],
    logprobs: [L(0.5), L(0.5), L(0.125)],
    mask: Uint8Array.of(0, 1, 1),
    top: [
      [{ token: "Q", logprob: L(0.5), id: 1 }],
      [{ token: "a", logprob: L(0.5), id: 2 }, { token: "z", logprob: L(0.25), id: 9 }],
      // the sampled "b" (1/8) is not listed: it joins as a known (k+1)-th entry
      [{ token: "y", logprob: L(0.5), id: 8 }],
    ],
  };

  it("bounds each response position, adding the sampled token when unlisted", () => {
    const r = sequenceEntropy(seq);
    expect(Array.from(r.positions)).toEqual([1, 2]);
    // position 1: (1/2)ln2 + (1/4)ln4 = ln 2; missing 1/4
    expect(rel(r.entropyLowerBound[0] as number, LN2)).toBeLessThan(1e-15);
    expect(rel(r.missingMass[0] as number, 0.25)).toBeLessThan(1e-14);
    // position 2: (1/2)ln2 + (1/8)ln8 = (7/8) ln 2; missing 3/8
    expect(rel(r.entropyLowerBound[1] as number, (7 / 8) * LN2)).toBeLessThan(1e-15);
    expect(rel(r.missingMass[1] as number, 3 / 8)).toBeLessThan(1e-14);
    expect(rel(r.meanMissingMass, 5 / 16)).toBeLessThan(1e-14);
    expect(rel(r.maxMissingMass, 3 / 8)).toBeLessThan(1e-14);
    expect(rel(r.meanEntropyLowerBound, (15 / 16) * LN2)).toBeLessThan(1e-15);
    expect(sequenceEntropy(seq, { positions: "all" }).positions.length).toBe(3);
  });

  it("requires top alternatives at every scored position", () => {
    const { top: _t, ...noTop } = seq;
    expect(() => sequenceEntropy(noTop)).toThrow(/request top_logprobs/);
    expect(() => sequenceEntropy({ ...seq, top: [[], [], []] })).toThrow(/no top alternatives at position 1/);
    expect(() => sequenceEntropy({ ...seq, mask: Uint8Array.of(0, 0, 0) })).toThrow(EmptyDatasetError);
  });
});

describe("minKPercentProb", () => {
  it("averages the lowest floor(k·T/100) logprobs, at least one", () => {
    const lp = [-1, -5, -2, -4, -3];
    expect(minKPercentProb(lp, 40).value).toBe(-4.5); // floor(2) = 2 → (-5 + -4)/2
    expect(minKPercentProb(lp, 40).count).toBe(2);
    expect(minKPercentProb(lp, 50).count).toBe(2); // floor(2.5)
    expect(minKPercentProb(lp, 10).count).toBe(1); // floor(0.5) = 0 → 1
    expect(minKPercentProb(lp, 10).value).toBe(-5);
    expect(minKPercentProb(lp, 100).value).toBe(-3);
    // 29% of 100 tokens is 29 (float64 0.29 * 100 would floor to 28)
    expect(minKPercentProb(new Float64Array(100).fill(-1), 29).count).toBe(29);
  });

  it("respects the mask and the policy", () => {
    const seq: TokenLogprobs = { source: "x", tokens: ["p", "a", "b", "c"], logprobs: [-100, -1, -2, -9999], mask: Uint8Array.of(0, 1, 1, 1) };
    expect(() => minKPercentProb(seq, 50)).toThrow(InvalidLogprobError);
    const r = minKPercentProb(seq, 50, { onInvalid: "skip" });
    expect([r.value, r.count, r.tokens, r.skipped]).toEqual([-2, 1, 2, 1]);
    expect(() => minKPercentProb([-1], 0)).toThrow(/k must be a percentage in \(0, 100\], got 0/);
    expect(() => minKPercentProb([-1], 101)).toThrow(InvalidArgumentError);
    expect(() => minKPercentProb([], 10)).toThrow(EmptyDatasetError);
  });

  it("equals the brute-force mean of the sorted prefix", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 0, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (lp, k) => {
        const count = Math.max(1, Math.floor((k * lp.length) / 100));
        const sorted = [...lp].sort((a, b) => a - b).slice(0, count);
        const want = sorted.reduce((a, b) => a + b, 0) / count;
        const got = minKPercentProb(lp, k);
        return got.count === count && Math.abs(got.value - want) <= 1e-12 * Math.max(1, Math.abs(want));
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});

describe("perplexity distribution comparison", () => {
  it("summarizes with type-7 quantiles", () => {
    const s = summarizePerplexities([4, 1, 3, 2, 5]);
    expect([s.n, s.mean, s.min, s.max]).toEqual([5, 3, 1, 5]);
    // index (5 − 1)·p: 0.2 → 1.2, 1 → 2, 2 → 3, 3 → 4, 3.8 → 4.8
    const q = s.quantiles.map((x) => x.value);
    expect(q[0]).toBeCloseTo(1.2, 14);
    expect(q.slice(1, 4)).toEqual([2, 3, 4]);
    expect(q[4]).toBeCloseTo(4.8, 14);
    expect(s.quantiles.map((x) => x.p)).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
  });

  it("counts the share of a strictly below a quantile of b", () => {
    // median of b = 2.5
    expect(shareBelowQuantile([1, 2, 2.5, 3], [1, 2, 3, 4], 0.5)).toBe(0.5);
    expect(shareBelowQuantile([1, 2], [5], 0)).toBe(1);
    expect(shareBelowQuantile([5, 6], [5], 1)).toBe(0);
    const r = comparePerplexities([1.2, 1.4, 3], [1.3, 2, 5, 8], { probabilities: [0.5], q: 0.25 });
    // Q_b(0.25): index 0.75 → 1.3 + 0.75·0.7 = 1.825
    expect(r.threshold).toBeCloseTo(1.825, 14);
    expect(r.shareOfABelow).toBeCloseTo(2 / 3, 15);
    expect(r.a.quantiles[0]?.value).toBe(1.4);
    expect(r.b.quantiles[0]?.value).toBe(3.5);
    expect(comparePerplexities([1], [2]).q).toBe(0.5);
  });

  it("agrees with a brute-force count", () => {
    const set = fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(set, set, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, q) => {
        const t = comparePerplexities(a, b, { q }).threshold;
        return shareBelowQuantile(a, b, q) === a.filter((x) => x < t).length / a.length;
      }),
      { numRuns: 200, seed: 23 },
    );
  });

  it("rejects empty sets, non-finite values and bad levels", () => {
    expect(() => summarizePerplexities([])).toThrow(EmptyDatasetError);
    expect(() => summarizePerplexities([1, Number.NaN])).toThrow(/values\[1\] must be a finite number, got NaN/);
    expect(() => shareBelowQuantile([1], [Infinity], 0.5)).toThrow(/b\[0\] must be a finite number/);
    expect(() => comparePerplexities([1, Number.NaN], [1])).toThrow(/^a\[1\] must be a finite number/);
    expect(() => shareBelowQuantile([1], [1], 1.5)).toThrow(/q must be a quantile level in \[0, 1\], got 1.5/);
    expect(() => summarizePerplexities([1], [-0.1])).toThrow(/probabilities\[0\]/);
  });
});
