import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  KExceedsSamplesError,
  MismatchedProblemsError,
  SeededRandom,
  bootstrapCoverage,
  bootstrapPassAtK,
  bootstrapSamplingEfficiencyGap,
  comparePassAtK,
  passAtK,
} from "../../src/index.js";

const t = (problemId: string, n: number, c: number) => ({ problemId, n, c });

describe("SeededRandom", () => {
  it("follows the xoshiro128** reference sequence from state (1, 2, 3, 4)", () => {
    // Hand-stepped: rotl(2·5, 7)·9 = 11520; then s1 = 0 → 0; then s1 = 1029 → rotl(5145, 7)·9 = 5927040;
    // then s1 = 12295 → rotl(61475, 7)·9 = 70819200.
    const r = SeededRandom.fromState(1, 2, 3, 4);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it("is deterministic per seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it("draws indices in range, roughly uniformly", () => {
    const r = new SeededRandom(1);
    const counts = new Array(7).fill(0) as number[];
    for (let i = 0; i < 70000; i++) {
      const x = r.nextIndex(7);
      counts[x] = (counts[x] as number) + 1;
    }
    // each count ~ Binomial(70000, 1/7): mean 10000, sd ≈ 92.6; 6 sd bound
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(560);
    expect(() => r.nextIndex(0)).toThrow(InvalidArgumentError);
    expect(() => new SeededRandom(-1)).toThrow(/seed must be a non-negative safe integer, got -1/);
    expect(() => new SeededRandom(1.5)).toThrow(InvalidArgumentError);
  });
});

describe("bootstrapPassAtK", () => {
  const tallies = [t("a", 10, 0), t("b", 10, 3), t("c", 10, 10), t("d", 10, 1), t("e", 10, 6)];

  it("reports the mean, the analytic standard error and an interval around it", () => {
    const r = bootstrapPassAtK(tallies, [1, 5], { seed: 42, resamples: 4000 });
    expect([r.problems, r.resamples, r.level, r.seed]).toEqual([5, 4000, 0.95, 42]);
    const at1 = r.points[0]!;
    // pass@1 = c/n: 0, .3, 1, .1, .6 → mean 2/5; deviations −.4, −.1, .6, −.3, .2 → Σd² = 0.66
    expect(at1.k).toBe(1);
    expect(at1.estimate).toBeCloseTo(0.4, 15);
    expect(at1.standardError).toBeCloseTo(Math.sqrt(0.66 / 4 / 5), 15);
    // the percentile interval of a mean of 5 values lies within [min, max] and brackets the estimate
    expect(at1.lower).toBeGreaterThanOrEqual(0);
    expect(at1.upper).toBeLessThanOrEqual(1);
    expect(at1.lower).toBeLessThan(0.4);
    expect(at1.upper).toBeGreaterThan(0.4);
    // the bootstrap spread agrees with the analytic one: interval width ≈ 2 · 1.96 · s/√P · √((P−1)/P)
    const width = at1.upper - at1.lower;
    const expected = 2 * 1.96 * at1.standardError * Math.sqrt(4 / 5);
    expect(Math.abs(width / expected - 1)).toBeLessThan(0.2);
  });

  it("uses the same resamples for every k (a column does not depend on the other ks)", () => {
    const both = bootstrapPassAtK(tallies, [1, 5], { seed: 3, resamples: 500 });
    const only5 = bootstrapPassAtK(tallies, [5], { seed: 3, resamples: 500 });
    expect(both.points[1]).toEqual(only5.points[0]);
    const again = bootstrapPassAtK(tallies, [1, 5], { seed: 3, resamples: 500 });
    expect(again).toEqual(both);
    expect(bootstrapPassAtK(tallies, [1, 5], { seed: 4, resamples: 500 }).points[0]?.lower).not.toBeUndefined();
  });

  it("gives a degenerate interval when all problems are alike, and widens with the level", () => {
    const same = [t("a", 4, 2), t("b", 4, 2), t("c", 4, 2)];
    const r = bootstrapPassAtK(same, [2], { seed: 1, resamples: 100 });
    expect(r.points[0]).toEqual({ k: 2, estimate: passAtK(4, 2, 2), standardError: 0, lower: passAtK(4, 2, 2), upper: passAtK(4, 2, 2) });
    const narrow = bootstrapPassAtK(tallies, [1], { seed: 5, resamples: 2000, level: 0.5 }).points[0]!;
    const wide = bootstrapPassAtK(tallies, [1], { seed: 5, resamples: 2000, level: 0.99 }).points[0]!;
    expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
    expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
  });

  it("the resampled means are unbiased for the estimate (law of the bootstrap mean)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 2, maxLength: 12 }), fc.nat(1000), (cs, seed) => {
        const data = cs.map((c, i) => t(`p${i}`, 8, c));
        const r = bootstrapPassAtK(data, [2], { seed, resamples: 400, level: 0.999 }).points[0]!;
        return r.lower <= r.estimate + 1e-12 && r.estimate <= r.upper + 1e-12;
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  it("validates options and data", () => {
    expect(() => bootstrapPassAtK(tallies, [1], {} as { seed: number })).toThrow(/options.seed must be a non-negative safe integer, got undefined/);
    expect(() => bootstrapPassAtK(tallies, [1], { seed: 1, resamples: 0 })).toThrow(/options.resamples/);
    expect(() => bootstrapPassAtK(tallies, [1], { seed: 1, level: 1 })).toThrow(/options.level must be a number strictly between 0 and 1, got 1/);
    expect(() => bootstrapPassAtK([t("a", 2, 1)], [1], { seed: 1 })).toThrow(/from 2 to 2\^21 problems/);
    expect(() => bootstrapPassAtK(tallies, [11], { seed: 1 })).toThrow(KExceedsSamplesError);
    expect(() => bootstrapPassAtK(tallies, [], { seed: 1 })).toThrow(/at least one k/);
  });
});

describe("bootstrapCoverage and bootstrapSamplingEfficiencyGap", () => {
  it("coverage: share of solved problems with s/√P", () => {
    const data = [t("a", 4, 1), t("b", 4, 0), t("c", 4, 3), t("d", 4, 0)];
    const r = bootstrapCoverage(data, { seed: 2, resamples: 3000 });
    expect(r.estimate).toBe(0.5);
    // values 1, 0, 1, 0: s² = 1/3, s/√4 = √(1/12)
    expect(r.standardError).toBeCloseTo(Math.sqrt(1 / 12), 15);
    // resampled shares are multiples of 1/4
    expect(r.lower * 4).toBe(Math.round(r.lower * 4));
    expect(r.lower).toBeLessThan(0.5);
    expect(r.upper).toBeGreaterThan(0.5);
  });

  it("ΔSE: paired per-problem terms", () => {
    const base = [t("a", 4, 1), t("b", 4, 0), t("c", 4, 2)];
    const rl = [t("a", 4, 2), t("b", 4, 0), t("c", 4, 4)];
    // terms at k = 4: 1 − 1/2, 0 − 0, 1 − 1 → 1/2, 0, 0; mean 1/6; Σd² = 1/9 + 1/36 + 1/36 = 1/6 → s/√P = √(1/12/3)
    const r = bootstrapSamplingEfficiencyGap(base, rl, { k: 4, seed: 1, resamples: 1000 });
    expect(r.k).toBe(4);
    expect(r.estimate).toBeCloseTo(1 / 6, 15);
    expect(r.standardError).toBeCloseTo(Math.sqrt(1 / 36), 15);
    expect(r.lower).toBeGreaterThanOrEqual(0);
    expect(r.upper).toBeLessThanOrEqual(0.5);
    expect(() => bootstrapSamplingEfficiencyGap(base, rl.slice(1), { k: 4, seed: 1 })).toThrow(MismatchedProblemsError);
  });
});

describe("comparePassAtK", () => {
  const a = [t("p", 4, 4), t("q", 4, 1), t("r", 4, 0), t("s", 4, 2)];
  const b = [t("p", 4, 2), t("q", 4, 1), t("r", 4, 1), t("s", 4, 0)];

  it("gives the difference, paired interval and win/tie/loss counts at each k", () => {
    const r = comparePassAtK(a, b, [1, 4], { seed: 6, resamples: 2000 });
    const at1 = r.points[0]!;
    // pass@1: a = 1, 1/4, 0, 1/2; b = 1/2, 1/4, 1/4, 0 → differences 1/2, 0, −1/4, 1/2
    expect([at1.wins, at1.ties, at1.losses]).toEqual([2, 1, 1]);
    expect(at1.meanA).toBe(7 / 16);
    expect(at1.meanB).toBe(1 / 4);
    expect(at1.estimate).toBe(3 / 16);
    // deviations 5/16, −3/16, −7/16, 5/16 → Σ = (25 + 9 + 49 + 25)/256 = 108/256; s² = 36/256; s/√4 = 6/32
    expect(at1.standardError).toBeCloseTo(6 / 32, 15);
    const at4 = r.points[1]!;
    // pass@4 with n = 4 is 1 iff c > 0: a = 1, 1, 0, 1; b = 1, 1, 1, 0
    expect([at4.wins, at4.ties, at4.losses]).toEqual([1, 2, 1]);
    expect(at4.estimate).toBe(0);
    expect(at4.lower).toBeLessThanOrEqual(0);
    expect(at4.upper).toBeGreaterThanOrEqual(0);
  });

  it("is antisymmetric: swapping the models negates the difference and swaps wins and losses", () => {
    const ab = comparePassAtK(a, b, [2], { seed: 9, resamples: 1000 }).points[0]!;
    const ba = comparePassAtK(b, a, [2], { seed: 9, resamples: 1000 }).points[0]!;
    expect(ba.estimate).toBeCloseTo(-ab.estimate, 15);
    expect(ba.lower).toBeCloseTo(-ab.upper, 12);
    expect(ba.upper).toBeCloseTo(-ab.lower, 12);
    expect([ba.wins, ba.ties, ba.losses]).toEqual([ab.losses, ab.ties, ab.wins]);
  });

  it("refuses mismatched problems and k beyond either model's n", () => {
    expect(() => comparePassAtK(a, b.slice(0, 3), [1], { seed: 1 })).toThrow(/model "b" has no tally for problem "s"/);
    expect(() => comparePassAtK(a, [...b.slice(0, 3), t("s", 2, 0)], [3], { seed: 1 })).toThrow(/k.* = 3 exceeds the number of samples n = 2 \(problem "s"\)/);
  });
});
