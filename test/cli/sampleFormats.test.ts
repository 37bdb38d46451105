import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { lightevalDetails } from "../node/lightevalParquet.js";
import { cli, flatRecords, tempDir } from "./cliHarness.js";
import { PROBLEMS, REPORT, referenceReport, report as reportIn, withoutSources } from "./sameStudy.js";

// One study in every sample format passk report reads: per-sample JSONL (the reference),
// lighteval details Parquet, a Parquet dataset of generations, Inspect .eval and .json logs. The
// report must be identical whichever way the samples came, each file's format sniffed by its bytes.
const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));
let reference: StudyReport;

const report = (args: string[], out: string): Promise<StudyReport> => reportIn(work, args, out);

function evalArchive(model: string, problems: ReadonlyArray<readonly [string, number, number]>): Uint8Array {
  const spec = { task: "math", model };
  const files: Zippable = { "_journal/start.json": strToU8(JSON.stringify({ version: 2, eval: spec, plan: {} })) };
  for (const [id, n, c] of problems) {
    for (let e = 1; e <= n; e++) files[`samples/${id}_epoch_${e}.json`] = strToU8(JSON.stringify({ id, epoch: e, scores: { match: { value: e <= c ? "C" : "I" } } }));
  }
  files["header.json"] = strToU8(JSON.stringify({ version: 2, status: "success", eval: spec }));
  return zipSync(files);
}

beforeAll(async () => {
  reference = await referenceReport(work);
});

describe("passk report on Parquet samples", () => {
  it("lighteval details (one per model, MODEL=PATH): c from pass@1 over n = 4", async () => {
    for (const [m, ps] of Object.entries(PROBLEMS)) {
      const rows = ps.map(([id, n, c]) => ({ id, query: `q ${id}`, text: Array.from({ length: n }, (_, i) => `r${i}`), metric: { "pass@k:k=1&n=4": c / n } }));
      writeFileSync(join(work, `${m}.parquet`), lightevalDetails(rows, ["pass@k:k=1&n=4"]));
    }
    const r = await report(["base=base.parquet", "rl=rl.parquet"], "lighteval");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
    expect(r.sources[0]).toEqual({ file: "base.parquet", format: "parquet", model: "base", task: null, linesRead: 3, recordsAdded: 12, linesSkipped: 0, blankLines: 0 });
  });

  it("lighteval's own layout names the model (details/<model>/<date>/) and the task (details_<task>_<date>.parquet)", async () => {
    const date = "2025-03-04T05-06-07.123456";
    const folder = join(work, "out", "details", "org", "model-7b", date);
    mkdirSync(folder, { recursive: true });
    const rows = [{ id: "0", query: "q", text: ["a", "b"], metric: { "pass@k:k=1&n=2": 0.5 } }];
    writeFileSync(join(folder, `details_lighteval|aime24|0_${date}.parquet`), lightevalDetails(rows, ["pass@k:k=1&n=2"]));
    const r = await cli(["report", join("out", "details", "org", "model-7b", date, `details_lighteval|aime24|0_${date}.parquet`), "--out", "named", ...REPORT], work);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as StudyReport;
    expect(parsed.sources[0]).toMatchObject({ format: "parquet", model: "org/model-7b", task: "lighteval|aime24|0", recordsAdded: 2 });
  });

  it("a dataset of generations: one graded sample per row, columns named like the flat format", async () => {
    const records = [...flatRecords("base", PROBLEMS.base!), ...flatRecords("rl", PROBLEMS.rl!)] as Array<{ model: string; problem_id: string; sample_index: number; correct: boolean }>;
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "model", data: records.map((r) => r.model), type: "STRING" },
        { name: "problem_id", data: records.map((r) => r.problem_id), type: "STRING" },
        { name: "sample_index", data: records.map((r) => BigInt(r.sample_index)), type: "INT64" },
        { name: "correct", data: records.map((r) => r.correct), type: "BOOLEAN" },
        { name: "completion", data: records.map(() => "long text nobody reads"), type: "STRING" },
      ],
      rowGroupSize: 5,
    });
    writeFileSync(join(work, "generations.parquet"), new Uint8Array(buf));
    const r = await report(["generations.parquet"], "generations");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
    expect(r.sources).toEqual([{ file: "generations.parquet", format: "parquet", model: null, linesRead: 24, recordsAdded: 24, linesSkipped: 0, blankLines: 0 }]);
  });

  it("a Parquet counts table is still read as counts (n and c, no correctness)", async () => {
    const rows = Object.entries(PROBLEMS).flatMap(([m, ps]) => ps.map(([p, n, c]) => ({ m, p, n, c })));
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "model", data: rows.map((r) => r.m), type: "STRING" },
        { name: "problem_id", data: rows.map((r) => r.p), type: "STRING" },
        { name: "n", data: rows.map((r) => BigInt(r.n)), type: "INT64" },
        { name: "c", data: rows.map((r) => BigInt(r.c)), type: "INT64" },
      ],
    });
    writeFileSync(join(work, "counts.parquet"), new Uint8Array(buf));
    const r = await report(["counts.parquet"], "counts");
    expect(r.sources[0]!.format).toBe("counts");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
  });
});

