// The scaled beta-binomial of Schaeffer et al. 2025: its count probabilities and failure
// probabilities against an independent alternating-sum expansion in 60-digit decimals, and its fit on
// synthetic data with a known scale.
import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, fitBetaBinomial, fitScaledBetaBinomial, predictPassAtK, type Tally } from "../../src/index.js";
import { logCountProbabilities } from "../../src/prediction/passRateModel.js";
import { logScaledBetaFailure } from "../../src/prediction/scaledBetaFailure.js";
import { binom, relErr } from "../helpers/exact.js";
import { Draws } from "../helpers/sampling.js";

const D = Decimal.clone({ precision: 60 });

/** E[X^m] for X ~ Beta(a, b): ∏_{i<m} (a + i)/(a + b + i). */
function rawMoment(a: number, b: number, m: number): Decimal {
  let r = new D(1);
  for (let i = 0; i < m; i++) r = r.mul(new D(a).plus(i)).div(new D(a).plus(b).plus(i));
  return r;
}

/**
 * P(c | n) for p = sX by expanding (1 − sX)^{n−c} with alternating signs, a derivation independent of
 * the positive-term sum the library uses: C(n, c) Σ_k C(n − c, k)(−1)^k s^{c+k} E[X^{c+k}].
 */
function exactCountProbability(a: number, b: number, s: number, n: number, c: number): number {
  let sum = new D(0);
  for (let k = 0; k <= n - c; k++) {
    const term = new D(binom(n - c, k).toString()).mul(new D(s).pow(c + k)).mul(rawMoment(a, b, c + k));
    sum = k % 2 === 0 ? sum.plus(term) : sum.minus(term);
  }
  return sum.mul(binom(n, c).toString()).toNumber();
}

/** E[(1 − sX)^m] = Σ_k C(m, k)(−s)^k E[X^k], alternating, at 60 digits. */
function exactFailure(a: number, b: number, s: number, m: number): number {
  let sum = new D(0);
  for (let k = 0; k <= m; k++) {
    const term = new D(binom(m, k).toString()).mul(new D(s).pow(k)).mul(rawMoment(a, b, k));
    sum = k % 2 === 0 ? sum.plus(term) : sum.minus(term);
  }
  return sum.toNumber();
}

describe("scaled beta: count and failure probabilities", () => {
  it("matches the alternating expansion for every c (n = 12) and several shapes", () => {
    for (const [a, b, s] of [
      [0.4, 0.3, 0.7],
      [2.5, 1.2, 0.95],
      [0.8, 5, 0.2],
    ] as const) {
      const logP = logCountProbabilities({ alpha: a, beta: b, scale: s, unsolvableShare: 0 }, 12);
      for (let c = 0; c <= 12; c++) {
        expect(relErr(Math.exp(logP[c] as number), exactCountProbability(a, b, s, 12, c)), `a=${a} b=${b} s=${s} c=${c}`).toBeLessThan(1e-12);
      }
    }
  });

  it("adds the zero mass only to c = 0 and reduces to the beta-binomial at scale 1", () => {
    const logP = logCountProbabilities({ alpha: 1.5, beta: 0.5, scale: 0.6, unsolvableShare: 0.25 }, 5);
    expect(relErr(Math.exp(logP[0] as number), 0.25 + 0.75 * exactCountProbability(1.5, 0.5, 0.6, 5, 0))).toBeLessThan(1e-13);
    expect(relErr(Math.exp(logP[3] as number), 0.75 * exactCountProbability(1.5, 0.5, 0.6, 5, 3))).toBeLessThan(1e-13);
    // Beta(2, 3), n = 2: 12/30, 12/30, 6/30 (hand-derived, as for the beta-binomial).
    const plain = logCountProbabilities({ alpha: 2, beta: 3, unsolvableShare: 0 }, 2);
    expect(relErr(Math.exp(plain[0] as number), 12 / 30)).toBeLessThan(1e-14);
    expect(relErr(Math.exp(plain[2] as number), 6 / 30)).toBeLessThan(1e-14);
  });

  it("gives E[(1 − sX)^m] exactly, small m against the expansion", () => {
    for (const m of [1, 2, 7, 16, 40]) {
      for (const [a, b, s] of [
        [0.5, 0.5, 0.9],
        [3, 0.2, 0.35],
      ] as const) {
        expect(relErr(Math.exp(logScaledBetaFailure(a, b, s, m)), exactFailure(a, b, s, m)), `m=${m}`).toBeLessThan(1e-12);
      }
    }
  });

  it("gives the closed form of the uniform, (1 − (1 − s)^{m+1})/(s(m + 1)), for m up to 10⁹", () => {
    for (const s of [0.3, 0.999]) {
      for (const m of [1, 10, 1000, 123_456, 1_000_000_000]) {
        const exact = new D(1).minus(new D(1).minus(s).pow(m + 1)).div(new D(s).mul(m + 1)).toNumber();
        expect(relErr(Math.exp(logScaledBetaFailure(1, 1, s, m)), exact), `s=${s} m=${m}`).toBeLessThan(1e-11);
      }
    }
  });

  it("predicts pass@K of a scaled model: 1 − E[(1 − sX)^K] with the zero mass", () => {
    // Uniform X, s = 1/2, K = 2: E[(1 − X/2)²] = 1 − 1/2 + 1/12 = 7/12.
    expect(relErr(predictPassAtK({ alpha: 1, beta: 1, scale: 0.5, unsolvableShare: 0 }, 2), 5 / 12)).toBeLessThan(1e-14);
    expect(relErr(predictPassAtK({ alpha: 1, beta: 1, scale: 0.5, unsolvableShare: 0.2 }, 2), 0.8 * (5 / 12))).toBeLessThan(1e-14);
    expect(() => predictPassAtK({ alpha: 1, beta: 1, scale: 0, unsolvableShare: 0 }, 2)).toThrow(/fit.scale must be within \(0, 1\]/);
    expect(() => predictPassAtK({ alpha: 1, beta: 1, scale: 1.5, unsolvableShare: 0 }, 2)).toThrow(InvalidArgumentError);
  });
});

