import { describe, expect, it } from "vitest";
import { InvalidArgumentError, MismatchedProblemsError, bootstrapCrossover, findCrossover, passAtKCrossover } from "../../src/index.js";

const curve = (ks: number[], values: number[]) => ks.map((k, i) => ({ k, value: values[i] as number }));
const t = (problemId: string, n: number, c: number) => ({ problemId, n, c });

describe("findCrossover", () => {
  const ks = [1, 2, 4, 8, 16];

  it("interpolates on log2 k between the last budget below and the first at or above", () => {
    // d = base − RL = −0.3 at k = 4 and +0.1 at k = 8: zero 3/4 of the way from log2 4 = 2 to 3
    const r = findCrossover(curve(ks, [0.1, 0.2, 0.3, 0.7, 0.9]), curve(ks, [0.5, 0.55, 0.6, 0.6, 0.6]));
    expect(r.kind).toBe("crossover");
    if (r.kind !== "crossover") return;
    expect(r.lowerK).toBe(4);
    expect(r.upperK).toBe(8);
    expect(r.k).toBeCloseTo(2 ** 2.75, 12);
  });

  it("returns the evaluated k itself when the curves meet exactly there", () => {
    expect(findCrossover(curve([1, 2, 4], [0.25, 0.5, 1]), curve([1, 2, 4], [0.5, 0.5, 0.75]))).toEqual({
      kind: "crossover",
      k: 2,
      lowerK: 1,
      upperK: 2,
    });
  });

  it("requires the base curve to stay at or above after the crossover", () => {
    // base crosses at k = 2, dips below at k = 4, and crosses for good between 4 and 8
    const r = findCrossover(curve([1, 2, 4, 8], [0.1, 0.6, 0.5, 0.9]), curve([1, 2, 4, 8], [0.5, 0.5, 0.7, 0.7]));
    expect(r.kind === "crossover" && [r.lowerK, r.upperK]).toEqual([4, 8]);
    // d = −0.2 at 4, +0.2 at 8: midway in log2 → k = 2^2.5
    expect(r.kind === "crossover" && r.k).toBeCloseTo(2 ** 2.5, 12);
  });

  it("reports no crossover up to the largest k and base-above-from-the-start explicitly", () => {
    expect(findCrossover(curve(ks, [0.1, 0.2, 0.3, 0.4, 0.5]), curve(ks, [0.6, 0.6, 0.6, 0.6, 0.6]))).toEqual({ kind: "none", upToK: 16 });
    expect(findCrossover(curve(ks, [0.7, 0.8, 0.8, 0.9, 0.9]), curve(ks, [0.6, 0.6, 0.6, 0.6, 0.6]))).toEqual({ kind: "atFirstK", k: 1 });
    // ends below even though it was above before
    expect(findCrossover(curve([1, 2], [0.7, 0.5]), curve([1, 2], [0.6, 0.6]))).toEqual({ kind: "none", upToK: 2 });
  });

  it("validates the curves", () => {
    expect(() => findCrossover([], [])).toThrow(InvalidArgumentError);
    expect(() => findCrossover(curve([1, 2], [0, 0]), curve([1, 3], [0, 0]))).toThrow(/rl\[1\]\.k = 3 differs from base\[1\]\.k = 2/);
    expect(() => findCrossover(curve([2, 1], [0, 0]), curve([2, 1], [0, 0]))).toThrow(/strictly increasing/);
    expect(() => findCrossover(curve([1], [Number.NaN]), curve([1], [0]))).toThrow(/base\[0\]\.value must be a finite number/);
    expect(() => findCrossover(curve([1, 2], [0, 0]), curve([1], [0]))).toThrow(/same k/);
  });
});

describe("passAtKCrossover", () => {
  it("evaluates the mean curves at powers of two by default", () => {
    // base: a, b each c = 1 of 4 → pass@k = k/4: 1/4, 1/2, 1. RL: a c = 3 → 3/4, 1, 1; b c = 0 → 0
    // RL mean 3/8, 1/2, 1/2: equal at k = 2, base above at k = 4
    const base = [t("a", 4, 1), t("b", 4, 1)];
    const rl = [t("a", 4, 3), t("b", 4, 0)];
    expect(passAtKCrossover(base, rl)).toEqual({ kind: "crossover", k: 2, lowerK: 1, upperK: 2 });
    // at k = 1, 3: d = 1/4 − 3/8 = −1/8, then base 3/4 − RL (1 + 0)/2 = +1/4: a third of the way in log2 → 3^(1/3)
    const r = passAtKCrossover(base, rl, [1, 3]);
    expect(r.kind === "crossover" && [r.lowerK, r.upperK]).toEqual([1, 3]);
    expect(r.kind === "crossover" && r.k).toBeCloseTo(3 ** (1 / 3), 12);
    expect(() => passAtKCrossover(base, rl, [2, 1])).toThrow(/strictly increasing/);
    expect(() => passAtKCrossover(base, [rl[0] as ReturnType<typeof t>])).toThrow(MismatchedProblemsError);
  });
});

describe("bootstrapCrossover", () => {
  it("is degenerate when every problem behaves the same", () => {
    const base = [t("a", 2, 1), t("b", 2, 1), t("c", 2, 1)];
    const rl = [t("a", 2, 2), t("b", 2, 2), t("c", 2, 2)];
    const r = bootstrapCrossover(base, rl, undefined, { seed: 9, resamples: 300 });
    expect(r.ks).toEqual([1, 2]);
    expect(r.estimate).toEqual({ kind: "crossover", k: 2, lowerK: 1, upperK: 2 });
    expect(r.lower).toEqual(r.estimate);
    expect(r.upper).toEqual(r.estimate);
    expect(r.counts).toEqual({ crossover: 300, atFirstK: 0, none: 0 });
  });

  it("spans 'no crossover' when some resamples never cross", () => {
    // problem x: base catches up at k = 2; problem y: RL stays ahead at every k
    const base = [t("x", 2, 1), t("y", 2, 0)];
    const rl = [t("x", 2, 2), t("y", 2, 1)];
    const r = bootstrapCrossover(base, rl, [1, 2], { seed: 1, resamples: 2000 });
    // full data: d = (1/2 − 1 + 0 − 1/2)/2 < 0 at k = 1, (1 − 1 + 0 − 1)/2 < 0 at k = 2 → none
    expect(r.estimate).toEqual({ kind: "none", upToK: 2 });
    // resampling {x, x} (probability 1/4) crosses exactly at k = 2; every other resample does not
    expect(r.counts.crossover + r.counts.none).toBe(2000);
    expect(r.counts.atFirstK).toBe(0);
    expect(Math.abs(r.counts.crossover / 2000 - 0.25)).toBeLessThan(0.05);
    expect(r.lower).toEqual({ kind: "crossover", k: 2, lowerK: 1, upperK: 2 });
    expect(r.upper).toEqual({ kind: "none", upToK: 2 });
  });

  it("is reproducible from the seed", () => {
    const base = [t("a", 8, 1), t("b", 8, 3), t("c", 8, 0), t("d", 8, 5)];
    const rl = [t("a", 8, 4), t("b", 8, 6), t("c", 8, 0), t("d", 8, 2)];
    const a = bootstrapCrossover(base, rl, undefined, { seed: 123, resamples: 500 });
    const b = bootstrapCrossover(base, rl, undefined, { seed: 123, resamples: 500 });
    expect(a).toEqual(b);
  });
});
