import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  EmptyDatasetError,
  InvalidArgumentError,
  conditionalPassAtK,
  fitBetaBinomial,
  fitEmpiricalPowerLaw,
  predictEmpiricalPowerLaw,
  predictPassAtK,
  type Tally,
} from "../../src/index.js";
import { negativeLogLikelihood } from "../../src/prediction/betaBinomialFit.js";
import { binom, relErr } from "../helpers/exact.js";
import { Draws } from "../helpers/sampling.js";

const D = Decimal.clone({ precision: 50 });

/** True pass@K for p ~ Beta(a, b) with unsolvable share z: (1 − z)(1 − ∏_{j<K}(b + j)/(a + b + j)), in 50-digit decimals. */
function truePassAtK(a: number, b: number, z: number, K: number): number {
  let prod = new D(1);
  for (let j = 0; j < K; j++) prod = prod.mul(new D(b).plus(j)).div(new D(a).plus(b).plus(j));
  return new D(1).minus(z).mul(new D(1).minus(prod)).toNumber();
}

function synthetic(seed: number, problems: number, n: number, a: number, b: number, zeroShare = 0): Tally[] {
  const draws = new Draws(seed);
  return Array.from({ length: problems }, (_, i) => {
    const p = draws.uniform() < zeroShare ? 0 : draws.beta(a, b);
    return { problemId: `s${i}`, n, c: draws.binomial(n, p) };
  });
}

describe("predictPassAtK", () => {
  it("matches closed forms for uniform and Beta(2, 1) at every scale of K", () => {
    for (const K of [1, 2, 3, 999, 1000, 1001, 4096, 1_000_000, 1_000_000_000]) {
      // Beta(1,1): E[(1−p)^K] = 1/(K+1); Beta(2,1): 2/((K+1)(K+2))
      expect(relErr(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0 }, K), K / (K + 1)), `K=${K}`).toBeLessThan(1e-13);
      const fail = new D(2).div(new D(K + 1).mul(K + 2));
      expect(relErr(predictPassAtK({ alpha: 2, beta: 1, unsolvableShare: 0 }, K), new D(1).minus(fail).toNumber())).toBeLessThan(1e-13);
    }
  });

  it("matches the exact arcsine case Beta(½, ½): E[(1 − p)^K] = C(2K, K)/4^K, across the Stirling switch", () => {
    for (const K of [1, 10, 1000, 1001, 3000]) {
      const fail = new D(binom(2 * K, K).toString()).div(new D(4).pow(K)).toNumber();
      expect(relErr(predictPassAtK({ alpha: 0.5, beta: 0.5, unsolvableShare: 0 }, K), 1 - fail), `K=${K}`).toBeLessThan(1e-13);
    }
  });

  it("scales by 1 − π₀ and tends to it", () => {
    expect(predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0.25 }, 3)).toBe(0.75 * 0.75);
    expect(predictPassAtK({ alpha: 0.3, beta: 2, unsolvableShare: 0.1 }, 2 ** 40)).toBeCloseTo(0.9, 2);
  });

  it("rejects invalid K and parameters", () => {
    expect(() => predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 0 }, 0)).toThrow(/K must be a safe integer >= 1, got 0/);
    expect(() => predictPassAtK({ alpha: -1, beta: 1, unsolvableShare: 0 }, 1)).toThrow(/fit.alpha must be a finite number > 0/);
    expect(() => predictPassAtK({ alpha: 1, beta: Number.NaN, unsolvableShare: 0 }, 1)).toThrow(InvalidArgumentError);
    expect(() => predictPassAtK({ alpha: 1, beta: 1, unsolvableShare: 1.5 }, 1)).toThrow(/unsolvableShare must be within \[0, 1\]/);
  });
});

describe("fitBetaBinomial", () => {
  it("uses the beta-binomial likelihood (hand-derived for n = 2)", () => {
    // P(0) = β(β+1)/((α+β)(α+β+1)), P(1) = 2αβ/(…), P(2) = α(α+1)/(…); α = 2, β = 3: 12/30, 12/30, 6/30
    const groups = { byN: [{ n: 2, weights: new Float64Array([1, 2, 3]), logBinomial: new Float64Array([0, Math.log(2), 0]) }], problems: 6 };
    const expected = -(Math.log(12 / 30) + 2 * Math.log(12 / 30) + 3 * Math.log(6 / 30));
    expect(relErr(negativeLogLikelihood(groups, 2, 3, 0), expected)).toBeLessThan(1e-14);
    // With π₀ = 0.2: c = 0 gets 0.2 + 0.8·12/30, others 0.8·P
    const zi = -(Math.log(0.2 + 0.8 * (12 / 30)) + 2 * Math.log(0.8 * (12 / 30)) + 3 * Math.log(0.8 * (6 / 30)));
    expect(relErr(negativeLogLikelihood(groups, 2, 3, 0.2), zi)).toBeLessThan(1e-14);
  });

  it("recovers the parameters and the curve of a known beta (seed 7, 3000 problems, n = 32)", () => {
    const tallies = synthetic(7, 3000, 32, 0.6, 1.8);
    const fit = fitBetaBinomial(tallies);
    expect(fit.converged).toBe(true);
    expect(fit.atBoundary).toBe(false);
    expect(fit.unsolvableShare).toBe(0);
    expect(Math.abs(fit.alpha / 0.6 - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.beta / 1.8 - 1)).toBeLessThan(0.15);
    for (const K of [1, 32, 256, 4096]) {
      expect(Math.abs(predictPassAtK(fit, K) - truePassAtK(0.6, 1.8, 0, K)), `K=${K}`).toBeLessThan(0.015);
    }
  });

  it("recovers the unsolvable share of a zero-inflated beta (seed 3, 3000 problems, n = 64)", () => {
    const tallies = synthetic(3, 3000, 64, 1, 3, 0.1);
    const fit = fitBetaBinomial(tallies, { zeroInflated: true });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.unsolvableShare - 0.1)).toBeLessThan(0.02);
    expect(Math.abs(fit.alpha - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.beta - 3)).toBeLessThan(0.45);
    expect(Math.abs(predictPassAtK(fit, 10_000) - 0.9)).toBeLessThan(0.02);
  });

  it("accepts mixed n and rejects unusable input by name", () => {
    const mixed = [...synthetic(1, 200, 8, 1, 1), ...synthetic(2, 200, 16, 1, 1).map((t) => ({ ...t, problemId: `m${t.problemId}` }))];
    expect(fitBetaBinomial(mixed).converged).toBe(true);
    expect(() => fitBetaBinomial([])).toThrow(EmptyDatasetError);
    expect(() => fitBetaBinomial([{ problemId: "empty", n: 0, c: 0 }])).toThrow(/problem "empty" has n = 0 samples/);
    expect(() => fitBetaBinomial([{ problemId: "a", n: 2, c: 1 }], { zeroInflated: "yes" as unknown as boolean })).toThrow(
      /options.zeroInflated must be a boolean/,
    );
  });
});

