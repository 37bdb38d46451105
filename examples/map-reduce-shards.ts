// Map-reduce over sample files with TallyAccumulator JSON shards, end to end:
//
//   map:    each worker ingests its own slice of the samples (here: one JSONL file per worker)
//           and writes `shard-<i>.json`, the JSON of TallyAccumulator.toJSON();
//   reduce: `passk merge shard-*.json --out tallies.json` (or TallyAccumulator.mergeAll), exact:
//           counts add, sample-index ranges unite, a sample seen by two workers is an error;
//   report: `passk report tallies.json`.
//
//   node --import tsx examples/map-reduce-shards.ts [workdir]
//
// The workers here are in-process for the sake of a runnable example; on a cluster each runs the
// `map` function on its own machine and copies its shard to where the reduce runs.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TallyAccumulator } from "../src/index.js";
import { flatReader, ingestJsonl } from "../src/node/index.js";
import { runCli, nodeIo } from "../src/cli/index.js";

/** What one worker does: ingest its files into a fresh accumulator and write the shard. */
export async function map(files: readonly string[], shardPath: string): Promise<void> {
  // keepAnswers false (the default): shards carry n, c and the sample-index ranges only.
  const accumulator = new TallyAccumulator();
  for (const file of files) await ingestJsonl(file, { reader: flatReader(), accumulator });
  writeFileSync(shardPath, JSON.stringify(accumulator.toJSON()));
}

/** Deterministic samples: worker w holds sample indices w, w + W, w + 2W, ... of every problem. */
export function workerSamples(worker: number, workers: number, samplesPerProblem: number): string {
  const lines: string[] = [];
  for (const model of ["base", "rl"]) {
    for (let p = 0; p < 20; p++) {
      for (let i = worker; i < samplesPerProblem; i += workers) {
        // Problem p is solved by the samples i < p (base) or i < p + 2 (rl): c is known exactly.
        const correct = i < (model === "rl" ? p + 2 : p);
        lines.push(JSON.stringify({ model, problem_id: `p${p}`, sample_index: i, correct }));
      }
    }
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? mkdtempSync(join(tmpdir(), "passk-map-reduce-")));
  mkdirSync(dir, { recursive: true });
  const workers = 4;
  const shards: string[] = [];
  for (let w = 0; w < workers; w++) {
    const input = join(dir, `samples-${w}.jsonl`);
    writeFileSync(input, workerSamples(w, workers, 16));
    const shard = join(dir, `shard-${w}.json`);
    await map([input], shard);
    shards.push(shard);
  }
  const io = { ...nodeIo(), cwd: dir };
  let code = await runCli(["merge", ...shards, "--out", "tallies.json"], io);
  if (code === 0) code = await runCli(["report", "tallies.json", "--out", "report", "--quiet"], io);
  process.exitCode = code;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]).endsWith("map-reduce-shards.ts")) await main();
