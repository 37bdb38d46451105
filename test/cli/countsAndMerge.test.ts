import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { beforeAll, describe, expect, it } from "vitest";
import type { StudyReport } from "../../src/cli/index.js";
import { TallyAccumulator } from "../../src/index.js";
import { cli, flatRecords, tempDir } from "./cliHarness.js";
import { PROBLEMS, REPORT, referenceReport, report as reportIn, withoutSources } from "./sameStudy.js";

// One study three ways: per-sample JSONL, a counts table (CSV, Parquet), and map-reduce shards
// merged with `passk merge`. The report must be identical, digit for digit, whichever way it came.
const work = tempDir();
let reference: StudyReport;

const report = (args: string[], out: string): Promise<StudyReport> => reportIn(work, args, out);

beforeAll(async () => {
  reference = await referenceReport(work);
});

describe("passk report on counts tables", () => {
  it("gives the per-sample report from a CSV counts table with mapped columns", async () => {
    const rows = Object.entries(PROBLEMS).flatMap(([m, ps]) => ps.map(([p, n, c]) => `${m},${p},${n},${c}`));
    writeFileSync(join(work, "counts.csv"), `model,problem,samples,solved\n${rows.join("\n")}\n`);
    const r = await report(["counts.csv", "--problem-field", "problem", "--n-field", "samples", "--c-field", "solved"], "csv");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
    expect(r.sources).toEqual([{ file: "counts.csv", format: "counts", model: null, linesRead: 6, recordsAdded: 24, linesSkipped: 0, blankLines: 0 }]);
  });

  it("gives it from Parquet tables, one per model with MODEL=PATH, sniffed by PAR1", async () => {
    for (const [m, ps] of Object.entries(PROBLEMS)) {
      const buf = parquetWriteBuffer({
        columnData: [
          { name: "problem_id", data: ps.map((p) => p[0]), type: "STRING" },
          { name: "n", data: ps.map((p) => BigInt(p[1])), type: "INT64" },
          { name: "c", data: ps.map((p) => BigInt(p[2])), type: "INT64" },
        ],
        rowGroupSize: 2,
      });
      writeFileSync(join(work, `${m}.counts`), new Uint8Array(buf));
    }
    const r = await report(["base=base.counts", "rl=rl.counts"], "pq");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
  });

  it("names file:line of a bad row and exits 1", async () => {
    writeFileSync(join(work, "bad.csv"), "model,problem_id,n,c\nbase,p1,4,1\nbase,p2,4,5\n");
    const r = await cli(["report", "bad.csv", "--out", "bad", ...REPORT], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('passk: error: bad.csv:3: c = 5 exceeds n = 4 (problem "p2")\n');
  });
});

describe("passk merge", () => {
  beforeAll(() => {
    // Three workers, each with a slice of the sample indices of every problem.
    const shards = [new TallyAccumulator(), new TallyAccumulator(), new TallyAccumulator()];
    for (const model of ["base", "rl"]) {
      for (const rec of flatRecords(model, PROBLEMS[model]!) as Array<{ problem_id: string; sample_index: number; correct: boolean }>) {
        shards[rec.sample_index % 3]!.add({ model, problemId: rec.problem_id, sampleIndex: rec.sample_index, correct: rec.correct });
      }
    }
    shards.forEach((s, i) => writeFileSync(join(work, `shard-${i}.json`), JSON.stringify(s.toJSON(), null, i === 1 ? 2 : undefined)));
  });

  it("merges shards exactly, and passk report reads the result as the per-sample files", async () => {
    const m = await cli(["merge", "shard-0.json", "shard-1.json", "shard-2.json", "--out", "tallies.json"], work);
    expect(m.code).toBe(0);
    expect(m.stderr).toBe("passk: merged 3 shards: 2 models, 6 problems, 24 samples -> tallies.json\n");
    const merged = JSON.parse(readFileSync(join(work, "tallies.json"), "utf8")) as { models: Array<{ problems: unknown[] }> };
    expect(merged.models[0]!.problems[0]).toEqual({ problemId: "p1", n: 4, c: 1, sampleIndexRuns: [[0, 3]] });
    const r = await report(["tallies.json"], "merged");
    expect(withoutSources(r)).toEqual(withoutSources(reference));
    expect(r.sources[0]).toMatchObject({ file: "tallies.json", format: "tallies", recordsAdded: 24 });
  });

  it("refuses a sample present in two shards, a repeated file and a truncated shard, naming the file", async () => {
    let r = await cli(["merge", "shard-0.json", "tallies.json"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'passk: error: tallies.json: cannot merge this shard: sample 0 of model "base" on problem "p1" is in both accumulators being merged\n',
    );
    r = await cli(["merge", "shard-0.json", "./shard-0.json"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("passk: error: ./shard-0.json is given twice: its samples would be counted twice\n");
    const whole = readFileSync(join(work, "shard-1.json"), "utf8");
    writeFileSync(join(work, "cut.json"), whole.slice(0, whole.length / 2));
    r = await cli(["merge", "shard-0.json", "cut.json"], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^passk: error: cut\.json: not a complete JSON document \(truncated\?\): /);
    writeFileSync(join(work, "bad-tallies.json"), JSON.stringify({ format: "passk.tallies", version: 1, keepAnswers: false, models: [{ model: "m", problems: [{ problemId: "p", n: 2, c: 3 }] }] }));
    r = await cli(["report", "bad-tallies.json", "--out", "bt", ...REPORT], work);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^passk: error: bad-tallies\.json: not a valid passk\.tallies document: /);
  });
});
