import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runsAdd, runsHas, runsSize, runsUnion } from "../../src/tallies/sampleIndexRuns.js";

/** Canonical runs of a set of integers, computed directly from the sorted list. */
function referenceRuns(values: Iterable<number>): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length > 0 && out[out.length - 1] === v) out[out.length - 1] = v + 1;
    else out.push(v, v + 1);
  }
  return out;
}

describe("sample index runs", () => {
  it("collapses 0..n-1 in any order to one run", () => {
    const runs: number[] = [];
    for (const i of [3, 0, 2, 1, 5, 4]) expect(runsAdd(runs, i)).toBe(true);
    expect(runs).toEqual([0, 6]);
    expect(runsAdd(runs, 2)).toBe(false);
    expect(runs).toEqual([0, 6]);
    expect(runsSize(runs)).toBe(6);
  });

  it("agrees with a Set: membership, duplicates and canonical runs", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 80 }), (values) => {
        const runs: number[] = [];
        const set = new Set<number>();
        for (const v of values) {
          if (runsAdd(runs, v) !== !set.has(v)) return false;
          set.add(v);
        }
        for (let i = 0; i <= 61; i++) if (runsHas(runs, i) !== set.has(i)) return false;
        expect(runs).toEqual(referenceRuns(set));
        return runsSize(runs) === set.size;
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("unites disjoint sets and reports the smallest common index otherwise", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 }),
        (xs, ys) => {
          const a = referenceRuns(xs);
          const b = referenceRuns(ys);
          const common = [...new Set(xs)].filter((x) => ys.includes(x)).sort((p, q) => p - q);
          const u = runsUnion(a, b);
          if (common.length > 0) return !Array.isArray(u) && u.duplicate === common[0];
          expect(u).toEqual(referenceRuns([...xs, ...ys]));
          return true;
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  });
});
