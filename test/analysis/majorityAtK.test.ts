import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EmptyDatasetError, InvalidArgumentError, KExceedsSamplesError, majorityAtK, meanMajorityAtK } from "../../src/index.js";
import { binom, ratioToNumber, relErr } from "../helpers/exact.js";

/** Exact rational accumulator num/den with BigInt. */
class Fraction {
  num = 0n;
  den = 1n;
  add(num: bigint, den: bigint): void {
    this.num = this.num * den + num * this.den;
    this.den *= den;
    const g = gcd(this.num, this.den);
    if (g > 1n) {
      this.num /= g;
      this.den /= g;
    }
  }
}
function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Brute force: enumerate every k-subset of the n samples (label = cluster index, −1 = no answer),
 * take the plurality, split ties uniformly; exact rational mean.
 */
function bruteForce(sizes: number[], correct: boolean[], noAnswer: number, k: number): number {
  const labels: number[] = [];
  sizes.forEach((s, i) => { for (let j = 0; j < s; j++) labels.push(i); });
  for (let j = 0; j < noAnswer; j++) labels.push(-1);
  const n = labels.length;
  const acc = new Fraction();
  let subsets = 0n;
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === k) {
      subsets++;
      const votes = new Map<number, number>();
      for (const i of pick) {
        const l = labels[i] as number;
        if (l >= 0) votes.set(l, (votes.get(l) ?? 0) + 1);
      }
      let top = 0;
      for (const v of votes.values()) top = Math.max(top, v);
      if (top === 0) return;
      const tied = [...votes].filter(([, v]) => v === top).map(([l]) => l);
      const good = tied.filter((l) => correct[l]).length;
      if (good > 0) acc.add(BigInt(good), BigInt(tied.length));
      return;
    }
    for (let i = start; i <= n - (k - pick.length); i++) {
      pick.push(i);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
  return ratioToNumber(acc.num, acc.den * subsets);
}

/**
 * Exact by enumerating count vectors (x_1..x_m, abstentions) with Σ = k, each weighted by
 * Π C(s_i, x_i) · C(noAnswer, x_0) / C(n, k): independent of the subset enumeration above and usable
 * for larger n with few clusters.
 */
function byCountVectors(sizes: number[], correct: boolean[], noAnswer: number, k: number): number {
  const n = sizes.reduce((a, b) => a + b, noAnswer);
  const acc = new Fraction();
  const xs: number[] = [];
  const rec = (i: number, left: number, ways: bigint) => {
    if (i === sizes.length) {
      if (left > noAnswer) return;
      const w = ways * binom(noAnswer, left);
      const top = Math.max(0, ...xs);
      if (top === 0) return;
      let tied = 0;
      let good = 0;
      xs.forEach((x, j) => { if (x === top) { tied++; if (correct[j]) good++; } });
      if (good > 0) acc.add(w * BigInt(good), BigInt(tied));
      return;
    }
    for (let x = 0; x <= Math.min(sizes[i] as number, left); x++) {
      xs.push(x);
      rec(i + 1, left - x, ways * binom(sizes[i] as number, x));
      xs.pop();
    }
  };
  rec(0, k, 1n);
  return ratioToNumber(acc.num, acc.den * binom(n, k));
}

const clustersOf = (sizes: number[], correct: boolean[], noAnswer = 0) => ({
  clusters: sizes.map((count, i) => ({ count, correct: correct[i] as boolean })),
  noAnswer,
});