describe("passk report on Inspect logs", () => {
  it(".eval archives (sniffed by PK\\x03\\x04), the model from each log", async () => {
    for (const [m, ps] of Object.entries(PROBLEMS)) writeFileSync(join(work, `${m}.eval`), evalArchive(m, ps));
    const r = await report(["base.eval", "rl.eval"], "inspect-eval");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
    expect(r.sources[1]).toEqual({ file: "rl.eval", format: "inspect", model: "rl", linesRead: 12, recordsAdded: 12, linesSkipped: 0, blankLines: 0 });
  });

  it(".json logs as inspect_ai writes them (indented), with MODEL=PATH overriding eval.model", async () => {
    for (const [m, ps] of Object.entries(PROBLEMS)) {
      const samples = ps.flatMap(([id, n, c]) => Array.from({ length: n }, (_, i) => ({ id, epoch: i + 1, scores: { match: { value: i < c ? 1 : 0 } } })));
      writeFileSync(join(work, `${m}-log.json`), JSON.stringify({ version: 2, status: "success", eval: { task: "math", model: "provider/x" }, samples }, null, 2));
    }
    const r = await report(["base=base-log.json", "rl=rl-log.json"], "inspect-json");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
  });

  it("--format inspect on a file that is not a log, and --scorer without any Inspect log, are errors", async () => {
    const notLog = await cli(["report", "--format", "inspect", "samples.jsonl", "--out", "x", ...REPORT], work);
    expect(notLog.code).not.toBe(0);
    expect(notLog.stderr).toContain("samples.jsonl");
    const misplaced = await cli(["report", "samples.jsonl", "--scorer", "match", "--out", "y", ...REPORT], work);
    expect(misplaced.code).not.toBe(0);
    expect(misplaced.stderr).toContain("--scorer applies to Inspect logs, and none of the files is one");
  });

  it("partial credit needs a decision: refused by default, counted with --inspect-correct C,P", async () => {
    const files: Zippable = {
      "header.json": strToU8(JSON.stringify({ status: "success", eval: { model: "m" } })),
      "samples/1_epoch_1.json": strToU8(JSON.stringify({ id: 1, epoch: 1, scores: { s: { value: "P" } } })),
      "samples/1_epoch_2.json": strToU8(JSON.stringify({ id: 1, epoch: 2, scores: { s: { value: "I" } } })),
      "samples/2_epoch_1.json": strToU8(JSON.stringify({ id: 2, epoch: 1, scores: { s: { value: "C" } } })),
      "samples/2_epoch_2.json": strToU8(JSON.stringify({ id: 2, epoch: 2, scores: { s: { value: "N" } } })),
    };
    writeFileSync(join(work, "partial.eval"), zipSync(files));
    const refused = await cli(["report", "partial.eval", "--out", "p1", ...REPORT], work);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('partial.eval:1: samples/1_epoch_1.json: scores.s.value is "P" (partial credit)');
    const r = await report(["partial.eval", "--inspect-correct", "C,P"], "p2");
    expect(r.models[0]!.model).toBe("m");
    expect(r.sources[0]).toMatchObject({ format: "inspect", recordsAdded: 4 });
    // P counted correct: problem 1 has c = 1 of 2, problem 2 (C, N) c = 1 of 2: pass@1 = 1/2.
    expect(r.models[0]!.accuracy.mean).toBe(0.5);
  });
});
