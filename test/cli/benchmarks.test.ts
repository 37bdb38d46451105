// passk report --by-benchmark: per-benchmark numbers against exact arithmetic (BigInt binomials),
// the BENCH:MODEL=PATH argument form, ids without a benchmark, and the per-problem counts.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeStudy, benchmarkOfProblemId, parseBenchmarkFileSpec, type StudyReport } from "../../src/cli/index.js";
import { cli, tempDir, writeJsonl } from "./cliHarness.js";

function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

/** Mean pass@k over problems as an exact fraction, then divided to 17 significant digits. */
function exactMeanPassAtK(problems: ReadonlyArray<readonly [number, number]>, k: number): number {
  // Σ_p (1 − C(n−c, k)/C(n, k)) / P, all n equal here: (P·C(n,k) − Σ C(n−c,k)) / (P·C(n,k)).
  const n = problems[0]![0];
  const total = choose(n, k);
  let failing = 0n;
  for (const [pn, c] of problems) {
    expect(pn).toBe(n);
    failing += choose(n - c, k);
  }
  const num = BigInt(problems.length) * total - failing;
  const den = BigInt(problems.length) * total;
  const scale = 10n ** 18n;
  return Number((num * scale) / den) / 1e18;
}

// Two benchmarks with their own n: "aime" (n = 8, 3 problems), "math" (n = 4, 4 problems).
const AIME = { base: [[8, 1], [8, 0], [8, 3]], rl: [[8, 5], [8, 0], [8, 0]] } as const;
const MATH = { base: [[4, 1], [4, 2], [4, 0], [4, 4]], rl: [[4, 4], [4, 4], [4, 1], [4, 4]] } as const;

function tallies(model: "base" | "rl") {
  return [
    ...AIME[model].map(([n, c], i) => ({ problemId: `aime/${i}`, n, c })),
    ...MATH[model].map(([n, c], i) => ({ problemId: `math/${i}`, n, c })),
  ];
}