describe("majorityAtK", () => {
  it("matches hand-derived values", () => {
    // A(correct)×2, B×1, C×1, k = 2: {A,A} wins 1, four {A,x} ties count 1/2, {B,C} 0 → (1 + 2)/6
    expect(relErr(majorityAtK(clustersOf([2, 1, 1], [true, false, false]), 2), 1 / 2)).toBeLessThan(1e-14);
    // A×1 correct, B×2: k = 3 draws all: B wins → 0; k = 1: 1/3
    expect(majorityAtK(clustersOf([1, 2], [true, false]), 3)).toBe(0);
    expect(relErr(majorityAtK(clustersOf([1, 2], [true, false]), 1), 1 / 3)).toBeLessThan(1e-14);
    // A×1 correct, B×1, k = 2: always a 1:1 tie → 1/2
    expect(relErr(majorityAtK(clustersOf([1, 1], [true, false]), 2), 1 / 2)).toBeLessThan(1e-14);
    // A×1 correct, B×1, one non-answer, k = 2: {A,B} tie 1/2, {A,-} 1, {B,-} 0 → (1/2 + 1)/3 = 1/2
    expect(relErr(majorityAtK(clustersOf([1, 1], [true, false], 1), 2), 1 / 2)).toBeLessThan(1e-14);
    // only non-answers and a wrong answer: no correct cluster → 0
    expect(majorityAtK(clustersOf([3], [false], 2), 2)).toBe(0);
    expect(majorityAtK({ clusters: [] , noAnswer: 3 }, 2)).toBe(0);
    // a single correct cluster with everything: 1
    expect(majorityAtK(clustersOf([5], [true]), 3)).toBe(1);
  });

  it("k = 1 is the accuracy of one random vote (correct samples / n)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.boolean()), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 5 }), (cl, noAnswer) => {
        const sizes = cl.map(([s]) => s);
        const correct = cl.map(([, c]) => c);
        const n = sizes.reduce((a, b) => a + b, noAnswer);
        const good = sizes.reduce((a, s, i) => a + (correct[i] ? s : 0), 0);
        return relErr(majorityAtK(clustersOf(sizes, correct, noAnswer), 1), good / n) <= 1e-12;
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it("agrees with brute-force enumeration of every k-subset (n <= 10)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 10 }),
        (cl, noAnswer, kRaw) => {
          const sizes = cl.map(([s]) => s);
          const correct = cl.map(([, c]) => c);
          const n = sizes.reduce((a, b) => a + b, noAnswer);
          fc.pre(n <= 10);
          const k = 1 + ((kRaw - 1) % n);
          const got = majorityAtK(clustersOf(sizes, correct, noAnswer), k);
          const want = bruteForce(sizes, correct, noAnswer, k);
          return relErr(got, want) <= 1e-12;
        },
      ),
      { numRuns: 400, seed: 2026 },
    );
  });

  it("agrees with exact enumeration of count vectors for larger n (few clusters)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cl, noAnswer, kShare) => {
          const sizes = cl.map(([s]) => s);
          const correct = cl.map(([, c]) => c);
          const n = sizes.reduce((a, b) => a + b, noAnswer);
          const k = Math.max(1, Math.min(n, Math.round(kShare * n)));
          const got = majorityAtK(clustersOf(sizes, correct, noAnswer), k);
          const want = byCountVectors(sizes, correct, noAnswer, k);
          return relErr(got, want) <= 1e-12;
        },
      ),
      { numRuns: 150, seed: 77 },
    );
  });

  it("the two exact references agree with each other (sanity of the references)", () => {
    const sizes = [3, 2, 2, 1];
    const correct = [false, true, true, false];
    for (let k = 1; k <= 9; k++) {
      expect(byCountVectors(sizes, correct, 1, k)).toBe(bruteForce(sizes, correct, 1, k));
    }
  });

  it("stays accurate for n = 256 with 50 clusters", () => {
    // 50 clusters over n = 256: 5 of size 30, 10 of size 6, 35 singletons (245 samples) + 11 non-answers
    const sizes = [30, 30, 30, 30, 30, ...Array(10).fill(6), ...Array(35).fill(1)] as number[];
    const correct = sizes.map((_, i) => i === 2);
    const answers = clustersOf(sizes, correct, 11);
    for (const k of [1, 8, 64, 255, 256]) {
      const v = majorityAtK(answers, k);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // five equal clusters of 30 at k = n: a 5-way tie → 1/5
    expect(majorityAtK(answers, 256)).toBe(1 / 5);
    // symmetry: the five size-30 clusters are exchangeable, so making all five correct multiplies by 5
    const allFive = clustersOf(sizes, sizes.map((_, i) => i < 5), 11);
    const one = majorityAtK(answers, 64);
    expect(relErr(majorityAtK(allFive, 64), 5 * one)).toBeLessThan(1e-12);
  });

  it("rejects malformed input with the field named", () => {
    expect(() => majorityAtK(clustersOf([2, 1], [true, false]), 4)).toThrow(KExceedsSamplesError);
    expect(() => majorityAtK(clustersOf([2, 1], [true, false]), 0)).toThrow(InvalidArgumentError);
    expect(() => majorityAtK({ clusters: [{ count: -1, correct: true }] }, 1)).toThrow(/answers.clusters\[0\].count/);
    expect(() => majorityAtK({ clusters: [{ count: 1, correct: "yes" as unknown as boolean }] }, 1)).toThrow(/answers.clusters\[0\].correct must be a boolean/);
    expect(() => majorityAtK({ clusters: [{ count: 1, correct: true }], noAnswer: 0.5 }, 1)).toThrow(/answers.noAnswer/);
    expect(() => majorityAtK(null as unknown as { clusters: [] }, 1)).toThrow(InvalidArgumentError);
  });
});

describe("meanMajorityAtK", () => {
  it("averages per-problem maj@k and names the problem in errors", () => {
    const problems = [
      { problemId: "p1", clusters: [{ count: 2, correct: true }, { count: 1, correct: false }, { count: 1, correct: false }] },
      { problemId: "p2", clusters: [{ count: 4, correct: true }] },
    ];
    expect(relErr(meanMajorityAtK(problems, 2), (1 / 2 + 1) / 2)).toBeLessThan(1e-14);
    expect(() => meanMajorityAtK([...problems, { problemId: "p3", clusters: [{ count: 1, correct: true }] }], 2)).toThrow(
      /problem "p3"/,
    );
    expect(() => meanMajorityAtK([...problems, { problemId: "p3", clusters: [{ count: 1, correct: true }] }], 2)).toThrow(
      KExceedsSamplesError,
    );
    expect(() => meanMajorityAtK([], 1)).toThrow(EmptyDatasetError);
  });
});
