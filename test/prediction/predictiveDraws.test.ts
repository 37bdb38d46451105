// The seeded binomial draws of the predictive bootstrap against the exact binomial distribution, the
// conservative order statistics, and the expected split of the held-out rule.
import { describe, expect, it } from "vitest";
import { SeededRandom } from "../../src/index.js";
import { expectedSplit, splitScore } from "../../src/prediction/heldOutLogLikelihood.js";
import { groupCounts } from "../../src/prediction/betaBinomialFit.js";
import { binomialDraw, orderStatisticInterval } from "../../src/prediction/predictiveDraws.js";
import { binom, ratioToNumber } from "../helpers/exact.js";

describe("binomialDraw", () => {
  it("follows Binomial(12, 0.3): every frequency of 60,000 seeded draws within 5 standard errors of the exact pmf", () => {
    const rng = new SeededRandom(42);
    const draws = 60_000;
    const freq = new Array<number>(13).fill(0);
    for (let i = 0; i < draws; i++) freq[binomialDraw(12, 0.3, rng)]! += 1;
    for (let k = 0; k <= 12; k++) {
      // pmf = C(12, k)·3^k·7^(12−k)/10^12 exactly.
      const pmf = ratioToNumber(binom(12, k) * 3n ** BigInt(k) * 7n ** BigInt(12 - k), 10n ** 12n);
      const se = Math.sqrt((pmf * (1 - pmf)) / draws);
      expect(Math.abs((freq[k] as number) / draws - pmf), `k=${k}`).toBeLessThanOrEqual(5 * se + 1e-12);
    }
  });

  it("has mean nq and variance nq(1 − q) for a large n (n = 10⁶, q = 0.01, 4000 draws, 5 standard errors)", () => {
    const rng = new SeededRandom(7);
    const xs = Array.from({ length: 4000 }, () => binomialDraw(1_000_000, 0.01, rng));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(mean - 10_000)).toBeLessThan(5 * Math.sqrt(9900 / 4000));
    // The sample variance of 4000 normal-like draws has relative sd ≈ sqrt(2/3999).
    expect(Math.abs(variance / 9900 - 1)).toBeLessThan(5 * Math.sqrt(2 / 3999));
  });

  it("returns the certain outcomes without drawing and stays within 0..n", () => {
    const rng = new SeededRandom(1);
    expect(binomialDraw(5, 0, rng)).toBe(0);
    expect(binomialDraw(5, 1, rng)).toBe(5);
    expect(binomialDraw(0, 0.5, rng)).toBe(0);
    for (let i = 0; i < 200; i++) {
      const x = binomialDraw(3, 0.999, rng);
      expect(x >= 0 && x <= 3 && Number.isInteger(x)).toBe(true);
    }
  });
});

describe("orderStatisticInterval", () => {
  const sorted = (B: number) => Float64Array.from({ length: B }, (_, i) => i + 1);

  it("takes the j-th value from each end, j = ⌊(B + 1)(1 − level)/2⌋", () => {
    expect(orderStatisticInterval(sorted(39), 0.95)).toEqual([1, 39]); // j = 1
    expect(orderStatisticInterval(sorted(199), 0.95)).toEqual([5, 195]); // j = 5
    expect(orderStatisticInterval(sorted(200), 0.95)).toEqual([5, 196]); // j = ⌊5.025⌋ = 5
    expect(orderStatisticInterval(sorted(99), 0.9)).toEqual([5, 95]); // j = 5
  });

  it("refuses to bound the tails from too few draws instead of narrowing", () => {
    expect(orderStatisticInterval(sorted(38), 0.95)).toBeUndefined(); // (39)(0.025) < 1
    expect(orderStatisticInterval(sorted(10), 0.95)).toBeUndefined();
  });
});

describe("expected split of the held-out rule", () => {
  it("spreads each count hypergeometrically over the first half (hand-derived)", () => {
    // n = 4, c = 2, m = 2: C(2, c₁)C(2, 2 − c₁)/C(4, 2) = 1/6, 4/6, 1/6. n = 3, c = 1, m = 1: 2/3, 1/3.
    const groups = groupCounts([
      { problemId: "a", n: 4, c: 2 },
      { problemId: "b", n: 3, c: 1 },
      { problemId: "c", n: 1, c: 1 },
    ]);
    const split = expectedSplit(groups)!;
    expect(split.full.problems).toBe(2); // n = 1 cannot be split
    const byN = new Map(split.first.byN.map((g) => [g.n, [...g.weights]]));
    expect(byN.get(1)!.map((w) => w.toFixed(12))).toEqual([(2 / 3).toFixed(12), (1 / 3).toFixed(12)]);
    expect(byN.get(2)!.map((w) => w.toFixed(12))).toEqual([(1 / 6).toFixed(12), (4 / 6).toFixed(12), (1 / 6).toFixed(12)]);
    expect(expectedSplit(groupCounts([{ problemId: "x", n: 1, c: 0 }]))).toBeUndefined();
  });

  it("scores E log P(c₂ | c₁) up to a model-free constant (uniform prior, hand-derived)", () => {
    // One problem with 1 of 2 correct, halves of m = 1: c₁ = 1 or 0, each with probability ½.
    // Under p ~ Uniform(0, 1), P(c | n) = 1/(n + 1), so the score is log P(1 | 2) − E log P(c₁ | 1)
    // = log(1/3) − log(1/2) = log(2/3). The predictive probability of the held-out sample is
    // P(correct | c₁ of 1) = (c₁ + 1)/3, i.e. 1/3 for both halves: E log P(c₂ | c₁) = log(1/3), and the
    // difference log 2 = log C(2, 1)/(C(1, c₁)C(1, c₂)) is the model-free constant.
    const split = expectedSplit(groupCounts([{ problemId: "a", n: 2, c: 1 }]))!;
    const score = splitScore({ alpha: 1, beta: 1, unsolvableShare: 0 }, split);
    expect(Math.abs(score - Math.log(2 / 3))).toBeLessThan(1e-14);
    expect(Math.abs(score - (Math.log(1 / 3) + Math.log(2)))).toBeLessThan(1e-14);
  });
});
