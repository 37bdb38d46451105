// predictPassAtKBeyond: the combination rule, its interval's coverage of a realized pass@K on
// synthetic problems with known success probabilities (fixed seed list), and its options.
import { describe, expect, it } from "vitest";
import {
  PLAUSIBLE_HELD_OUT_NATS,
  conditionalPassAtK,
  meanPassAtK,
  predictPassAtKBeyond,
  type Tally,
} from "../../src/index.js";
import { Draws } from "../helpers/sampling.js";

/**
 * Problems with p drawn from `drawP`, n samples observed, and the pass@K actually measured when the
 * remaining K − n samples of each are drawn too (the quantity the interval must cover).
 */
function realized(seed: number, problems: number, n: number, K: number, drawP: (d: Draws) => number): { tallies: Tally[]; measured: number } {
  const draws = new Draws(seed);
  let solved = 0;
  const tallies = Array.from({ length: problems }, (_, i) => {
    const p = drawP(draws);
    const c = draws.binomial(n, p);
    if (c > 0 || draws.binomial(K - n, p) > 0) solved++;
    return { problemId: `s${i}`, n, c };
  });
  return { tallies, measured: solved / problems };
}

/** 8% never solvable, the rest Beta(0.4, 0.3): inside the zero-inflated candidates. */
const zeroInflatedBeta = (d: Draws) => (d.uniform() < 0.08 ? 0 : d.beta(0.4, 0.3));
/** A discrete mixture no candidate contains: p ∈ {0, 0.005, 0.03, 0.4, 0.97}. */
const discrete = (d: Draws) => {
  const u = d.uniform();
  return u < 0.06 ? 0 : u < 0.12 ? 0.005 : u < 0.2 ? 0.03 : u < 0.55 ? 0.4 : 0.97;
};

describe("predictPassAtKBeyond: coverage of the measured pass@K", () => {
  const SEEDS = [101, 102, 103, 104, 105, 106, 107, 108];

  for (const [name, drawP] of [
    ["a zero-inflated beta", zeroInflatedBeta],
    ["a discrete mixture outside every candidate", discrete],
  ] as const) {
    it(`covers pass@64 from n = 8 for ${name} in at least 7 of 8 seeds`, () => {
      let covered = 0;
      for (const seed of SEEDS) {
        const { tallies, measured } = realized(seed, 150, 8, 64, drawP);
        const { points } = predictPassAtKBeyond(tallies, [64], { seed, resamples: 39 });
        const p = points[0]!;
        if (p.lower <= measured && measured <= p.upper) covered++;
        // Informative: clearly narrower than the logical range (none to all unsolved problems solved),
        // though from 150 problems and 8 samples each an 8-fold extrapolation stays wide.
        const unsolved = tallies.filter((t) => t.c === 0).length / tallies.length;
        expect(p.upper - p.lower, `seed ${seed}`).toBeLessThan(0.85 * unsolved);
      }
      expect(covered).toBeGreaterThanOrEqual(7);
    });
  }
});

describe("predictPassAtKBeyond: the combination rule", () => {
  const { tallies } = realized(11, 200, 8, 64, zeroInflatedBeta);
  const r = predictPassAtKBeyond(tallies, [4, 8, 64, 4096], { seed: 5, resamples: 39 });

  it("uses the unbiased estimator with no interval for K ≤ n", () => {
    for (const K of [4, 8]) {
      const p = r.points.find((q) => q.K === K)!;
      expect(p.extrapolated).toBe(false);
      expect(p.estimate).toBe(meanPassAtK(tallies, K));
      expect([p.lower, p.upper]).toEqual([p.estimate, p.estimate]);
    }
  });

  it("reports the midpoint of the plausible candidates and the span of their intervals", () => {
    const best = Math.max(...r.candidates.map((c) => c.heldOut!));
    for (const c of r.candidates) {
      expect(c.plausible, c.method).toBe((c.heldOut! - best) * tallies.length >= -PLAUSIBLE_HELD_OUT_NATS);
    }
    const kept = r.candidates.filter((c) => c.plausible);
    expect(kept.length).toBeGreaterThan(0);
    r.points.forEach((p, k) => {
      const own = kept.map((c) => c.points[k]!);
      expect(p.estimate).toBe((Math.min(...own.map((o) => o.estimate)) + Math.max(...own.map((o) => o.estimate))) / 2);
      expect(p.lower).toBe(Math.min(...own.map((o) => o.lower)));
      expect(p.upper).toBe(Math.max(...own.map((o) => o.upper)));
      expect(p.lower <= p.estimate && p.estimate <= p.upper).toBe(true);
    });
  });

  it("gives each candidate the empirical-Bayes estimate of its own fit", () => {
    for (const c of r.candidates) {
      expect(c.points[2]!.estimate, c.method).toBe(conditionalPassAtK(c.model, tallies, 64));
    }
  });

  it("is deterministic for a seed and changes with it", () => {
    const again = predictPassAtKBeyond(tallies, [4, 8, 64, 4096], { seed: 5, resamples: 39 });
    expect(again).toEqual(r);
    const other = predictPassAtKBeyond(tallies, [4, 8, 64, 4096], { seed: 6, resamples: 39 });
    expect(other.candidates.map((c) => [c.points[2]!.lower, c.points[2]!.upper])).not.toEqual(
      r.candidates.map((c) => [c.points[2]!.lower, c.points[2]!.upper]),
    );
  });
});

