// The grid NPMLE (Kiefer–Wolfowitz) against hand-derived maxima, and the predictions that accept a
// grid distribution.
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  conditionalPassAtK,
  fitMixingDistribution,
  predictPassAtK,
  type Tally,
} from "../../src/index.js";
import { relErr } from "../helpers/exact.js";

function counts(n: number, histogram: readonly number[]): Tally[] {
  const out: Tally[] = [];
  histogram.forEach((h, c) => {
    for (let i = 0; i < h; i++) out.push({ problemId: `c${c}-${i}`, n, c });
  });
  return out;
}

describe("fitMixingDistribution", () => {
  it("matches the empirical frequencies when they lie inside the moment space (n = 2, hand-derived)", () => {
    // Counts 3, 2, 5 of c = 0, 1, 2: P1² = 0.04 ≤ 4·P0·P2 = 0.6, so a mixture reproduces them:
    // w = (0.2, 0.4, 0.4) on p = (0, ½, 1) gives P = (0.2 + 0.1, 0.2, 0.4 + 0.1) = (0.3, 0.2, 0.5).
    const fit = fitMixingDistribution(counts(2, [3, 2, 5]), { support: [0, 0.5, 1], tolerance: 1e-9 });
    const saturated = 3 * Math.log(0.3) + 2 * Math.log(0.2) + 5 * Math.log(0.5);
    expect(fit.converged).toBe(true);
    expect(fit.gap).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(fit.logLikelihood - saturated)).toBeLessThan(1e-8);
    fit.weights.forEach((w, j) => expect(Math.abs(w - ([0.2, 0.4, 0.4][j] as number)), `w${j}`).toBeLessThan(1e-6));
  });

  it("puts all mass at p = ½ when the counts lie outside the moment space (n = 2, counts 1, 8, 1)", () => {
    // 8 ln P1 + ln P0 + ln P2 ≤ 8 ln P1 + 2 ln((1 − P1)/2) with P1 ≤ ½ for any mixture: the maximum is δ_{1/2}.
    const fit = fitMixingDistribution(counts(2, [1, 8, 1]), { support: [0, 0.25, 0.5, 0.75, 1], tolerance: 1e-9 });
    expect(Math.abs(fit.logLikelihood - (8 * Math.log(0.5) + 2 * Math.log(0.25)))).toBeLessThan(1e-8);
    expect(fit.weights[2]).toBeGreaterThan(1 - 1e-6);
  });

  it("identifies only the mean from n = 1 (maximum a·ln(1 − m) + b·ln m at m = b/N) on the default grid", () => {
    const fit = fitMixingDistribution(counts(1, [7, 3]));
    expect(fit.converged).toBe(true);
    expect(fit.gap).toBeLessThanOrEqual(1e-4);
    expect(fit.logLikelihood).toBeLessThanOrEqual(7 * Math.log(0.7) + 3 * Math.log(0.3) + 1e-12);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(7 * Math.log(0.7) + 3 * Math.log(0.3) - 1e-4);
    const mean = fit.support.reduce((s, p, j) => s + p * (fit.weights[j] as number), 0);
    expect(Math.abs(mean - 0.3)).toBeLessThan(1e-4);
    expect(fit.support).toHaveLength(302);
    expect(fit.support[0]).toBe(0);
    expect(fit.support[301]).toBe(1);
  });

  it("validates the grid and options by name", () => {
    const t = counts(2, [1, 1, 1]);
    expect(() => fitMixingDistribution(t, { support: [0.5] })).toThrow(/options.support must be an array of at least 2/);
    expect(() => fitMixingDistribution(t, { support: [0, 0.5, 0.5] })).toThrow(/options.support must be strictly increasing/);
    expect(() => fitMixingDistribution(t, { support: [0, 1.5] })).toThrow(/options.support\[1\] must be a probability/);
    expect(() => fitMixingDistribution(t, { tolerance: 0 })).toThrow(/options.tolerance must be a finite number > 0/);
    expect(() => fitMixingDistribution(t, { maxIterations: 0 })).toThrow(/options.maxIterations must be a safe integer >= 1/);
    expect(() => fitMixingDistribution([{ problemId: "e", n: 0, c: 0 }])).toThrow(/problem "e" has n = 0 samples/);
  });
});

describe("predictions from a grid distribution", () => {
  const grid = { support: [0, 0.5], weights: [0.25, 0.75] };

  it("predictPassAtK = Σ w_j (1 − (1 − p_j)^K)", () => {
    expect(predictPassAtK(grid, 3)).toBe(0.75 * (1 - 1 / 8));
    expect(predictPassAtK({ support: [0, 1], weights: [0.5, 0.5] }, 10)).toBe(0.5);
  });

  it("conditionalPassAtK weighs the unsolved problem by its posterior (hand-derived)", () => {
    // 0 of 2 solved: posterior ∝ 0.25·1 at p = 0 and 0.75·¼ at p = ½, so solved within 4 with
    // probability (0.1875·(1 − ¼))/(0.25 + 0.1875) = 0.140625/0.4375 = 9/28.
    const tallies = [
      { problemId: "a", n: 2, c: 0 },
      { problemId: "b", n: 2, c: 2 },
    ];
    expect(relErr(conditionalPassAtK(grid, tallies, 4), (1 + 9 / 28) / 2)).toBeLessThan(1e-14);
  });

  it("refuses invalid grids and a model under which an observed c = 0 is impossible", () => {
    expect(() => predictPassAtK({ support: [0, 0.5], weights: [0.5, 0.6] }, 1)).toThrow(/fit.weights must sum to 1/);
    expect(() => predictPassAtK({ support: [0, 0.5], weights: [1] }, 1)).toThrow(/fit.weights must be an array as long as fit.support/);
    expect(() => predictPassAtK({ support: [0, 0.5], weights: [-0.5, 1.5] }, 1)).toThrow(InvalidArgumentError);
    expect(() => conditionalPassAtK({ support: [0.5, 1], weights: [0, 1] }, [{ problemId: "a", n: 2, c: 0 }], 4)).toThrow(
      /gives probability 0 to a problem with none of its n = 2 samples correct/,
    );
  });
});
