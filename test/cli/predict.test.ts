// `passk report --predict K`: the opt-in extrapolation block, in text and JSON, and its usage errors.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PREDICTION_RESAMPLES, predictModels, type ModelPrediction } from "../../src/cli/index.js";
import { predictPassAtKBeyond, type Tally } from "../../src/index.js";
import { cli, flatRecords, tempDir, writeJsonl } from "./cliHarness.js";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// 24 problems per model with 4 samples each: c cycles through 0..4 (base) and 0, 0, 2, 4 (rl).
const problems = (cycle: readonly number[]) =>
  Array.from({ length: 24 }, (_, i) => [`p${i}`, 4, cycle[i % cycle.length] as number] as const);
const BASE = problems([0, 1, 2, 3, 4]);
const RL = problems([0, 0, 2, 4]);

describe("passk report --predict", () => {
  const work = tempDir();
  dirs.push(work);
  const file = writeJsonl(work, "samples.jsonl", [...flatRecords("base", BASE), ...flatRecords("rl", RL)]);

  it("prints the prediction after the tables, marked as a model-based extrapolation", async () => {
    const run = await cli(["report", file, "--out", join(work, "a"), "--resamples", "40", "--seed", "2", "--predict", "64", "--quiet"], work);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const block = run.stdout.slice(run.stdout.indexOf("predicted pass@64"));
    expect(block.split("\n")[0]).toBe("predicted pass@64 (MODEL-BASED EXTRAPOLATION beyond the samples drawn, not a measurement)");
    expect(block).toMatch(/^base: 0\.\d{4}, 95% prediction interval \[0\.\d{4}, [01]\.\d{4}\] \(from n = 4; shapes: [a-zA-Z, ]+\)$/m);
    expect(block).toMatch(/^rl: 0\.\d{4}, 95% prediction interval/m);
    expect(run.stdout.indexOf("predicted pass@64")).toBeGreaterThan(run.stdout.indexOf("coverage"));
  });

  it("adds the same numbers to the JSON as `predictions`, and nothing without the flag", async () => {
    const run = await cli(["report", file, "--out", join(work, "b"), "--resamples", "40", "--seed", "2", "--predict", "64", "--json", "--quiet"], work);
    expect(run.code).toBe(0);
    const { predictions } = JSON.parse(run.stdout) as { predictions: ModelPrediction[] };
    const tallies = (rows: typeof BASE): Tally[] => rows.map(([problemId, n, c]) => ({ problemId, n, c }));
    const direct = predictModels(
      new Map([
        ["base", tallies(BASE)],
        ["rl", tallies(RL)],
      ]),
      64,
      { seed: 2, level: 0.95, resamples: 40 },
    );
    expect(predictions).toEqual(direct);
    for (const p of predictions) {
      expect(p.extrapolated).toBe(true);
      expect(p.lower <= p.estimate && p.estimate <= p.upper).toBe(true);
    }
    const plain = await cli(["report", file, "--out", join(work, "c"), "--resamples", "40", "--json", "--quiet"], work);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty("predictions");
  });

  it("says plainly when K needs no extrapolation", async () => {
    const run = await cli(["report", file, "--out", join(work, "d"), "--resamples", "40", "--predict", "2", "--quiet"], work);
    expect(run.code).toBe(0);
    // base has 5, 5, 5, 5, 4 problems with c = 0..4 of 4; pass@2 = 1 − C(4 − c, 2)/6 = 0, 1/2, 5/6, 1, 1:
    // (5·1/2 + 5·5/6 + 5 + 4)/24 = (47/3)/24 = 0.65277…
    expect(run.stdout).toMatch(/^base: 0\.6528 \(every problem has n >= 2: this is the unbiased estimate, no model\)$/m);
  });

  it("refuses a K below 1 as a usage error", async () => {
    const run = await cli(["report", file, "--out", join(work, "e"), "--predict", "0"], work);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--predict/);
  });

  it("uses at most PREDICTION_RESAMPLES refits, with the report's seed and level", () => {
    const t: Tally[] = BASE.map(([problemId, n, c]) => ({ problemId, n, c }));
    const [p] = predictModels(new Map([["base", t]]), 64, { seed: 1, level: 0.9, resamples: 10_000 });
    const direct = predictPassAtKBeyond(t, [64], { seed: 1, level: 0.9, resamples: PREDICTION_RESAMPLES });
    expect(PREDICTION_RESAMPLES).toBe(200);
    expect([p!.estimate, p!.lower, p!.upper]).toEqual([direct.points[0]!.estimate, direct.points[0]!.lower, direct.points[0]!.upper]);
    expect(p!.plausible).toEqual(direct.candidates.filter((c) => c.plausible).map((c) => c.method));
    expect(p!.minSamples).toBe(4);
  });
});