describe("predictPassAtKBeyond: options", () => {
  const { tallies } = realized(12, 120, 6, 48, zeroInflatedBeta);

  it("fits one method alone when asked, with its own interval", () => {
    const r = predictPassAtKBeyond(tallies, [48], { seed: 1, resamples: 39, method: "scaledBeta" });
    expect(r.method).toBe("scaledBeta");
    expect(r.candidates.map((c) => [c.method, c.heldOut, c.plausible])).toEqual([["scaledBeta", undefined, true]]);
    expect(r.points[0]!.estimate).toBe(conditionalPassAtK(r.candidates[0]!.model, tallies, 48));
    expect(r.unsolvableShare).toEqual({ estimate: 0, lower: 0, upper: 0 });
  });

  it("falls back to the logical bounds when too few resamples cannot bound the tails", () => {
    const r = predictPassAtKBeyond(tallies, [48], { seed: 1, resamples: 10, method: "beta" });
    const solved = tallies.filter((t) => t.c > 0).length;
    expect(r.points[0]!.lower).toBe(solved / tallies.length);
    expect(r.points[0]!.upper).toBe(1);
  });

  it("maps the deprecated zeroInflated option to the zero-inflated beta", () => {
    const r = predictPassAtKBeyond(tallies, [48], { seed: 1, resamples: 39, zeroInflated: true });
    expect(r.method).toBe("zeroInflatedBeta");
    expect(r.fit.unsolvableShare).toBe((r.candidates[0]!.model as { unsolvableShare: number }).unsolvableShare);
    expect(r.unsolvableShare.lower).toBeLessThanOrEqual(r.unsolvableShare.estimate);
  });

  it("validates Ks and options by name", () => {
    expect(() => predictPassAtKBeyond(tallies, [1, 0], { seed: 1 })).toThrow(/Ks\[1\] must be a safe integer >= 1/);
    expect(() => predictPassAtKBeyond(tallies, [1], { seed: -1 })).toThrow(/options.seed/);
    expect(() => predictPassAtKBeyond(tallies, [1], { seed: 1, level: 1 })).toThrow(/options.level/);
    expect(() => predictPassAtKBeyond(tallies, [1], { seed: 1, method: "gamma" as "beta" })).toThrow(
      /options.method must be one of "auto", "beta", "scaledBeta", "zeroInflatedBeta", "zeroInflatedScaledBeta", "npmle", got gamma/,
    );
    expect(() => predictPassAtKBeyond(tallies, [1], { seed: 1, zeroInflated: "no" as unknown as boolean })).toThrow(
      /options.zeroInflated must be a boolean/,
    );
  });

  it("extrapolates only the problems with fewer than K samples when n differs", () => {
    const mixed: Tally[] = [
      { problemId: "a", n: 4, c: 0 },
      { problemId: "b", n: 16, c: 0 },
      { problemId: "c", n: 16, c: 3 },
      ...tallies.map((t) => ({ ...t, problemId: `t${t.problemId}` })),
    ];
    const r = predictPassAtKBeyond(mixed, [8], { seed: 2, resamples: 39, method: "beta" });
    expect(r.points[0]!.extrapolated).toBe(true);
    expect(r.points[0]!.estimate).toBe(conditionalPassAtK(r.candidates[0]!.model, mixed, 8));
  });
});