describe("empirical power law (Brown et al. 2024)", () => {
  it("recovers an exact law and predicts from it", () => {
    const curve = [1, 2, 4, 8, 16, 32].map((k) => ({ k, value: Math.exp(-1.7 * k ** -0.35) }));
    const law = fitEmpiricalPowerLaw(curve);
    expect(relErr(law.a, 1.7)).toBeLessThan(1e-12);
    expect(relErr(law.b, 0.35)).toBeLessThan(1e-12);
    expect(law.points).toBe(6);
    expect(law.r2).toBeCloseTo(1, 12);
    expect(relErr(predictEmpiricalPowerLaw(law, 1024), Math.exp(-1.7 * 1024 ** -0.35))).toBeLessThan(1e-12);
  });

  it("skips points at 0 or 1 and refuses too few", () => {
    const law = fitEmpiricalPowerLaw([{ k: 1, value: 0 }, { k: 2, value: Math.exp(-1) }, { k: 4, value: Math.exp(-0.5) }, { k: 8, value: 1 }]);
    expect(law.points).toBe(2);
    expect(relErr(law.b, 1)).toBeLessThan(1e-12);
    expect(() => fitEmpiricalPowerLaw([{ k: 1, value: 0.5 }, { k: 2, value: 1 }])).toThrow(/at least two distinct k/);
    expect(() => fitEmpiricalPowerLaw([{ k: 1, value: 1.5 }])).toThrow(/curve\[0\].value must be within \[0, 1\], got 1.5/);
  });
});

describe("conditionalPassAtK", () => {
  const uniform = { alpha: 1, beta: 1, unsolvableShare: 0 };
  const tallies = [
    { problemId: "a", n: 2, c: 0 },
    { problemId: "b", n: 2, c: 1 },
  ];

  it("uses the data up to n and the model only beyond (hand-derived)", () => {
    // K ≤ n: unbiased estimator. K = 1: (0 + 1/2)/2; K = 2: (0 + 1)/2.
    expect(conditionalPassAtK(uniform, tallies, 1)).toBe(0.25);
    expect(conditionalPassAtK(uniform, tallies, 2)).toBe(0.5);
    // K = 4 > n: a solved already (1); b: 1 − E_4/E_2 with E_m = 1/(m + 1) → 1 − 3/5 = 2/5.
    expect(relErr(conditionalPassAtK(uniform, tallies, 4), (1 + 2 / 5) / 2)).toBeLessThan(1e-14);
    // π₀ = 1/2: unsolved-by-4 given unsolved-by-2 = (1/2 + 1/10)/(1/2 + 1/6) = 9/10 → 1/10.
    const zi = { ...uniform, unsolvableShare: 0.5 };
    expect(relErr(conditionalPassAtK(zi, tallies, 4), (1 + 1 / 10) / 2)).toBeLessThan(1e-14);
    // Far beyond n the unsolved problem tends to the posterior weight of the beta part,
    // (1/2 · 1/3)/(1/2 + 1/2 · 1/3) = 1/4, so the mean tends to (1 + 1/4)/2.
    expect(conditionalPassAtK(zi, tallies, 10 ** 9)).toBeCloseTo(0.625, 8);
  });

  it("predicts what more samples of known-p problems actually solve (seed 21, 2000 problems, 16 → 128)", () => {
    const draws = new Draws(21);
    const observed: Tally[] = [];
    let solvedWithin128 = 0;
    for (let i = 0; i < 2000; i++) {
      const p = draws.beta(0.4, 1.2);
      const first = draws.binomial(16, p);
      const later = draws.binomial(112, p);
      observed.push({ problemId: `q${i}`, n: 16, c: first });
      if (first + later > 0) solvedWithin128++;
    }
    const fit = fitBetaBinomial(observed);
    expect(Math.abs(conditionalPassAtK(fit, observed, 128) - solvedWithin128 / 2000)).toBeLessThan(0.015);
  });

  it("validates its arguments", () => {
    expect(() => conditionalPassAtK(uniform, tallies, 0)).toThrow(/K must be a safe integer >= 1/);
    expect(() => conditionalPassAtK({ ...uniform, alpha: 0 }, tallies, 4)).toThrow(/fit.alpha must be a finite number > 0/);
    expect(() => conditionalPassAtK(uniform, [], 4)).toThrow(EmptyDatasetError);
  });
});
