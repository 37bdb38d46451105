import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { map, workerSamples } from "../examples/map-reduce-shards.js";
import { runCli } from "../src/cli/index.js";
import { TallyAccumulator } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "passk-map-reduce-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("examples/map-reduce-shards.ts: shards from 4 workers merge to the exact tallies of all samples", async () => {
  const shards: string[] = [];
  for (let w = 0; w < 4; w++) {
    writeFileSync(join(dir, `s${w}.jsonl`), workerSamples(w, 4, 16));
    await map([join(dir, `s${w}.jsonl`)], join(dir, `shard-${w}.json`));
    shards.push(`shard-${w}.json`);
  }
  const err: string[] = [];
  const io = { stdout: () => {}, stderr: (s: string) => void err.push(s), stderrIsTTY: false, stderrColumns: 80, cwd: dir };
  expect(await runCli(["merge", ...shards, "--out", "tallies.json"], io)).toBe(0);
  expect(err.join("")).toBe("passk: merged 4 shards: 2 models, 40 problems, 640 samples -> tallies.json\n");
  const merged = TallyAccumulator.fromJSON(JSON.parse(readFileSync(join(dir, "tallies.json"), "utf8")));
  // Problem p: base solves samples i < p, rl samples i < p + 2, of 16 (capped at 16).
  expect(merged.talliesFor("base").find((t) => t.problemId === "p5")).toEqual({ problemId: "p5", n: 16, c: 5 });
  expect(merged.talliesFor("rl").find((t) => t.problemId === "p15")).toEqual({ problemId: "p15", n: 16, c: 16 });
  expect(merged.toJSON().models[0]!.problems[0]).toEqual({ problemId: "p0", n: 16, c: 0, sampleIndexRuns: [[0, 15]] });
});
