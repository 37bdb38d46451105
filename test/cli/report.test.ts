// `passk report` end to end on hand-sized fixtures whose numbers are derived by hand in the comments.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import type { StudyReport } from "../../src/cli/index.js";
import { cli, flatRecords, tempDir, writeJsonl } from "./cliHarness.js";

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// base: p1 1/4, p2 1/4, p3 0/4.  rl: p1 3/4, p2 0/4, p3 0/4.
// pass@k per problem = 1 − C(4 − c, k)/C(4, k):
//   c = 1: k=1 1/4, k=2 1 − 3/6 = 1/2, k=4 1      c = 3: k=1 3/4, k=2 1, k=4 1      c = 0: 0
// base means: 1/6, 1/3, 2/3        rl means: 1/4, 1/3, 1/3
const FIXTURE = [
  ...flatRecords("base", [["p1", 4, 1], ["p2", 4, 1], ["p3", 4, 0]]),
  ...flatRecords("rl", [["p1", 4, 3], ["p2", 4, 0], ["p3", 4, 0]]),
];

describe("passk report on a hand-written flat JSONL file", () => {
  const work = dir();
  const file = writeJsonl(work, "samples.jsonl", FIXTURE);
  const out = join(work, "out");
  let report: StudyReport;
  let run: Awaited<ReturnType<typeof cli>>;

  it("exits 0 and prints the report JSON with --json", async () => {
    run = await cli(["report", file, "--out", out, "--seed", "3", "--resamples", "300", "--json", "--quiet"], work);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    report = JSON.parse(run.stdout) as StudyReport;
    expect(report.format).toBe("passk.report");
    expect(report.settings).toEqual({ ks: [1, 2, 4], base: "base", seed: 3, resamples: 300, level: 0.95 });
    expect(report.sources).toEqual([{ file, format: "flat", model: null, linesRead: 24, recordsAdded: 24, linesSkipped: 0, blankLines: 0 }]);
  });

  it("has the hand-derived pass@k, standard errors and intervals", () => {
    const [base, rl] = report.models;
    expect(base?.model).toBe("base");
    expect(rl?.model).toBe("rl");
    const est = (m: typeof base) => m?.passAtK.map((p) => p.estimate);
    [1 / 6, 1 / 3, 2 / 3].forEach((v, i) => expect(est(base)?.[i]).toBeCloseTo(v, 14));
    [1 / 4, 1 / 3, 1 / 3].forEach((v, i) => expect(est(rl)?.[i]).toBeCloseTo(v, 14));
    // base pass@1 values (1/4, 1/4, 0): s² = (2·(1/12)² + (1/6)²)/2 = 1/48, SE = s/√3 = 1/12
    expect(base?.passAtK[0]?.standardError).toBeCloseTo(1 / 12, 14);
    for (const m of report.models) {
      for (const p of m.passAtK) {
        expect(p.lower).toBeLessThanOrEqual(p.estimate);
        expect(p.upper).toBeGreaterThanOrEqual(p.estimate);
        expect(p.lower).toBeGreaterThanOrEqual(0);
        expect(p.upper).toBeLessThanOrEqual(1);
      }
    }
  });

  it("has the coverage, the set comparison, ΔSE and the crossover", () => {
    const [base, rl] = report.models;
    expect(base?.coverage.solved).toBe(2);
    expect(base?.coverage.estimate).toBeCloseTo(2 / 3, 14);
    expect(rl?.coverage.solved).toBe(1);
    const c = report.comparisons[0];
    expect(c?.coverage).toEqual({ both: 1, baseOnly: 1, modelOnly: 0, neither: 1, jaccard: 0.5, baseOnlyProblems: ["p2"], modelOnlyProblems: [] });
    // ΔSE = base pass@4 − rl pass@1 = 2/3 − 1/4 = 5/12
    expect(c?.samplingEfficiencyGap.k).toBe(4);
    expect(c?.samplingEfficiencyGap.estimate).toBeCloseTo(5 / 12, 14);
    expect(c?.samplingEfficiencyGap.basePassAtK).toBeCloseTo(2 / 3, 14);
    expect(c?.samplingEfficiencyGap.modelPassAt1).toBeCloseTo(1 / 4, 14);
    // base − rl: −1/12 at k=1, 0 at k=2, +1/3 at k=4: the curves meet at k = 2 and base stays ahead
    expect(c?.crossover.estimate).toEqual({ kind: "crossover", k: 2, lowerK: 1, upperK: 2 });
    // paired difference rl − base at k=1: p1 3/4 − 1/4, p2 0 − 1/4, p3 0: one win, one tie, one loss
    expect(c?.passAtKDifference[0]).toMatchObject({ k: 1, wins: 1, ties: 1, losses: 1 });
    expect(c?.passAtKDifference[0]?.estimate).toBeCloseTo(1 / 12, 14);
    // accuracy histograms: base 1/4, 1/4, 0; rl 3/4, 0, 0
    const counts = (m: typeof base) => Object.fromEntries((m?.accuracyHistogram ?? []).filter((b) => b.count > 0).map((b) => [b.label, b.count]));
    expect(counts(base)).toEqual({ "0": 1, "[0.2, 0.3)": 2 });
    expect(counts(rl)).toEqual({ "0": 2, "[0.7, 0.8)": 1 });
  });

  it("writes JSON, CSV and Markdown with the same numbers, and the figures", () => {
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as StudyReport;
    expect(json).toEqual(report);
    const csv = readFileSync(join(out, "report.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    expect(csv[0]).toEqual(["metric", "model", "base", "k", "estimate", "lower", "upper", "standard_error", "benchmark"]);
    const row = (metric: string, model: string, k = "") => csv.find((r) => r[0] === metric && r[1] === model && r[3] === k);
    report.models.forEach((m) =>
      m.passAtK.forEach((p) => {
        expect(row("pass_at_k", m.model, String(p.k))?.slice(4, 8).map(Number)).toEqual([p.estimate, p.lower, p.upper, p.standardError]);
      }),
    );
    expect(Number(row("both", "rl")?.[4])).toBe(1);
    expect(Number(row("base_only", "rl")?.[4])).toBe(1);
    expect(Number(row("delta_se", "rl", "4")?.[4])).toBe(report.comparisons[0]?.samplingEfficiencyGap.estimate);
    expect(row("crossover_k", "rl")?.slice(4, 5)).toEqual(["2"]);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("| 1 | 0.1667 [");
    expect(md).toContain("| problems | 1 | 1 | 0 | 1 | 0.5000 |");
    expect(md).toContain("0.6667 − 0.2500 = **0.4167 [");
    expect(md).toContain("![pass@k curves](pass-at-k.svg)");
    for (const svg of ["pass-at-k.svg", "accuracy-histogram.svg", "coverage.svg"]) {
      expect(readFileSync(join(out, svg), "utf8")).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>$/);
    }
  });

  it("prints the table without --json, same numbers rounded", async () => {
    const r = await cli(["report", "samples.jsonl", "--out", "out2", "--seed", "3", "--resamples", "300"], work);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("passk report: 2 models, 3 problems, 4 to 4 samples per problem");
    expect(r.stdout).toMatch(/^1\s+0\.1667 \[[\d.]+, [\d.]+\]\s+0\.2500 \[/m);
    expect(r.stdout).toContain("ΔSE = pass@4(base) − pass@1(rl) = 0.6667 − 0.2500 = 0.4167 [");
    expect(r.stdout).toContain("crossover (base catches up with rl): k ≈ 2.0 (between 1 and 2)");
    expect(r.stdout).toContain("wrote out2/report.json");
  });

  it("honours --ks and --base", async () => {
    const r = await cli(["report", file, "--out", join(work, "o3"), "--ks", "1,4", "--base", "rl", "--resamples", "50", "--json", "-q"], work);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.settings.ks).toEqual([1, 4]);
    expect(rep.models.map((m) => m.model)).toEqual(["rl", "base"]);
    // ΔSE of base against the rl model as base: rl pass@4 − base pass@1 = 1/3 − 1/6
    expect(rep.comparisons[0]?.samplingEfficiencyGap.estimate).toBeCloseTo(1 / 6, 14);
  });
});

describe("passk report input formats", () => {
  it("maps custom field names", async () => {
    const work = dir();
    const lines = FIXTURE.map((r) => {
      const { model, problem_id, correct } = r as { model: string; problem_id: string; correct: boolean };
      return { who: model, task: problem_id, ok: correct };
    });
    const file = writeJsonl(work, "custom.jsonl", lines);
    const r = await cli(
      ["report", file, "--model-field", "who", "--problem-field", "task", "--correct-field", "ok", "--out", work, "--resamples", "50", "--json", "-q"],
      work,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.models[0]?.passAtK[0]?.estimate).toBeCloseTo(1 / 6, 14);
  });

  it("detects Qwen-math files, names models by MODEL=PATH or file name, and stacks seeds of one model", async () => {
    const work = dir();
    // Two seeds of "base" with 2 samples each on problems 0 and 1: together n = 4, c = 1 and 2.
    writeJsonl(work, "seed1.jsonl", [{ idx: 0, score: [true, false] }, { idx: 1, score: [false, false] }]);
    writeJsonl(work, "seed2.jsonl", [{ idx: 0, score: [false, false] }, { idx: 1, score: [true, true] }]);
    writeJsonl(work, "RL.jsonl", [{ idx: 0, score: [true, true, true, true] }, { idx: 1, score: [false, false, false, false] }]);
    const r = await cli(["report", "base=seed1.jsonl", "base=seed2.jsonl", "RL.jsonl", "--out", "o", "--resamples", "50", "--json", "-q"], work);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.sources.map((s) => [s.format, s.model])).toEqual([["qwen", "base"], ["qwen", "base"], ["qwen", "RL"]]);
    expect(rep.models.map((m) => [m.model, m.minSamples, m.totalSamples])).toEqual([["base", 4, 8], ["RL", 4, 8]]);
    // base pass@1 = (1/4 + 2/4)/2 = 3/8; RL pass@1 = (1 + 0)/2
    expect(rep.models[0]?.passAtK[0]?.estimate).toBe(0.375);
    expect(rep.models[1]?.passAtK[0]?.estimate).toBe(0.5);
  });

  it("reads lm-eval sample logs, one run per file", async () => {
    const work = dir();
    const line = (doc_id: number, exact_match: number) => ({ doc_id, filter: "strict-match", metrics: ["exact_match"], exact_match });
    writeJsonl(work, "run0.jsonl", [line(0, 1), line(1, 0)]);
    writeJsonl(work, "run1.jsonl", [line(0, 1), line(1, 1)]);
    const r = await cli(["report", "m=run0.jsonl", "m=run1.jsonl", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as StudyReport;
    // doc 0: 2/2, doc 1: 1/2 → pass@1 = 3/4, pass@2 = (1 + 1)/2 = 1
    expect(rep.models[0]?.passAtK.map((p) => p.estimate)).toEqual([0.75, 1]);
    expect(rep.comparisons).toEqual([]);
  });
});

describe("passk exit codes", () => {
  const work = dir();
  const good = writeJsonl(work, "good.jsonl", FIXTURE);

  it.each([
    [["report"], "missing required argument"],
    [["report", good, "--bogus"], "unknown option"],
    [["report", good, "--ks", "1,x"], '--ks must be an integer >= 1, got "x"'],
    [["report", good, "--ks", "0"], '--ks must be an integer >= 1, got "0"'],
    [["report", good, "--seed", "-1"], "--seed"],
    [["report", good, "--format", "csv"], "Allowed choices are auto, flat, qwen, lmeval"],
    [["report", good, "--level", "1.5"], "--level must be a number strictly between 0 and 1"],
    [["frobnicate"], "unknown command"],
    [["verify", good], "--verifier"],
    [["report", good, "--base", "nobody", "--resamples", "10", "-q"], '--base "nobody" names no model in the data; models: "base", "rl"'],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const r = await cli(argv, work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("--help and --version exit 0", async () => {
    const help = await cli(["report", "--help"], work);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--model-field <field>");
    expect(help.stdout).toContain("2  usage error");
    const version = await cli(["--version"], work);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")).version);
  });

  it("a malformed line exits 1 naming file:line", async () => {
    const bad = writeJsonl(work, "bad.jsonl", [FIXTURE[0], "{not json", FIXTURE[1]]);
    const r = await cli(["report", bad, "--out", join(work, "x"), "-q"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^passk: error: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: malformed JSON`));
  });

  it("a record with a bad field exits 1 naming file:line and the field", async () => {
    writeJsonl(work, "badfield.jsonl", [FIXTURE[0], FIXTURE[1], { model: "base", problem_id: "p9", correct: "yes" }]);
    const r = await cli(["report", "badfield.jsonl", "--out", "x", "-q"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("badfield.jsonl:3: correct must be a boolean");
  });

  it("a missing file and a k beyond the samples drawn exit 1", async () => {
    const missing = await cli(["report", "nope.jsonl", "-q"], work);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("passk: error: nope.jsonl: cannot open file: no such file\n");
    const tooBig = await cli(["report", good, "--ks", "1,8", "--out", "x", "-q"], work);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain("exceeds the number of samples n = 4");
  });
});
