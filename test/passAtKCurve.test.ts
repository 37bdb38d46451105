import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DuplicateProblemError,
  EmptyDatasetError,
  InvalidArgumentError,
  KExceedsSamplesError,
  meanPassAtK,
  passAtK,
  passAtKCurve,
  type Tally,
} from "../src/index.js";
import { binom, exactPassAtK, ratioToNumber, relErr } from "./helpers/exact.js";

/** Exact mean pass@k over a dataset: Σ_p (C(n,k) − C(n−c,k))/C(n,k) / P, as one rational. */
function exactMean(tallies: Tally[], k: number): number {
  // One exact rational: a/b + c/d = (ad + cb)/bd, converted to float once at the end.
  let num = 0n;
  let den = 1n;
  for (const t of tallies) {
    const d = binom(t.n, k);
    const nn = d - binom(t.n - t.c, k);
    num = num * d + nn * den;
    den = den * d;
  }
  return ratioToNumber(num, den * BigInt(tallies.length));
}

const datasets = (maxN: number, maxProblems: number) =>
  fc
    .array(
      fc.integer({ min: 1, max: maxN }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
      { minLength: 1, maxLength: maxProblems },
    )
    .map((pairs) => pairs.map(([n, c], i) => ({ problemId: `p${i}`, n, c })));

describe("meanPassAtK", () => {
  it("averages hand-derived per-problem values", () => {
    const t = [
      { problemId: "a", n: 10, c: 3 }, // 8/15
      { problemId: "b", n: 10, c: 0 }, // 0
      { problemId: "c", n: 5, c: 2 }, // 1 − C(3,2)/C(5,2) = 7/10
    ];
    expect(relErr(meanPassAtK(t, 2), (8 / 15 + 0 + 7 / 10) / 3)).toBeLessThan(1e-15);
    expect(meanPassAtK(t, 1)).toBeCloseTo((0.3 + 0 + 0.4) / 3, 15);
  });

  it("matches exact rational arithmetic over random datasets", () => {
    fc.assert(
      fc.property(datasets(120, 12), fc.integer({ min: 1, max: 120 }), (tallies, kRaw) => {
        const minN = Math.min(...tallies.map((t) => t.n));
        const k = 1 + ((kRaw - 1) % minN);
        return relErr(meanPassAtK(tallies, k), exactMean(tallies, k)) <= 1e-12;
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("accepts any iterable, e.g. a generator", () => {
    function* gen() {
      yield { problemId: "x", n: 4, c: 1 };
      yield { problemId: "y", n: 4, c: 3 };
    }
    expect(meanPassAtK(gen(), 1)).toBe(0.5);
  });

  it("rejects k above the smallest n, naming that problem", () => {
    const t = [
      { problemId: "big", n: 64, c: 1 },
      { problemId: "small", n: 8, c: 0 },
    ];
    expect(() => meanPassAtK(t, 16)).toThrow(KExceedsSamplesError);
    expect(() => meanPassAtK(t, 16)).toThrow(/k = 16 exceeds the number of samples n = 8 \(problem "small"\)/);
  });

  it("rejects empty datasets, duplicates and malformed tallies by index and problem id", () => {
    expect(() => meanPassAtK([], 1)).toThrow(EmptyDatasetError);
    const dup = [
      { problemId: "p", n: 4, c: 1 },
      { problemId: "q", n: 4, c: 1 },
      { problemId: "p", n: 4, c: 2 },
    ];
    expect(() => meanPassAtK(dup, 1)).toThrow(DuplicateProblemError);
    expect(() => meanPassAtK(dup, 1)).toThrow(/problem "p" appears more than once in tallies \(again at index 2\)/);
    const bad = [
      { problemId: "ok", n: 4, c: 1 },
      { problemId: "broken", n: 4, c: 5 },
    ];
    let err: unknown;
    try {
      meanPassAtK(bad, 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).field).toBe("tallies[1].c");
    expect((err as InvalidArgumentError).problemId).toBe("broken");
    expect((err as Error).message).toMatch(/tallies\[1\]\.c must not exceed tallies\[1\]\.n, got c = 5 > n = 4 \(problem "broken"\)/);
    expect(() => meanPassAtK([{ problemId: 7, n: 1, c: 0 } as unknown as Tally], 1)).toThrow(/tallies\[0\]\.problemId must be a string/);
    expect(() => meanPassAtK([{ problemId: "z", n: 3.5, c: 0 }], 1)).toThrow(/tallies\[0\]\.n must be a non-negative safe integer, got 3.5/);
  });
});

describe("passAtKCurve", () => {
  it("gives hand-derived curves", () => {
    // n=4,c=1: k/4.  n=4,c=2: 1/2, 5/6, 1, 1.
    const curve = passAtKCurve([
      { problemId: "a", n: 4, c: 1 },
      { problemId: "b", n: 4, c: 2 },
    ]);
    const expected = [(1 / 4 + 1 / 2) / 2, (1 / 2 + 5 / 6) / 2, (3 / 4 + 1) / 2, 1];
    expect(curve.map((p) => p.k)).toEqual([1, 2, 3, 4]);
    curve.forEach((p, i) => expect(relErr(p.value, expected[i] as number)).toBeLessThan(1e-15));
  });

  it("defaults to every k from 1 to the smallest n, with mixed n", () => {
    const curve = passAtKCurve([
      { problemId: "a", n: 7, c: 2 },
      { problemId: "b", n: 3, c: 1 },
    ]);
    expect(curve.map((p) => p.k)).toEqual([1, 2, 3]);
    // k=3: a: 1 − C(5,3)/C(7,3) = 1 − 10/35 = 5/7; b: 1
    expect(relErr((curve[2] as { value: number }).value, (5 / 7 + 1) / 2)).toBeLessThan(1e-15);
  });

  it("agrees with per-k meanPassAtK and with exact arithmetic (relative 1e-12)", () => {
    fc.assert(
      fc.property(datasets(200, 15), (tallies) => {
        const curve = passAtKCurve(tallies);
        return curve.every(
          (p) =>
            relErr(p.value, meanPassAtK(tallies, p.k)) <= 1e-12 && relErr(p.value, exactMean(tallies, p.k)) <= 1e-12,
        );
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it("is exact on large n where the recurrence runs long (n = 1024, every k)", () => {
    const tallies = [1, 2, 17, 300, 511, 512, 1000, 1023, 1024, 0].map((c, i) => ({ problemId: `q${i}`, n: 1024, c }));
    const curve = passAtKCurve(tallies);
    expect(curve).toHaveLength(1024);
    for (const k of [1, 2, 3, 10, 100, 255, 256, 257, 700, 1023, 1024]) {
      const expected = tallies.reduce((s, t) => s + exactPassAtK(t.n, t.c, k), 0) / tallies.length;
      expect(relErr((curve[k - 1] as { value: number }).value, expected), `k=${k}`).toBeLessThanOrEqual(1e-12);
    }
  });

  it("returns requested ks in the order given, duplicates included, and [] for none", () => {
    const t = [{ problemId: "a", n: 4, c: 1 }];
    expect(passAtKCurve(t, [4, 1, 4])).toEqual([
      { k: 4, value: 1 },
      { k: 1, value: 0.25 },
      { k: 4, value: 1 },
    ]);
    expect(passAtKCurve(t, [])).toEqual([]);
    expect(passAtKCurve(t, new Set([2])).map((p) => p.value)).toEqual([0.5]);
  });

  it("groups identical (n, c) without changing the result", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ problemId: `m${i}`, n: 64, c: i % 3 }));
    const curve = passAtKCurve(many, [1, 8, 64]);
    // 334 problems with c=0, 333 with c=1, 333 with c=2 (i%3: 0..999 → 334 zeros)
    const expect8 = (333 * exactPassAtK(64, 1, 8) + 333 * exactPassAtK(64, 2, 8)) / 1000;
    expect(relErr((curve[1] as { value: number }).value, expect8)).toBeLessThan(1e-13);
    expect((curve[2] as { value: number }).value).toBe(666 / 1000);
  });

  it("names the offending entry of ks", () => {
    const t = [
      { problemId: "a", n: 8, c: 1 },
      { problemId: "b", n: 4, c: 1 },
    ];
    expect(() => passAtKCurve(t, [1, 2, 0])).toThrow(/ks\[2\] must be a safe integer >= 1, got 0/);
    expect(() => passAtKCurve(t, [1, 5])).toThrow(KExceedsSamplesError);
    expect(() => passAtKCurve(t, [1, 5])).toThrow(/ks\[1\] = 5 exceeds the number of samples n = 4 \(problem "b"\)/);
    expect(() => passAtKCurve(t, [1, Number.NaN])).toThrow(/ks\[1\].*NaN/);
    expect(() => passAtKCurve([{ problemId: "z", n: 0, c: 0 }])).toThrow(KExceedsSamplesError);
    expect(() => passAtKCurve([])).toThrow(EmptyDatasetError);
  });
});

describe("passAtKCurve at a few large ks (the sparse path)", () => {
  const POWERS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

  it("is exact at k = 1, 2, 4, …, 1024 for n = 1024 and every kind of c", () => {
    const cs = [1, 2, 3, 7, 10, 63, 64, 65, 100, 255, 300, 500, 511, 512, 513, 700, 960, 1000, 1020, 1023, 1024, 0];
    const tallies = cs.map((c, i) => ({ problemId: `q${i}`, n: 1024, c }));
    const curve = passAtKCurve(tallies, POWERS);
    expect(curve.map((p) => p.k)).toEqual(POWERS);
    for (const p of curve) expect(relErr(p.value, exactMean(tallies, p.k)), `k=${p.k}`).toBeLessThanOrEqual(1e-12);
  });

  it("agrees with exact arithmetic and with the full curve on random datasets with mixed n", () => {
    fc.assert(
      fc.property(datasets(300, 12), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), (tallies, raw) => {
        const minN = Math.min(...tallies.map((t) => t.n));
        const ks = raw.map((k) => 1 + ((k - 1) % minN));
        const sparse = passAtKCurve(tallies, ks);
        const full = passAtKCurve(tallies);
        return sparse.every(
          (p) => relErr(p.value, exactMean(tallies, p.k)) <= 1e-12 && relErr(p.value, (full[p.k - 1] as { value: number }).value) <= 1e-12,
        );
      }),
      { numRuns: 80, seed: 1024 },
    );
  });

  it("is within two roundings of the exact value for one problem, c = 1..1024", () => {
    for (let c = 1; c <= 1024; c += 7) {
      const curve = passAtKCurve([{ problemId: "p", n: 1024, c }], POWERS);
      for (const p of curve) expect(relErr(p.value, exactPassAtK(1024, c, p.k)), `c=${c} k=${p.k}`).toBeLessThanOrEqual(2 ** -52);
    }
    // small cases come out as exact fractions, as passAtK gives them: pass@1 = c/n, pass@2
    expect(passAtKCurve([{ problemId: "p", n: 1024, c: 3 }], [1, 2, 8]).map((p) => p.value)).toEqual([3 / 1024, passAtK(1024, 3, 2), passAtK(1024, 3, 8)]);
  });

  it("takes a long list of ks without overflowing the stack", () => {
    const ks = Array.from({ length: 300_000 }, (_, i) => 1 + (i % 64));
    const curve = passAtKCurve([{ problemId: "a", n: 64, c: 1 }], ks);
    expect(curve).toHaveLength(300_000);
    expect((curve[299_999] as { k: number; value: number }).value).toBe((1 + (299_999 % 64)) / 64);
  });
});

