// The shape-free identification bounds on pass@K beyond n, their linear-program solver and normal
// quantile, against hand-derived optima and ranges.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, SeededRandom, passAtKIdentificationBounds, type Tally } from "../../src/index.js";
import { maximizeLinearProgram } from "../../src/prediction/linearProgram.js";
import { upperNormalQuantile } from "../../src/prediction/normalQuantile.js";

function counts(n: number, histogram: readonly number[]): Tally[] {
  const out: Tally[] = [];
  histogram.forEach((h, c) => {
    for (let i = 0; i < h; i++) out.push({ problemId: `c${c}-${i}`, n, c });
  });
  return out;
}

describe("maximizeLinearProgram", () => {
  it("finds the vertex of two inequalities (x1 + 2x2 ≤ 4, 3x1 + x2 ≤ 6: x = (1.6, 1.2), value 2.8)", () => {
    const r = maximizeLinearProgram({ objective: [1, 1], upper: [{ a: [1, 2], b: 4 }, { a: [3, 1], b: 6 }], equal: [] });
    expect(r.status).toBe("optimal");
    if (r.status !== "optimal") return;
    expect(Math.abs(r.value - 2.8)).toBeLessThan(1e-8);
    expect(Math.abs((r.x[0] as number) - 1.6)).toBeLessThan(1e-8);
    expect(Math.abs((r.x[1] as number) - 1.2)).toBeLessThan(1e-8);
  });

  it("handles equality rows and negative right-hand sides (min x1 + x2, x1 ≥ 1, x1 = x2: 2 at (1, 1))", () => {
    const r = maximizeLinearProgram({ objective: [-1, -1], upper: [{ a: [-1, 0], b: -1 }], equal: [{ a: [1, -1], b: 0 }] });
    expect(r.status).toBe("optimal");
    if (r.status === "optimal") expect(Math.abs(r.value + 2)).toBeLessThan(1e-8);
  });

  it("reports infeasible and unbounded programs", () => {
    expect(maximizeLinearProgram({ objective: [1, 0], upper: [{ a: [1, 1], b: 1 }, { a: [-1, -1], b: -2 }], equal: [] }).status).toBe("infeasible");
    expect(maximizeLinearProgram({ objective: [1, 0], upper: [{ a: [1, -1], b: 1 }], equal: [] }).status).toBe("unbounded");
  });

  it("does not cycle on Beale's degenerate example (optimum 5/4, certified by the dual y = (0, 3/2, 5/4))", () => {
    // max ¾x1 − 20x2 + ½x3 − 6x4 s.t. ¼x1 − 8x2 − x3 + 9x4 ≤ 0, ½x1 − 12x2 − ½x3 + 3x4 ≤ 0, x3 ≤ 1.
    // x = (1, 0, 1, 0) is feasible with value 5/4; y = (0, 3/2, 5/4) is dual feasible with value 5/4.
    const r = maximizeLinearProgram({
      objective: [0.75, -20, 0.5, -6],
      upper: [
        { a: [0.25, -8, -1, 9], b: 0 },
        { a: [0.5, -12, -0.5, 3], b: 0 },
        { a: [0, 0, 1, 0], b: 1 },
      ],
      equal: [],
    });
    expect(r.status).toBe("optimal");
    if (r.status === "optimal") expect(Math.abs(r.value - 1.25)).toBeLessThan(1e-7);
  });
});

