import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { aggregateToCounts, generateSamples, readCounts } from "../examples/duckdb-counts.js";

const dir = mkdtempSync(join(tmpdir(), "passk-duckdb-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("examples/duckdb-counts.ts: DuckDB's GROUP BY over 10M samples gives passk the closed-form counts", async () => {
  // 2 models × 500 problems × 10 000 samples = 10 000 000 rows (about 11 s and 0.9 GB here).
  const problems = 500;
  const samples = 10_000;
  await generateSamples(join(dir, "samples.parquet"), problems, samples);
  await aggregateToCounts(join(dir, "samples.parquet"), join(dir, "counts.parquet"));
  const r = await readCounts(join(dir, "counts.parquet"));
  expect(r).toMatchObject({ format: "parquet", rowsRead: 2 * problems, rowsAccepted: 2 * problems, rowsRejected: 0, samplesAdded: 10_000_000 });
  // Sample i of problem p is correct when i % 100 < p % 100 (+5 for rl): of 10 000 samples,
  // c = 100·min(p % 100 (+5), 100).
  const c = (p: number, extra: number) => (samples / 100) * Math.min((p % 100) + extra, 100);
  for (const [model, extra] of [["base", 0], ["rl", 5]] as const) {
    const byId = new Map(r.accumulator.talliesFor(model).map((t) => [t.problemId, t]));
    expect(byId.size).toBe(problems);
    for (let p = 0; p < problems; p++) expect(byId.get(`p${p}`), `${model} p${p}`).toEqual({ problemId: `p${p}`, n: samples, c: c(p, extra) });
  }
}, 180_000);
