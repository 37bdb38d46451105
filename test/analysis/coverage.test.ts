import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DuplicateProblemError,
  InvalidArgumentError,
  KExceedsSamplesError,
  MismatchedProblemsError,
  accuracyHistogram,
  compareCoverage,
  coverage,
  samplingEfficiencyGap,
  samplingEfficiencyGapTable,
} from "../../src/index.js";

const t = (problemId: string, n: number, c: number) => ({ problemId, n, c });

describe("coverage", () => {
  it("lists solved and unsolved problems and their share", () => {
    const cov = coverage([t("a", 8, 1), t("b", 8, 0), t("c", 8, 8)]);
    expect(cov).toEqual({ problems: 3, solved: ["a", "c"], unsolved: ["b"], coverage: 2 / 3 });
  });
});

describe("compareCoverage", () => {
  const base = [t("p1", 4, 1), t("p2", 4, 2), t("p3", 4, 0), t("p4", 4, 3)];
  const rl = [t("p1", 4, 4), t("p2", 4, 0), t("p3", 4, 0), t("p4", 4, 4)];
  const other = [t("p1", 4, 0), t("p2", 4, 0), t("p3", 4, 1), t("p4", 4, 1)];

  it("computes the set algebra for two models", () => {
    const cmp = compareCoverage({ base, rl });
    expect(cmp.problems).toBe(4);
    expect(cmp.solvedByAll).toEqual(["p1", "p4"]);
    expect(cmp.solvedByNone).toEqual(["p3"]);
    expect(cmp.models.map((m) => [m.model, m.solved, m.solvedOnly, m.coverage])).toEqual([
      ["base", ["p1", "p2", "p4"], ["p2"], 3 / 4],
      ["rl", ["p1", "p4"], [], 2 / 4],
    ]);
    expect(cmp.pairs).toEqual([
      { a: "base", b: "rl", intersection: 2, union: 3, jaccard: 2 / 3, onlyA: ["p2"], onlyB: [], aSubsetOfB: false, bSubsetOfA: true },
    ]);
  });

  it("handles three models (Map order) and reorders problems to the first model's order", () => {
    const models = new Map([
      ["rl", [...rl].reverse()],
      ["base", base],
      ["other", other],
    ]);
    const cmp = compareCoverage(models);
    expect(cmp.models.map((m) => m.model)).toEqual(["rl", "base", "other"]);
    // problem order follows the first model: p4, p3, p2, p1
    expect(cmp.solvedByAll).toEqual(["p4"]);
    expect(cmp.solvedByNone).toEqual([]);
    expect(cmp.models.map((m) => m.solvedOnly)).toEqual([[], ["p2"], ["p3"]]);
    expect(cmp.pairs.map((p) => [p.a, p.b, p.jaccard])).toEqual([
      ["rl", "base", 2 / 3],
      ["rl", "other", 1 / 3], // {p4} of {p1, p3, p4}
      ["base", "other", 1 / 4],
    ]);
  });

  it("satisfies the set laws on random data", () => {
    const arb = fc.integer({ min: 1, max: 30 }).chain((P) =>
      fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: P, maxLength: P }), { minLength: 2, maxLength: 4 }),
    );
    fc.assert(
      fc.property(arb, (cs) => {
        const models: Record<string, ReturnType<typeof t>[]> = {};
        cs.forEach((row, m) => { models[`m${m}`] = row.map((c, p) => t(`q${p}`, 3, c)); });
        const cmp = compareCoverage(models);
        const P = (cs[0] as number[]).length;
        const solved = cs.map((row) => new Set(row.flatMap((c, p) => (c > 0 ? [`q${p}`] : []))));
        for (let p = 0; p < P; p++) {
          const id = `q${p}`;
          const by = solved.filter((s) => s.has(id)).length;
          if ((by === cs.length) !== cmp.solvedByAll.includes(id)) return false;
          if ((by === 0) !== cmp.solvedByNone.includes(id)) return false;
          for (let m = 0; m < cs.length; m++) {
            const only = by === 1 && (solved[m] as Set<string>).has(id);
            if (only !== (cmp.models[m] as { solvedOnly: readonly string[] }).solvedOnly.includes(id)) return false;
          }
        }
        for (const pair of cmp.pairs) {
          const A = solved[Number(pair.a.slice(1))] as Set<string>;
          const B = solved[Number(pair.b.slice(1))] as Set<string>;
          const inter = [...A].filter((x) => B.has(x)).length;
          const union = new Set([...A, ...B]).size;
          if (pair.intersection !== inter || pair.union !== union) return false;
          if (pair.jaccard !== (union === 0 ? 1 : inter / union)) return false;
          if (pair.aSubsetOfB !== [...A].every((x) => B.has(x))) return false;
        }
        return true;
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it("refuses different problem sets, naming the model and the problem", () => {
    expect(() => compareCoverage({ base, rl: rl.slice(0, 3) })).toThrow(MismatchedProblemsError);
    expect(() => compareCoverage({ base, rl: rl.slice(0, 3) })).toThrow(/model "rl" has no tally for problem "p4"/);
    expect(() => compareCoverage({ base: base.slice(1), rl })).toThrow(/model "rl" has a tally for problem "p1", which model "base" lacks/);
    try {
      compareCoverage({ base, rl: rl.slice(0, 3) });
    } catch (e) {
      expect((e as MismatchedProblemsError).code).toBe("MISMATCHED_PROBLEMS");
      expect((e as MismatchedProblemsError).problemId).toBe("p4");
    }
  });

  it("refuses fewer than two models and bad tallies", () => {
    expect(() => compareCoverage({ base })).toThrow(/at least two models/);
    expect(() => compareCoverage({ base, rl: [...rl, t("p1", 4, 1)] })).toThrow(DuplicateProblemError);
    expect(() => compareCoverage({ base, rl: [t("p1", 4, 5)] })).toThrow(/models\["rl"\]\[0\]\.c must not exceed/);
    expect(() => compareCoverage(null as unknown as Record<string, never>)).toThrow(InvalidArgumentError);
  });
});

describe("samplingEfficiencyGap", () => {
  const base = [t("a", 4, 1), t("b", 4, 0), t("c", 4, 2)];
  const rl = [t("a", 4, 2), t("b", 4, 0), t("c", 4, 4)];

  it("is base pass@k minus RL pass@1", () => {
    // base pass@2: a 1 − C(3,2)/C(4,2) = 1/2, b 0, c 1 − C(2,2)/6 = 5/6 → (1/2 + 5/6)/3 = 4/9
    // RL pass@1: (2/4 + 0 + 1)/3 = 1/2
    const g = samplingEfficiencyGap(base, rl, { k: 2 });
    expect(g.k).toBe(2);
    expect(g.basePassAtK).toBeCloseTo(4 / 9, 15);
    expect(g.rlPassAt1).toBe(1 / 2);
    expect(g.gap).toBeCloseTo(4 / 9 - 1 / 2, 15);
  });

  it("defaults to k = 256 and says so when n is smaller", () => {
    expect(() => samplingEfficiencyGap(base, rl)).toThrow(KExceedsSamplesError);
    expect(() => samplingEfficiencyGap(base, rl)).toThrow(/k = 256 exceeds the number of samples n = 4/);
    const big = [t("a", 256, 1)];
    expect(samplingEfficiencyGap(big, [t("a", 1, 0)]).gap).toBe(1);
  });

  it("refuses mismatched problems", () => {
    expect(() => samplingEfficiencyGap(base, rl.slice(1), { k: 1 })).toThrow(/model "rl" has no tally for problem "a"/);
  });

  it("builds the table for one base and many RL models across benchmarks", () => {
    const table = samplingEfficiencyGapTable(
      [
        { benchmark: "X", base, rl: { ppo: rl, grpo: base } },
        { benchmark: "Y", base: [t("y", 2, 1)], rl: new Map([["grpo", [t("y", 2, 2)]]]) },
      ],
      { k: 2 },
    );
    expect(table.k).toBe(2);
    expect(table.rows.map((r) => [r.benchmark, r.model])).toEqual([["X", "ppo"], ["X", "grpo"], ["Y", "grpo"]]);
    // X/grpo: base pass@2 4/9 − base pass@1 (1/4 + 0 + 1/2)/3 = 1/4 → 4/9 − 1/4 = 7/36; Y/grpo: 1 − 1 = 0
    expect(table.rows[1]?.gap).toBeCloseTo(7 / 36, 15);
    expect(table.rows[2]?.gap).toBe(0);
    expect(table.meanByModel.map((m) => m.model)).toEqual(["ppo", "grpo"]);
    expect(table.meanByModel[1]?.benchmarks).toBe(2);
    expect(table.meanByModel[1]?.meanGap).toBeCloseTo(7 / 72, 15);
    expect(() => samplingEfficiencyGapTable([])).toThrow(/at least one benchmark/);
    expect(() =>
      samplingEfficiencyGapTable([
        { benchmark: "X", base, rl: { ppo: rl } },
        { benchmark: "X", base, rl: { ppo: rl } },
      ], { k: 1 }),
    ).toThrow(/benchmarks\[1\]\.benchmark "X" appears more than once/);
  });
});

describe("accuracyHistogram", () => {
  const tallies = [t("a", 10, 0), t("b", 10, 1), t("c", 10, 3), t("d", 10, 10), t("e", 4, 4), t("f", 10, 9), t("g", 5, 0)];

  it("separates exactly 0 and exactly 1 by default, with ten bins of 0.1 in between", () => {
    const h = accuracyHistogram(tallies);
    expect(h.problems).toBe(7);
    expect(h.bins.map((b) => b.label)).toEqual([
      "0", "(0, 0.1)", "[0.1, 0.2)", "[0.2, 0.3)", "[0.3, 0.4)", "[0.4, 0.5)", "[0.5, 0.6)", "[0.6, 0.7)", "[0.7, 0.8)", "[0.8, 0.9)", "[0.9, 1)", "1",
    ]);
    const byLabel = Object.fromEntries(h.bins.map((b) => [b.label, b.problemIds]));
    expect(byLabel["0"]).toEqual(["a", "g"]);
    expect(byLabel["[0.1, 0.2)"]).toEqual(["b"]); // 1/10 sits on the edge 0.1 and falls in the bin it opens
    expect(byLabel["[0.3, 0.4)"]).toEqual(["c"]);
    expect(byLabel["[0.9, 1)"]).toEqual(["f"]);
    expect(byLabel["1"]).toEqual(["d", "e"]);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(7);
    expect(h.bins[0]?.share).toBe(2 / 7);
    // accuracies 0, 0.1, 0.3, 1, 1, 0.9, 0: mean 3.3/7, median 0.3, min 0, max 1
    expect(h.summary.mean).toBeCloseTo(3.3 / 7, 15);
    expect(h.summary.median).toBe(0.3);
    expect([h.summary.min, h.summary.max]).toEqual([0, 1]);
  });

  it("takes custom edges with or without the separate extremes", () => {
    const h = accuracyHistogram(tallies, { edges: [0, 0.5, 1], separateExtremes: false });
    expect(h.bins.map((b) => [b.label, b.count])).toEqual([["[0, 0.5)", 4], ["[0.5, 1]", 3]]);
    expect(() => accuracyHistogram(tallies, { edges: [0, 0.6, 0.5, 1] })).toThrow(/edges\[2\] = 0.5/);
    expect(() => accuracyHistogram(tallies, { edges: [0.1, 1] })).toThrow(/from exactly 0 to exactly 1/);
    expect(() => accuracyHistogram([t("z", 0, 0)])).toThrow(/tallies\[0\]\.n must be >= 1.*problem "z"/);
  });
});
