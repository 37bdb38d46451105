import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  KExceedsSamplesError,
  PasskError,
  passAtK,
  passHatK,
} from "../src/index.js";
import { exactPassAtK, exactPassHatK, humanEvalPassAtK, relErr } from "./helpers/exact.js";

/** (n, c, k) with 1 ≤ n ≤ maxN, 0 ≤ c ≤ n, 1 ≤ k ≤ n. */
const nck = (maxN: number) =>
  fc
    .integer({ min: 1, max: maxN })
    .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n })));

describe("passAtK", () => {
  it("matches hand-derived values", () => {
    // 1 − C(7,2)/C(10,2) = 1 − 21/45 = 8/15
    expect(passAtK(10, 3, 2)).toBeCloseTo(8 / 15, 15);
    expect(relErr(passAtK(10, 3, 2), 8 / 15)).toBeLessThan(1e-15);
    // k = 1 is the plain accuracy c/n
    expect(passAtK(7, 3, 1)).toBe(3 / 7);
    // 1 − C(3,3)/C(5,3) = 1 − 1/10
    expect(relErr(passAtK(5, 2, 3), 9 / 10)).toBeLessThan(1e-15);
    // n − c < k: every k-subset contains a correct sample
    expect(passAtK(5, 3, 3)).toBe(1);
    expect(passAtK(5, 5, 1)).toBe(1);
    expect(passAtK(5, 0, 5)).toBe(0);
    // tiny value keeps full relative precision: c = 1, n = 5000, k = 1 → 1/5000
    expect(relErr(passAtK(5000, 1, 1), 1 / 5000)).toBeLessThan(1e-15);
  });

  it("has relative error <= 1e-12 against exact BigInt arithmetic for n <= 5000", () => {
    fc.assert(
      fc.property(nck(5000), ([n, c, k]) => relErr(passAtK(n, c, k), exactPassAtK(n, c, k)) <= 1e-12),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it("is accurate in the hard corners (tiny values, values near 1, large k)", () => {
    const cases: Array<[number, number, number]> = [
      [5000, 1, 1], [5000, 1, 4999], [5000, 1, 2500], [5000, 2, 1], [5000, 4999, 1],
      [5000, 2500, 2500], [5000, 2500, 2501], [5000, 10, 4990], [5000, 10, 4991],
      [4999, 3, 17], [1024, 1, 1023], [1024, 512, 256], [2, 1, 1], [1, 1, 1], [1, 0, 1],
    ];
    for (const [n, c, k] of cases) {
      expect(relErr(passAtK(n, c, k), exactPassAtK(n, c, k)), `n=${n} c=${c} k=${k}`).toBeLessThanOrEqual(1e-12);
    }
  });

  it("is monotone non-decreasing in k and in c", () => {
    fc.assert(
      fc.property(nck(300), ([n, c, k]) => {
        const v = passAtK(n, c, k);
        if (k < n && passAtK(n, c, k + 1) < v) return false;
        if (c < n && passAtK(n, c + 1, k) < v) return false;
        return v >= 0 && v <= 1;
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it("refuses k > n instead of returning 1.0 like the reference implementation (regression)", () => {
    // The HumanEval reference returns 1.0 for c = 0, n < k: a model that never succeeded would score 100%.
    expect(humanEvalPassAtK(4, 0, 8)).toBe(1);
    expect(() => passAtK(4, 0, 8)).toThrow(KExceedsSamplesError);
    expect(() => passAtK(4, 0, 8)).toThrow(/k = 8 exceeds the number of samples n = 4/);
    expect(() => passAtK(4, 4, 5)).toThrow(KExceedsSamplesError);
  });

  it("throws typed errors naming the field and value for every invalid input", () => {
    const bad: Array<[number, number, number, string, RegExp]> = [
      [10, 3, 0, "k", /k must be a safe integer >= 1, got 0/],
      [10, 3, -1, "k", /got -1/],
      [10, 3, 1.5, "k", /got 1.5/],
      [10, 3, Number.NaN, "k", /got NaN/],
      [10, 11, 1, "c", /c must not exceed n, got c = 11 > n = 10/],
      [10, -1, 1, "c", /c must be a non-negative safe integer, got -1/],
      [10, 2.5, 1, "c", /got 2.5/],
      [Number.NaN, 0, 1, "n", /n must be a non-negative safe integer, got NaN/],
      [-3, 0, 1, "n", /got -3/],
      [Infinity, 0, 1, "n", /got Infinity/],
      [2 ** 60, 0, 1, "n", /safe integer/],
    ];
    for (const [n, c, k, field, message] of bad) {
      let caught: unknown;
      try {
        passAtK(n, c, k);
      } catch (e) {
        caught = e;
      }
      expect(caught, `${n},${c},${k}`).toBeInstanceOf(InvalidArgumentError);
      expect(caught).toBeInstanceOf(PasskError);
      expect((caught as InvalidArgumentError).field).toBe(field);
      expect((caught as Error).message).toMatch(message);
    }
    // Strings are not silently coerced.
    expect(() => passAtK("10" as unknown as number, 1, 1)).toThrow(/n must be a non-negative safe integer, got "10"/);
  });
});

describe("passHatK", () => {
  it("matches hand-derived values", () => {
    // C(3,2)/C(10,2) = 3/45
    expect(relErr(passHatK(10, 3, 2), 1 / 15)).toBeLessThan(1e-15);
    expect(passHatK(10, 3, 4)).toBe(0);
    expect(passHatK(10, 10, 10)).toBe(1);
    expect(passHatK(10, 0, 1)).toBe(0);
    expect(passHatK(7, 3, 1)).toBe(3 / 7);
  });

  it("has relative error <= 1e-12 against exact BigInt arithmetic where the value is a normal float", () => {
    fc.assert(
      fc.property(nck(5000), ([n, c, k]) => {
        const exact = exactPassHatK(n, c, k);
        if (exact !== 0 && exact < 1e-300) return true; // below float64's normal range: documented underflow
        return relErr(passHatK(n, c, k), exact) <= 1e-12;
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  it("satisfies pass^k <= (c/n) <= pass@k ordering at k >= 1 and equality at k = 1", () => {
    fc.assert(
      fc.property(nck(200), ([n, c, k]) => {
        const hat = passHatK(n, c, k);
        const at = passAtK(n, c, k);
        const atOne = k !== 1 || (relErr(hat, c / n) < 1e-15 && relErr(at, c / n) < 1e-15);
        return hat <= c / n + 1e-15 && c / n <= at + 1e-15 && atOne;
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it("refuses k > n", () => {
    expect(() => passHatK(3, 3, 4)).toThrow(KExceedsSamplesError);
  });
});