describe("analyzeStudy with benchmarkOf", () => {
  const report = analyzeStudy(new Map([["base", tallies("base")], ["rl", tallies("rl")]]), {
    seed: 3,
    resamples: 200,
    benchmarkOf: benchmarkOfProblemId,
  });

  it("gives each benchmark its own ks, pass@k and coverage, equal to the exact values", () => {
    const b = report.benchmarks ?? [];
    expect(b.map((x) => [x.benchmark, x.problems, x.ks])).toEqual([
      ["aime", 3, [1, 2, 4, 8]],
      ["math", 4, [1, 2, 4]],
    ]);
    for (const [bench, data] of [[b[0]!, AIME], [b[1]!, MATH]] as const) {
      for (const [mi, model] of (["base", "rl"] as const).entries()) {
        const m = bench.models[mi]!;
        expect(m.model).toBe(model);
        for (const row of m.passAtK) expect(row.estimate).toBeCloseTo(exactMeanPassAtK(data[model], row.k), 14);
        expect(m.coverage.solved).toBe(data[model].filter(([, c]) => c > 0).length);
      }
    }
    // By hand: aime base pass@1 = (1/8 + 0 + 3/8) / 3 = 1/6; math rl coverage 4/4.
    expect(b[0]!.models[0]!.passAtK[0]!.estimate).toBeCloseTo(1 / 6, 15);
    expect(b[1]!.models[1]!.coverage.estimate).toBe(1);
    // The pooled report keeps the smallest n of all problems: ks end at 4.
    expect(report.settings.ks).toEqual([1, 2, 4]);
  });

  it("compares per benchmark: solved sets and the crossover", () => {
    const [aime, math] = report.benchmarks ?? [];
    // aime: base solves 0 and 2, rl solves 0 only.
    expect(aime!.comparisons[0]!.coverage).toMatchObject({ both: 1, baseOnly: 1, modelOnly: 0, neither: 1, baseOnlyProblems: ["aime/2"] });
    // math: base solves 0, 1, 3; rl all four.
    expect(math!.comparisons[0]!.coverage).toMatchObject({ both: 3, baseOnly: 0, modelOnly: 1, modelOnlyProblems: ["math/2"] });
    // aime by hand: pass@1 base (1 + 0 + 3)/24 = 1/6, rl 5/24; pass@2 base (7/28 + 18/28)/3 =
    // 25/84, rl (25/28)/3 = 25/84; pass@4 base (1/2 + 13/14)/3 = 10/21, rl 1/3. The base is
    // behind at k = 1, level at k = 2 and ahead from then on: the crossover is k = 2.
    const gap = (k: number) => exactMeanPassAtK(AIME.base, k) - exactMeanPassAtK(AIME.rl, k);
    expect(gap(1)).toBeCloseTo(-1 / 24, 14);
    expect(gap(2)).toBeCloseTo(0, 14);
    expect(gap(4)).toBeCloseTo(1 / 7, 14);
    const x = aime!.comparisons[0]!.crossover.estimate;
    expect(x.kind).toBe("crossover");
    if (x.kind === "crossover") expect(x.k).toBeCloseTo(2, 12);
  });

  it("holds c and n of every model on every problem", () => {
    const pc = report.problemCounts;
    expect(pc.problems).toEqual(["aime/0", "aime/1", "aime/2", "math/0", "math/1", "math/2", "math/3"]);
    expect(pc.models.map((m) => m.model)).toEqual(["base", "rl"]);
    expect(pc.models[1]!.c).toEqual([5, 0, 0, 4, 4, 1, 4]);
    expect(pc.models[0]!.n).toEqual([8, 8, 8, 4, 4, 4, 4]);
  });

  it("warns once about benchmarks sampled differently, and as before when a benchmark itself is uneven", () => {
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatch(/^samples per problem differ between benchmarks \(aime n = 8, math n = 4\).*smallest n, 4/);
    const uneven = analyzeStudy(new Map([["m", [...tallies("base"), { problemId: "math/9", n: 3, c: 1 }]]]), {
      seed: 3,
      resamples: 20,
      benchmarkOf: benchmarkOfProblemId,
    });
    expect(uneven.warnings[0]).toMatch(/^unequal samples per problem: m n = 3 to 8 \(5 problems below 8: "math\/0" n = 4/);
  });

  it("leaves the report without benchmarks when not asked", () => {
    const plain = analyzeStudy(new Map([["base", tallies("base")]]), { seed: 3, resamples: 20 });
    expect("benchmarks" in plain).toBe(false);
  });

  it("refuses an id that names no benchmark, naming it", () => {
    expect(() => analyzeStudy(new Map([["m", [{ problemId: "17", n: 2, c: 1 }]]]), { seed: 1, benchmarkOf: benchmarkOfProblemId })).toThrow(
      /problem id "17" names no benchmark/,
    );
  });
});

describe("BENCH:MODEL=PATH", () => {
  it("splits the benchmark off, leaving plain paths and MODEL=PATH alone", () => {
    expect(parseBenchmarkFileSpec("aime:rl=a.jsonl", () => false)).toEqual({ spec: { path: "a.jsonl", model: "rl" }, benchmark: "aime" });
    expect(parseBenchmarkFileSpec("aime:a.jsonl", () => false)).toEqual({ spec: { path: "a.jsonl" }, benchmark: "aime" });
    expect(parseBenchmarkFileSpec("rl=runs/x:y.jsonl", () => false)).toEqual({ spec: { path: "runs/x:y.jsonl", model: "rl" } });
    expect(parseBenchmarkFileSpec("odd:name.jsonl", (p) => p === "odd:name.jsonl")).toEqual({ spec: { path: "odd:name.jsonl" } });
    expect(() => parseBenchmarkFileSpec(":rl=a.jsonl", () => false)).toThrow(/benchmark before ":" is empty/);
  });

  it("passk report --by-benchmark reads Qwen-math files per benchmark (idx restarts) and writes the grid", async () => {
    const dir = tempDir();
    writeJsonl(dir, "aime-base.jsonl", AIME.base.map(([n, c], idx) => ({ idx, score: Array.from({ length: n }, (_, j) => j < c) })));
    writeJsonl(dir, "aime-rl.jsonl", AIME.rl.map(([n, c], idx) => ({ idx, score: Array.from({ length: n }, (_, j) => j < c) })));
    writeJsonl(dir, "math-base.jsonl", MATH.base.map(([n, c], idx) => ({ idx, score: Array.from({ length: n }, (_, j) => j < c) })));
    writeJsonl(dir, "math-rl.jsonl", MATH.rl.map(([n, c], idx) => ({ idx, score: Array.from({ length: n }, (_, j) => j < c) })));
    const args = ["aime:base=aime-base.jsonl", "aime:rl=aime-rl.jsonl", "math:base=math-base.jsonl", "math:rl=math-rl.jsonl"];
    const r = await cli(["report", ...args, "--by-benchmark", "--resamples", "200", "--seed", "3", "--quiet", "--out", "out"], dir);
    expect(r.code).toBe(0);
    // Pooled, aime's n = 8 and math's n = 4 differ, each benchmark evenly sampled: one warning saying so.
    expect(r.stderr).toMatch(/^passk: warning: samples per problem differ between benchmarks \(aime n = 8, math n = 4\)/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as StudyReport;
    expect(json.problemCounts.problems).toEqual(["aime/0", "aime/1", "aime/2", "math/0", "math/1", "math/2", "math/3"]);
    expect(json.benchmarks?.map((b) => b.benchmark)).toEqual(["aime", "math"]);
    expect(json.benchmarks?.[1]?.models[0]?.passAtK[0]?.estimate).toBeCloseTo(exactMeanPassAtK(MATH.base, 1), 14);
    if (existsSync(join(dir, "out", "pass-at-k.svg"))) {
      // Figures need the optional vega packages (installed in this repo's dev dependencies).
      expect(existsSync(join(dir, "out", "pass-at-k-by-benchmark.svg"))).toBe(true);
      expect(existsSync(join(dir, "out", "coverage-by-benchmark.svg"))).toBe(true);
    }
    // The terminal tables end with one section per benchmark.
    expect(r.stdout).toMatch(/benchmark aime \(3 problems\): pass@k, coverage\n/);
    expect(r.stdout).toMatch(/benchmark math \(4 problems\): pass@k, coverage\n/);
    const md = readFileSync(join(dir, "out", "report.md"), "utf8");
    expect(md).toContain("### aime (3 problems)");
    // report.csv: the pooled rows (empty benchmark), then each benchmark's own rows, named; the
    // exact per-benchmark pass@k (aime base pass@8: 2 of 3 problems ever solved; math base
    // pass@1 = (1 + 2 + 0 + 4)/16).
    const csv = readFileSync(join(dir, "out", "report.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    expect(csv[0]?.at(-1)).toBe("benchmark");
    const passAt = (model: string, k: number, bench: string) => csv.find((c) => c[0] === "pass_at_k" && c[1] === model && c[3] === String(k) && c[8] === bench);
    expect(Number(passAt("base", 8, "aime")?.[4])).toBeCloseTo(exactMeanPassAtK(AIME.base, 8), 14);
    expect(Number(passAt("base", 8, "aime")?.[4])).toBeCloseTo(2 / 3, 14);
    expect(Number(passAt("base", 1, "math")?.[4])).toBeCloseTo(7 / 16, 14);
    expect(passAt("base", 8, "math")).toBeUndefined();
    expect(Number(passAt("base", 1, "")?.[4])).toBeCloseTo(json.models[0]!.passAtK[0]!.estimate, 15);
    expect(csv.filter((c) => c[0] === "delta_se").map((c) => c[8])).toEqual(["", "aime", "math"]);
  }, 60_000);

  it("one file under two benchmarks: an error for one model, a warning for two", async () => {
    const dir = tempDir();
    writeJsonl(dir, "x.jsonl", [{ idx: 0, score: [true, false] }]);
    writeJsonl(dir, "copy.jsonl", [{ idx: 0, score: [true, false] }]);
    writeJsonl(dir, "y.jsonl", [{ idx: 0, score: [false, false] }]);
    const same = await cli(["report", "aime:base=x.jsonl", "math:base=x.jsonl", "--by-benchmark", "--quiet", "--out", "out"], dir);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('math:x.jsonl is the same file as aime:x.jsonl, both read for model "base", under benchmark "aime" and benchmark "math"');
    const copy = await cli(["report", "aime:base=x.jsonl", "math:base=copy.jsonl", "--by-benchmark", "--quiet", "--out", "out"], dir);
    expect(copy.code).toBe(2);
    expect(copy.stderr).toContain("math:copy.jsonl has the same content as aime:x.jsonl");
    const twoModels = await cli(["report", "aime:base=x.jsonl", "math:rl=copy.jsonl", "math:base=y.jsonl", "aime:rl=y.jsonl", "--by-benchmark", "--resamples", "20", "--quiet", "--out", "out"], dir);
    expect(twoModels.code).toBe(0);
    expect(twoModels.stderr).toContain('math:copy.jsonl (model "rl") has the same content as aime:x.jsonl (model "base"), under benchmark "aime" and benchmark "math": their samples are identical');
  }, 60_000);

  it("without BENCH: an id that names no benchmark is a usage error (exit 2)", async () => {
    const dir = tempDir();
    writeJsonl(dir, "m.jsonl", [{ idx: 0, score: [true] }]);
    const r = await cli(["report", "m=m.jsonl", "--by-benchmark", "--quiet", "--out", "out"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/problem id "0" names no benchmark.*BENCH:MODEL=PATH/);
  });
});
