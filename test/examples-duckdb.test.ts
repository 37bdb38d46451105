import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { aggregateToCounts, generateSamples, readCounts } from "../examples/duckdb-counts.js";

const dir = mkdtempSync(join(tmpdir(), "passk-duckdb-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("examples/duckdb-counts.ts: DuckDB's GROUP BY gives passk the closed-form counts", async () => {
  // 2 models × 150 problems × 200 samples = 60 000 rows (the 10M-row run is the script's --generate).
  await generateSamples(join(dir, "samples.parquet"), 150, 200);
  await aggregateToCounts(join(dir, "samples.parquet"), join(dir, "counts.parquet"));
  const r = await readCounts(join(dir, "counts.parquet"));
  expect(r).toMatchObject({ format: "parquet", rowsRead: 300, rowsAccepted: 300, rowsRejected: 0, samplesAdded: 60_000 });
  // Sample i of problem p is correct when i % 100 < p % 100 (+5 for rl): of 200 samples, c = 2·min(p % 100 (+5), 100).
  const c = (p: number, extra: number) => 2 * Math.min((p % 100) + extra, 100);
  for (const p of [0, 1, 42, 97, 99, 100, 149]) {
    expect(r.accumulator.talliesFor("base").find((t) => t.problemId === `p${p}`)).toEqual({ problemId: `p${p}`, n: 200, c: c(p, 0) });
    expect(r.accumulator.talliesFor("rl").find((t) => t.problemId === `p${p}`)).toEqual({ problemId: `p${p}`, n: 200, c: c(p, 5) });
  }
});
