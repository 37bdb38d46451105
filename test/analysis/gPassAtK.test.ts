import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  KExceedsSamplesError,
  gPassAtK,
  mGPassAtK,
  meanGPassAtK,
  meanMGPassAtK,
  passAtK,
  passHatK,
} from "../../src/index.js";
import { binom, ratioToNumber, relErr } from "../helpers/exact.js";

/** Exact P(X ≥ m), X ~ Hypergeometric(n, c, k), as BigInt numerator over C(n, k). */
function exactTailNum(n: number, c: number, k: number, m: number): bigint {
  let num = 0n;
  for (let j = Math.max(m, 0); j <= Math.min(c, k); j++) num += binom(c, j) * binom(n - c, k - j);
  return num;
}
const exactTail = (n: number, c: number, k: number, m: number) => ratioToNumber(exactTailNum(n, c, k, m), binom(n, k));

/** Exact mG-Pass@k = (2/k) Σ_{i=⌈k/2⌉+1}^{k} P(X ≥ i). */
function exactMG(n: number, c: number, k: number): number {
  let num = 0n;
  for (let i = Math.ceil(k / 2) + 1; i <= k; i++) num += exactTailNum(n, c, k, i);
  return ratioToNumber(2n * num, BigInt(k) * binom(n, k));
}

const nck = (maxN: number) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n })));

describe("gPassAtK", () => {
  it("matches hand-derived values", () => {
    // n = 4, c = 2, k = 2: P(X=0) = C(2,2)/6 = 1/6, P(X=1) = 4/6, P(X=2) = 1/6
    expect(relErr(gPassAtK(4, 2, 2, 0.5), 5 / 6)).toBeLessThan(1e-15);
    expect(relErr(gPassAtK(4, 2, 2, 1), 1 / 6)).toBeLessThan(1e-15);
    // n = 5, c = 3, k = 3, τ = 2/3 → threshold 2: P(X ≥ 2) = (C(3,2)C(2,1) + C(3,3))/C(5,3) = 7/10
    expect(relErr(gPassAtK(5, 3, 3, 2 / 3), 7 / 10)).toBeLessThan(1e-15);
    expect(gPassAtK(5, 0, 3, 0)).toBe(0);
    expect(gPassAtK(5, 5, 3, 1)).toBe(1);
    expect(gPassAtK(5, 2, 3, 1)).toBe(0);
  });

  it("τ = 0 is pass@k (threshold raised to 1) and τ = 1 is pass^k", () => {
    fc.assert(
      fc.property(nck(200), ([n, c, k]) => {
        const g0 = gPassAtK(n, c, k, 0);
        const g1 = gPassAtK(n, c, k, 1);
        return relErr(g0, passAtK(n, c, k)) <= 1e-12 && relErr(g1, passHatK(n, c, k)) <= 1e-12;
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it("matches exact BigInt hypergeometric sums (relative error <= 1e-12)", () => {
    fc.assert(
      fc.property(nck(300), fc.integer({ min: 0, max: 100 }), ([n, c, k], pct) => {
        const tau = pct / 100;
        const m = Math.max(1, Math.ceil((pct * k) / 100 - 1e-12));
        // exact threshold from integers: ⌈pct·k/100⌉
        const mExact = Math.max(1, Math.floor((pct * k + 99) / 100));
        expect(m).toBe(mExact);
        return relErr(gPassAtK(n, c, k, tau), exactTail(n, c, k, mExact)) <= 1e-12;
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  it("keeps relative precision deep in the tails", () => {
    // P(all 300 draws correct) = 1/C(600,300) ≈ 7e-180; P(X ≥ 1) with c = 1 = k/n
    expect(relErr(gPassAtK(600, 300, 300, 1), exactTail(600, 300, 300, 300))).toBeLessThan(1e-12);
    expect(relErr(gPassAtK(600, 300, 300, 0.9), exactTail(600, 300, 300, 270))).toBeLessThan(1e-12);
    expect(relErr(gPassAtK(1000, 1, 3, 0), 3 / 1000)).toBeLessThan(1e-14);
    // a tail probability extremely close to 1
    const nearOne = exactTail(1000, 990, 500, 480);
    expect(relErr(gPassAtK(1000, 990, 500, 0.96), nearOne)).toBeLessThan(1e-12);
  });

  it("takes ⌈τk⌉ on the mathematical product (0.07 · 100 → 7, not 8)", () => {
    expect(0.07 * 100).toBeGreaterThan(7); // the float artefact being guarded against
    expect(relErr(gPassAtK(200, 12, 100, 0.07), exactTail(200, 12, 100, 7))).toBeLessThan(1e-12);
    expect(relErr(gPassAtK(200, 12, 100, 0.071), exactTail(200, 12, 100, 8))).toBeLessThan(1e-12);
  });

  it("rejects bad τ and k > n", () => {
    expect(() => gPassAtK(4, 2, 2, -0.1)).toThrow(InvalidArgumentError);
    expect(() => gPassAtK(4, 2, 2, 1.5)).toThrow(/tau must be a number from 0 to 1, got 1.5/);
    expect(() => gPassAtK(4, 2, 2, Number.NaN)).toThrow(/got NaN/);
    expect(() => gPassAtK(4, 2, 5, 0.5)).toThrow(KExceedsSamplesError);
  });
});

describe("mGPassAtK", () => {
  it("matches hand-derived values", () => {
    // k = 2: i from 2 to 2; (2/2) · P(X ≥ 2) with n = 4, c = 3 = C(3,2)/C(4,2) = 1/2
    expect(mGPassAtK(4, 3, 2)).toBe(0.5);
    // k = 1: empty sum
    expect(mGPassAtK(4, 3, 1)).toBe(0);
    // n = 5, c = 3, k = 3: i = 3 only: (2/3)·C(3,3)/C(5,3) = (2/3)(1/10) = 1/15
    expect(relErr(mGPassAtK(5, 3, 3), 1 / 15)).toBeLessThan(1e-15);
  });

  it("matches the exact sum of the paper's definition", () => {
    fc.assert(
      fc.property(nck(250), ([n, c, k]) => relErr(mGPassAtK(n, c, k), exactMG(n, c, k)) <= 1e-12),
      { numRuns: 200, seed: 17 },
    );
  });

  it("dataset means average the per-problem values", () => {
    const tallies = [
      { problemId: "a", n: 5, c: 3 },
      { problemId: "b", n: 6, c: 6 },
      { problemId: "c", n: 5, c: 3 },
    ];
    // c = n: every tail is 1, so mG-Pass@3 = (2/3) · 1 (the paper's sum has k − ⌈k/2⌉ terms)
    expect(mGPassAtK(6, 6, 3)).toBe(2 / 3);
    expect(relErr(meanMGPassAtK(tallies, 3), (1 / 15 + 2 / 3 + 1 / 15) / 3)).toBeLessThan(1e-15);
    expect(relErr(meanGPassAtK(tallies, 3, 2 / 3), (7 / 10 + 1 + 7 / 10) / 3)).toBeLessThan(1e-15);
    expect(() => meanGPassAtK(tallies, 6, 0.5)).toThrow(/k = 6 exceeds the number of samples n = 5 \(problem "a"\)/);
  });
});