describe("upperNormalQuantile", () => {
  it("matches the tabulated quantiles 1.959963984540054 (0.975) and 2.5758293035489004 (0.995)", () => {
    expect(Math.abs(upperNormalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-11);
    expect(Math.abs(upperNormalQuantile(0.995) - 2.5758293035489004)).toBeLessThan(1e-11);
    expect(Math.abs(upperNormalQuantile(0.5))).toBeLessThan(1e-12);
  });
});

describe("passAtKIdentificationBounds", () => {
  it("is the unbiased estimator's mean for K ≤ n and 1 beyond n when every problem is solved", () => {
    // pass@2 of c = 0, 1, 2 of 4: 0, 1 − C(3,2)/C(4,2) = 1/2, 1 − C(2,2)/C(4,2) = 5/6; mean 4/9.
    const b = passAtKIdentificationBounds(counts(4, [1, 1, 1]), 2);
    for (const v of [b.lower, b.identifiedLower, b.estimate, b.identifiedUpper, b.upper]) expect(Math.abs(v - 4 / 9)).toBeLessThan(1e-15);
    const all = passAtKIdentificationBounds(counts(4, [0, 2, 3, 0, 1]), 100);
    expect([all.lower, all.upper, all.unsolved]).toEqual([1, 1, 0]);
  });

  it("gives the hand-derived range on a two-point grid (n = 2, counts 200, 200, 100, K = 4, level 0.94)", () => {
    // Level 0.94 puts the counts' band at z = Φ⁻¹(1 − 0.06/12) = Φ⁻¹(0.995). With b problems at p = ½
    // and 500 − b at 0: E Φ0 = 500 − 3b/4, E Φ1 = b/2, E Φ2 = b/4. The band Φ_c ± z√(Φ_c + 1) on Φ0
    // gives b ∈ [(300 − z√201)/0.75, (300 + z√201)/0.75] ≈ [351.3, 448.7], inside what Φ1 ([327.0, 473.0])
    // and Φ2 ([296.4, 503.6]) allow. A problem with 0 of 2 correct is solved by 2 more samples with
    // r(b) = (3b/16)/(500 − 3b/4), increasing in b; the identified pass@4 is (300 + 200·r)/500.
    const z = 2.5758293035489004;
    const r = (b: number) => ((3 * b) / 16) / (500 - (3 * b) / 4);
    const lo = (300 + 200 * r((300 - z * Math.sqrt(201)) / 0.75)) / 500;
    const hi = (300 + 200 * r((300 + z * Math.sqrt(201)) / 0.75)) / 500;
    const b = passAtKIdentificationBounds(counts(2, [200, 200, 100]), 4, { level: 0.94, support: [0, 0.5] });
    expect(Math.abs(b.identifiedLower - lo)).toBeLessThan(1e-7);
    expect(Math.abs(b.identifiedUpper - hi)).toBeLessThan(1e-7);
    expect(Math.abs(b.estimate - (lo + hi) / 2)).toBeLessThan(1e-7);
    // The interval adds z'·√(200·r(1 − r)) problems at each end, z' = Φ⁻¹(1 − 0.06/4) = Φ⁻¹(0.985),
    // which tables put between 2.17 (0.98500) and 2.171.
    const rLo = (500 * b.identifiedLower - 300) / 200;
    const rHi = (500 * b.identifiedUpper - 300) / 200;
    const zLo = (500 * (b.identifiedLower - b.lower)) / Math.sqrt(200 * rLo * (1 - rLo));
    const zHi = (500 * (b.upper - b.identifiedUpper)) / Math.sqrt(200 * rHi * (1 - rHi));
    expect(Math.abs(zLo - zHi)).toBeLessThan(1e-9);
    expect(zLo).toBeGreaterThan(2.169);
    expect(zLo).toBeLessThan(2.171);
  });

  it("contains the truth's expected pass@K when the counts are its expected counts (grid 0, ½, 1)", () => {
    // 100 problems at p = 0 and 400 at p = ½: expected counts (200, 200, 100) for n = 2; a problem
    // with c = 0 is solved by 2 more samples with probability (400·¼·¾)/(100 + 400·¼) = 3/8.
    const b = passAtKIdentificationBounds(counts(2, [200, 200, 100]), 4, { support: [0, 0.5, 1] });
    const truth = (300 + 200 * (3 / 8)) / 500;
    expect(b.identifiedLower).toBeLessThanOrEqual(truth);
    expect(b.identifiedUpper).toBeGreaterThanOrEqual(truth);
  });

  it("covers the measured pass@64 from n = 8 on a known mixture over a fixed seed list", () => {
    // p: 10% at 0, 10% at 1/100 (between 1/K and 1/n), 40% at 0.2, 40% at 0.7; 400 problems.
    let covered = 0;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    for (const seed of seeds) {
      const rng = new SeededRandom(seed);
      let solved = 0;
      const tallies: Tally[] = Array.from({ length: 400 }, (_, i) => {
        const u = rng.nextDouble();
        const p = u < 0.1 ? 0 : u < 0.2 ? 0.01 : u < 0.6 ? 0.2 : 0.7;
        let c = 0;
        for (let s = 0; s < 8; s++) if (rng.nextDouble() < p) c++;
        let later = 0;
        for (let s = 8; s < 64; s++) if (rng.nextDouble() < p) later++;
        if (c + later > 0) solved++;
        return { problemId: `p${i}`, n: 8, c };
      });
      const b = passAtKIdentificationBounds(tallies, 64);
      expect(b.lower).toBeLessThanOrEqual(b.identifiedLower);
      expect(b.identifiedUpper).toBeLessThanOrEqual(b.upper);
      if (b.lower <= solved / 400 && solved / 400 <= b.upper) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(9);
  });

  it("names the field of bad input", () => {
    const t = counts(4, [2, 1, 1]);
    expect(() => passAtKIdentificationBounds([...t, { problemId: "x", n: 5, c: 0 }], 8)).toThrow(/one n for every problem, got n = 4, 5/);
    expect(() => passAtKIdentificationBounds(t, 0)).toThrow(InvalidArgumentError);
    expect(() => passAtKIdentificationBounds(t, 8, { level: 1 })).toThrow(/options.level must be a number strictly between 0 and 1/);
    expect(() => passAtKIdentificationBounds(t, 8, { support: [0.5] })).toThrow(/options.support must be an array/);
    expect(() => passAtKIdentificationBounds([{ problemId: "e", n: 0, c: 0 }], 8)).toThrow(/problem "e" has n = 0 samples/);
  });
});
