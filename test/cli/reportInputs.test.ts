// `passk report` on the user mistakes of issue 15: each ends in an error or a warning that names the
// file and the fix, never in a plausible report. Numbers are derived by hand in the comments.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { cli, flatRecords, tempDir, writeJsonl } from "./cliHarness.js";

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A Qwen2.5-Math toolkit line (math_eval.py after evaluate()): one problem, one score per sample. */
const qwen = (idx: number, score: boolean[]) => ({
  idx,
  question: `question ${idx}`,
  gt_cot: "...",
  gt: "2",
  level: 3,
  code: score.map((s) => `... \\boxed{${s ? 2 : 3}}`),
  pred: score.map((s) => (s ? "2" : "3")),
  report: score.map(() => null),
  score,
});
const T = true;
const F = false;

describe("a file given twice", () => {
  const work = dir();
  writeJsonl(work, "seed1.jsonl", [qwen(0, [T, F]), qwen(1, [F, F])]);
  copyFileSync(join(work, "seed1.jsonl"), join(work, "copy.jsonl"));
  writeJsonl(work, "rl.jsonl", [qwen(0, [T, T]), qwen(1, [F, T])]);
  writeJsonl(work, "flat.jsonl", flatRecords("m", [["p", 2, 1], ["q", 2, 0]]));

  it("for one model, by path (however spelled) or by content, is a usage error before any report", async () => {
    for (const [second, how] of [["base=./seed1.jsonl", "is the same file as"], ["base=copy.jsonl", "has the same content as"]] as const) {
      const r = await cli(["report", "base=seed1.jsonl", second, "rl.jsonl", "--out", "o", "-q"], work);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `passk: error: ${second.slice(5)} ${how} seed1.jsonl, both read for model "base": its samples would be counted twice. Give each file once.\n`,
      );
      expect(existsSync(join(work, "o"))).toBe(false);
    }
  });

  it("a flat file naming its models, given twice, too", async () => {
    const r = await cli(["report", "flat.jsonl", "flat.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("flat.jsonl is the same file as flat.jsonl, both read for the models its lines name");
  });

  it("for two models is a warning: the comparison is of a file with itself", async () => {
    const r = await cli(["report", "base=seed1.jsonl", "rl=copy.jsonl", "--out", "o2", "--resamples", "20", "--json", "-q"], work);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('passk: warning: copy.jsonl (model "rl") has the same content as seed1.jsonl (model "base"): the two models\' samples are identical\n');
  });
});

describe("an empty model file", () => {
  const work = dir();
  writeJsonl(work, "base.jsonl", [qwen(0, [T, F]), qwen(1, [F, F])]);
  writeFileSync(join(work, "empty.jsonl"), "");
  writeFileSync(join(work, "blank.jsonl"), "\n  \n");

  it("is an error naming the file and the model, not a one-model report", async () => {
    const r = await cli(["report", "base.jsonl", "rl=empty.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('passk: error: empty.jsonl: the file is empty: no samples for model "rl" (an empty run would drop the model from the report)\n');
    const blank = await cli(["report", "base.jsonl", "rl=blank.jsonl", "-q", "--out", "o"], work);
    expect(blank.stderr).toBe('passk: error: blank.jsonl: the file holds only blank lines: no samples for model "rl"\n');
  });

  it("an lm-eval file with no line of the chosen filter says which filter it has", async () => {
    writeJsonl(work, "lm.jsonl", [{ doc_id: 0, filter: "strict-match", metrics: ["exact_match"], exact_match: 1 }]);
    const r = await cli(["report", "m=lm.jsonl", "--filter", "flexible-extract", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'passk: error: lm.jsonl: no samples for model "m": all 1 non-blank lines were skipped, none is of filter "flexible-extract" ' +
        '(the first line\'s filter is "strict-match"); choose the filter with --filter\n',
    );
  });
});

describe("unequal samples per problem", () => {
  // base: p0 1 of 4, p1 2 of 4.  rl: a truncated file, p0 2 of 3, p1 1 of 4.  Largest common budget K = 3.
  // pass@3 = 1 − C(n − c, 3)/C(n, 3): base p0 1 − 1/4 = 3/4, p1 1 − 0 = 1 → 7/8; rl p0 1, p1 3/4 → 7/8.
  // rl pass@1 = (2/3 + 1/4)/2 = 11/24, so ΔSE at 3 = 7/8 − 11/24 = 5/12 = 0.4167.
  const work = dir();
  writeJsonl(work, "base.jsonl", [qwen(0, [T, F, F, F]), qwen(1, [T, T, F, F])]);
  writeJsonl(work, "rl.jsonl", [qwen(0, [T, T, F]), qwen(1, [T, F, F, F])]);

  it("warns with the coverage and ΔSE at the largest common budget, and the default ks reach it", async () => {
    const r = await cli(["report", "base.jsonl", "rl.jsonl", "--out", "o", "--resamples", "50", "--json", "-q"], work);
    expect(r.code).toBe(0);
    const warning =
      'unequal samples per problem: base n = 4; rl n = 3 to 4 (1 problem below 4: "0" n = 3; a truncated file?). Coverage counts problems ' +
      "solved among all samples drawn, so it is not comparable at unequal n. At the largest common budget k = 3: expected coverage " +
      "(pass@3) base 0.8750, rl 0.8750; ΔSE = pass@3(base) − pass@1(model): rl 0.4167.";
    expect(r.stderr).toBe(`passk: warning: ${warning}\n`);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.warnings).toEqual([warning]);
    expect(rep.settings.ks).toEqual([1, 2, 3]);
    expect(rep.models.map((m) => m.passAtK[2]?.estimate)).toEqual([0.875, 0.875]);
    expect(rep.comparisons[0]?.samplingEfficiencyGap.k).toBe(3);
    expect(rep.comparisons[0]?.samplingEfficiencyGap.estimate).toBeCloseTo(5 / 12, 15);
    expect(readFileSync(join(work, "o", "report.md"), "utf8")).toContain(`Warnings:\n\n- ${warning}\n`);
  });
});

describe("--out", () => {
  const work = dir();
  writeJsonl(work, "samples.jsonl", flatRecords("base", [["p", 2, 1], ["q", 2, 2]]).concat(flatRecords("rl", [["p", 2, 2], ["q", 2, 0]])));
  writeJsonl(work, "one.jsonl", flatRecords("m", [["p", 2, 1], ["q", 2, 2]]));

  it("naming an existing file is refused before any input is read", async () => {
    writeFileSync(join(work, "taken"), "not a folder");
    const r = await cli(["report", "missing.jsonl", "--out", "taken", "-q"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("passk: error: --out taken is an existing file, not a folder: name a folder (it is created if needed)\n");
    const below = await cli(["report", "samples.jsonl", "--out", "taken/sub", "-q"], work);
    expect(below.stderr).toBe(`passk: error: --out taken/sub cannot be created: ${join(work, "taken")} is a file\n`);
    expect(readFileSync(join(work, "taken"), "utf8")).toBe("not a folder");
  });

  it("a reused folder loses passk's stale files only", async () => {
    const first = await cli(["report", "samples.jsonl", "--out", "reused", "--resamples", "20", "-q"], work);
    expect(first.code).toBe(0);
    expect(existsSync(join(work, "reused", "coverage.svg"))).toBe(true);
    writeFileSync(join(work, "reused", "notes.txt"), "mine");
    mkdirSync(join(work, "reused", "data"));
    const second = await cli(["report", "one.jsonl", "--out", "reused", "--resamples", "20", "-q"], work);
    expect(second.code).toBe(0);
    // One model: no comparison, so no coverage figure; the earlier one must not stay behind.
    expect(existsSync(join(work, "reused", "coverage.svg"))).toBe(false);
    expect(existsSync(join(work, "reused", "pass-at-k.svg"))).toBe(true);
    expect(readFileSync(join(work, "reused", "notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(join(work, "reused", "data"))).toBe(true);
    expect((JSON.parse(readFileSync(join(work, "reused", "report.json"), "utf8")) as StudyReport).models.map((m) => m.model)).toEqual(["m"]);
  });
});

describe("0/1 correctness", () => {
  const work = dir();
  // p: 1 of 2, q: 2 of 2 → pass@1 = 3/4.
  const rows = [["p", 1], ["p", 0], ["q", 1], ["q", 1]].map(([p, c], i) => ({ model: "m", problem_id: p, sample_index: i, correct: c }));
  writeJsonl(work, "numeric.jsonl", rows);

  it("is refused with a hint to --correct-numeric, which reads it", async () => {
    const r = await cli(["report", "numeric.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'passk: error: numeric.jsonl:1: correct must be a boolean, got 1 (for 0/1 correctness set numericCorrect; on the command line --correct-numeric) (problem "p")\n',
    );
    const ok = await cli(["report", "numeric.jsonl", "--correct-numeric", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as StudyReport).models[0]?.passAtK[0]?.estimate).toBe(0.75);
  });

  it("--score-field correct --threshold 1 reads it as a score", async () => {
    const r = await cli(["report", "numeric.jsonl", "--score-field", "correct", "--threshold", "1", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as StudyReport).models[0]?.passAtK[0]?.estimate).toBe(0.75);
  });

  it("--lower-is-better thresholds an error score at <=", async () => {
    // mae 0.1 and 0.9 on p, 0.4 twice on q; correct when mae <= 0.5: p 1 of 2, q 2 of 2.
    writeJsonl(work, "mae.jsonl", [0.1, 0.9, 0.4, 0.4].map((mae, i) => ({ model: "m", problem_id: i < 2 ? "p" : "q", sample_index: i, mae })));
    const r = await cli(["report", "mae.jsonl", "--score-field", "mae", "--threshold", "0.5", "--lower-is-better", "--out", "o", "--resamples", "20", "--json", "-q"], work);
    expect((JSON.parse(r.stdout) as StudyReport).models[0]?.passAtK[0]?.estimate).toBe(0.75);
    const missing = await cli(["report", "mae.jsonl", "--lower-is-better", "-q", "--out", "o"], work);
    expect([missing.code, missing.stderr]).toEqual([2, "passk: error: --lower-is-better needs --threshold (a value counts as correct when <= threshold)\n"]);
  });
});

describe("a single problem", () => {
  const work = dir();
  // base 1 of 4, rl 3 of 4 on one problem: pass@1 1/4 and 3/4; pass@2 1 − C(3,2)/C(4,2) = 1/2 and 1.
  writeJsonl(work, "one.jsonl", [...flatRecords("base", [["p", 4, 1]]), ...flatRecords("rl", [["p", 4, 3]])]);

  it("reports point estimates without intervals, and says why", async () => {
    const r = await cli(["report", "one.jsonl", "--out", "o", "--json", "-q"], work);
    expect(r.code).toBe(0);
    const why = "intervals omitted: the bootstrap resamples problems, and there is only 1; the report gives point estimates (standard errors and interval bounds are null)";
    expect(r.stderr).toBe(`passk: warning: ${why}\n`);
    const rep = JSON.parse(r.stdout) as StudyReport;
    expect(rep.warnings).toEqual([why]);
    expect(rep.models[0]?.passAtK).toEqual([
      { k: 1, estimate: 0.25, lower: null, upper: null, standardError: null },
      { k: 2, estimate: 0.5, lower: null, upper: null, standardError: null },
      { k: 4, estimate: 1, lower: null, upper: null, standardError: null },
    ]);
    expect(rep.models[1]?.coverage).toEqual({ solved: 1, estimate: 1, lower: null, upper: null, standardError: null });
    expect(rep.comparisons[0]?.passAtKDifference[0]).toEqual({ k: 1, wins: 1, ties: 0, losses: 0, estimate: 0.5, lower: null, upper: null, standardError: null });
    // ΔSE at k = 4: pass@4(base) − pass@1(rl) = 1 − 3/4
    expect(rep.comparisons[0]?.samplingEfficiencyGap).toEqual({ k: 4, basePassAtK: 1, modelPassAt1: 0.75, estimate: 0.25, lower: null, upper: null, standardError: null });
    expect(rep.comparisons[0]?.crossover).toMatchObject({ lower: null, upper: null, counts: null });
    const csv = readFileSync(join(work, "o", "report.csv"), "utf8");
    expect(csv).toContain("\npass_at_k,base,,1,0.25,,,,\n");
    const text = await cli(["report", "one.jsonl", "--out", "o"], work);
    expect(text.stdout).toMatch(/^1\s+0\.2500 \(no interval\)\s+0\.7500 \(no interval\)$/m);
    expect(text.stdout.split("\n")[1]).toBe("intervals: none (one problem: the bootstrap over problems has nothing to resample)");
    expect(readFileSync(join(work, "o", "report.md"), "utf8")).toContain("No intervals: with one problem the bootstrap over problems has nothing to resample.");
  });
});

describe("inputs that are not JSONL, and other messages", () => {
  const work = dir();

  it("a pretty-printed JSON array fails once, pointing to the conversion", async () => {
    writeFileSync(join(work, "array.jsonl"), JSON.stringify(flatRecords("m", [["p", 2, 1]]), null, 2));
    const r = await cli(["report", "array.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "passk: error: array.jsonl: this is a JSON document (an array), not JSONL (one JSON object per line): if each element is one record, " +
        "convert it with `jq -c '.[]' array.jsonl > records.jsonl`",
    ]);
  });

  it("a missing file has no ':0:', commander errors have the passk: prefix", async () => {
    const missing = await cli(["report", "nope.jsonl", "-q"], work);
    expect(missing.stderr).toBe("passk: error: nope.jsonl: cannot open file: no such file\n");
    const unknown = await cli(["report", "nope.jsonl", "--bogus"], work);
    expect([unknown.code, unknown.stderr]).toEqual([2, "passk: error: unknown option '--bogus'\n(run with --help for usage)\n"]);
  });

  it("bytes that are not UTF-8 stop the report naming the line", async () => {
    writeFileSync(
      join(work, "latin1.jsonl"),
      Buffer.concat([Buffer.from('{"model":"m","problem_id":"p","correct":true}\n{"model":"m","problem_id":"p","correct":true,"answer":"'), Buffer.from([0xe9]), Buffer.from('"}\n')]),
    );
    const r = await cli(["report", "latin1.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^passk: error: latin1\.jsonl:2: the line is not valid UTF-8 \(byte 0xE9 at byte 56 of the line\)/);
  });

  it("lm-eval options on files that are not lm-eval are usage errors", async () => {
    writeJsonl(work, "flat.jsonl", flatRecords("m", [["p", 2, 1], ["q", 2, 1]]));
    const r = await cli(["report", "flat.jsonl", "--filter", "strict-match", "-q", "--out", "o"], work);
    expect([r.code, r.stderr]).toEqual([2, "passk: error: --filter applies to lm-eval sample files, and none of the files is one\n"]);
  });

  it("an ungraded Qwen-toolkit file is refused with the passk verify command that grades it", async () => {
    const { score: _s, ...ungraded } = qwen(0, [T, F]);
    writeJsonl(work, "raw.jsonl", [ungraded]);
    const r = await cli(["report", "base=raw.jsonl", "-q", "--out", "o"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "passk: error: raw.jsonl:1: this Qwen2.5-Math toolkit output is not graded yet (idx and pred, no score); grade it first:\n" +
        "  passk verify raw.jsonl --verifier math --model base --problem-field idx --response-field pred --reference-field gt --out graded.jsonl\n" +
        "then report graded.jsonl\n",
    );
  });
});

describe("the progress bar", () => {
  it("covers reading, the bootstrap and the files written", async () => {
    const work = dir();
    writeJsonl(work, "samples.jsonl", flatRecords("base", [["p", 2, 1], ["q", 2, 2]]).concat(flatRecords("rl", [["p", 2, 2], ["q", 2, 0]])));
    const r = await cli(["report", "samples.jsonl", "--out", "o", "--resamples", "20"], work, true);
    expect(r.code).toBe(0);
    // 2 models × 2 bootstraps + 1 comparison × 3; 3 tables + 3 figures.
    expect(r.stderr).toContain("100% reading samples.jsonl");
    expect(r.stderr).toContain("100% bootstrap");
    expect(r.stderr).toContain("100% writing o");
    expect(r.stderr.endsWith("\r\x1b[K")).toBe(true);
  });
});