function scaledSample(seed: number, problems: number, n: number, a: number, b: number, s: number, zero = 0): Tally[] {
  const draws = new Draws(seed);
  return Array.from({ length: problems }, (_, i) => {
    const p = draws.uniform() < zero ? 0 : s * draws.beta(a, b);
    return { problemId: `q${i}`, n, c: draws.binomial(n, p) };
  });
}

describe("fitScaledBetaBinomial", () => {
  it("recovers a scale well below 1 (seed 5, 2000 problems, n = 32, s = 0.6)", () => {
    const fit = fitScaledBetaBinomial(scaledSample(5, 2000, 32, 1.2, 0.8, 0.6));
    expect(fit.converged).toBe(true);
    expect(fit.atBoundary).toBe(false);
    expect(Math.abs(fit.scale - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(fit.alpha / 1.2 - 1)).toBeLessThan(0.2);
    expect(fit.unsolvableShare).toBe(0);
  });

  it("is never worse than the plain beta, which it contains", () => {
    for (const seed of [1, 2, 3]) {
      const tallies = scaledSample(seed, 300, 8, 0.5, 0.4, 1);
      const plain = fitBetaBinomial(tallies);
      const scaled = fitScaledBetaBinomial(tallies);
      expect(scaled.logLikelihood, `seed ${seed}`).toBeGreaterThanOrEqual(plain.logLikelihood - 1e-7);
    }
  });

  it("fits the zero mass next to a scaled beta (seed 9, 3000 problems, n = 32, π₀ = 0.1)", () => {
    const fit = fitScaledBetaBinomial(scaledSample(9, 3000, 32, 1, 2, 0.8, 0.1), { zeroInflated: true });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.unsolvableShare - 0.1)).toBeLessThan(0.025);
    expect(Math.abs(fit.scale - 0.8)).toBeLessThan(0.1);
  });

  it("rejects unusable input by name", () => {
    expect(() => fitScaledBetaBinomial([{ problemId: "z", n: 0, c: 0 }])).toThrow(/problem "z" has n = 0 samples/);
    expect(() => fitScaledBetaBinomial([{ problemId: "a", n: 2, c: 1 }], { zeroInflated: 1 as unknown as boolean })).toThrow(
      /options.zeroInflated must be a boolean/,
    );
  });
});
