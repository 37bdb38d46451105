// Counts from graded samples two ways, side by side in one run, on the same JSONL file:
// passk's own streaming ingest (ingestJsonl + flatReader: one thread, every line checked, duplicate
// sample indices refused) vs DuckDB's GROUP BY (read_json, all cores) with its counts read back
// into a TallyAccumulator via addTally. Both must give identical tallies.
// @duckdb/node-api is a devDependency (native, ~70 MB): never a dependency of passk.
// Run: `npm run bench -- duckdb`.
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { TallyAccumulator } from "../src/index.js";
import { flatReader, ingestJsonl } from "../src/node/index.js";

const SIZES = [500_000, 2_000_000];
const PROBLEMS = 1000;
const MODELS = ["base", "rl"];
const dir = mkdtempSync(join(tmpdir(), "passk-duckdb-bench-"));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function writeSamples(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const perModel = lines / MODELS.length;
  let buf = "";
  for (let i = 0; i < lines; i++) {
    const model = MODELS[Math.floor(i / perModel)] as string;
    const j = i % perModel;
    const problem = j % PROBLEMS;
    const sample = Math.floor(j / PROBLEMS);
    buf += `{"model":"${model}","problem_id":"p${problem}","sample_index":${sample},"correct":${(sample * 7 + problem) % 10 < 4}}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

async function passk(path: string): Promise<TallyAccumulator> {
  const r = await ingestJsonl(path, { reader: flatReader() });
  if (r.linesRejected !== 0) throw new Error("lines rejected");
  return r.accumulator;
}

async function duckdb(path: string): Promise<TallyAccumulator> {
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const result = await con.runAndReadAll(`
    SELECT model, CAST(problem_id AS VARCHAR) AS problem_id, COUNT(*)::BIGINT AS n,
           (COUNT(*) FILTER (WHERE correct))::BIGINT AS c, COUNT(DISTINCT sample_index)::BIGINT AS distinct_samples
    FROM read_json('${path.replaceAll("'", "''")}', format = 'newline_delimited') GROUP BY ALL`);
  const acc = new TallyAccumulator();
  for (const row of result.getRows()) {
    const [model, problemId, n, c, distinct] = row as [string, string, bigint, bigint, bigint];
    if (n !== distinct) throw new Error(`a sample index counted twice for ${model}/${problemId}`);
    acc.addTally(model, { problemId, n: Number(n), c: Number(c) });
  }
  con.closeSync();
  return acc;
}

async function time(label: string, lines: number, f: () => Promise<TallyAccumulator>): Promise<{ rate: number; acc: TallyAccumulator }> {
  let best = Infinity;
  let acc = new TallyAccumulator();
  for (let i = 0; i < 2; i++) {
    gc();
    const t = performance.now();
    acc = await f();
    best = Math.min(best, performance.now() - t);
  }
  const rate = lines / (best / 1000);
  console.log(`${label.padEnd(30)} ${(best / 1000).toFixed(3)} s   ${(rate / 1e6).toFixed(2)} M samples/s`);
  return { rate, acc };
}

try {
  for (const lines of SIZES) {
    const path = join(dir, `samples-${lines}.jsonl`);
    await writeSamples(path, lines);
    console.log(`\n${lines} samples (${(statSync(path).size / (1 << 20)).toFixed(0)} MiB JSONL), ${MODELS.length} models × ${PROBLEMS} problems, best of 2`);
    const ours = await time("passk ingestJsonl", lines, () => passk(path));
    const theirs = await time("DuckDB GROUP BY + addTally", lines, () => duckdb(path));
    const same = MODELS.every((m) => JSON.stringify(ours.acc.talliesFor(m)) === JSON.stringify(theirs.acc.talliesFor(m)));
    if (!same) throw new Error("the two paths disagree");
    console.log(`identical tallies; DuckDB / passk: ${(theirs.rate / ours.rate).toFixed(2)}x`);
    rmSync(path);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
