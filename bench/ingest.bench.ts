// Streaming JSONL ingestion vs a bare readline + JSON.parse loop over the same file, same run.
// Run: `npm run bench -- ingest` (spawns `node --import tsx --expose-gc bench/ingest.bench.ts`).
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { flatReader, ingestJsonl } from "../src/node/index.js";

const LINES = 1_000_000;
const SMALL = 200_000;
const PROBLEMS = 500;
const MODELS = ["Qwen/Qwen2.5-7B", "hkust-nlp/Qwen-2.5-7B-SimpleRL-Zoo"];

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const mib = (b: number) => (b / (1 << 20)).toFixed(1);

/** Deterministic xorshift32, so every run writes the same file. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

async function writeFlat(path: string, lines: number): Promise<void> {
  const out = createWriteStream(path);
  const rand = prng(20260101);
  const perModel = lines / MODELS.length;
  let buf = "";
  for (let i = 0; i < lines; i++) {
    const model = MODELS[Math.floor(i / perModel)] as string;
    const j = i % perModel;
    const problem = j % PROBLEMS;
    const sample = Math.floor(j / PROBLEMS);
    buf += `{"model":${JSON.stringify(model)},"problem_id":"math500/${problem}","sample_index":${sample},"correct":${rand() < 0.6}}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

async function bareLoop(path: string): Promise<{ ms: number; lines: number }> {
  const t0 = performance.now();
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lines = 0;
  let correct = 0;
  for await (const line of rl) {
    const v = JSON.parse(line) as { correct: boolean };
    if (v.correct) correct++;
    lines++;
  }
  if (correct < 0) console.log(correct); // keep the parse observable
  return { ms: performance.now() - t0, lines };
}

interface IngestRun {
  ms: number;
  records: number;
  peakHeap: number;
  peakRss: number;
}

async function ingest(path: string): Promise<IngestRun> {
  gc();
  const base = process.memoryUsage();
  let peakHeap = 0;
  let peakRss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const t0 = performance.now();
  const r = await ingestJsonl(path, { reader: flatReader(), onProgress: sample });
  const ms = performance.now() - t0;
  if (r.linesRejected !== 0 || r.recordsAdded !== r.linesRead) throw new Error(`unexpected rejects: ${r.linesRejected}`);
  const tallies = r.accumulator.talliesFor(MODELS[0] as string);
  if (tallies.length !== PROBLEMS) throw new Error(`expected ${PROBLEMS} problems, got ${tallies.length}`);
  return { ms, records: r.recordsAdded, peakHeap, peakRss };
}

const dir = mkdtempSync(join(tmpdir(), "passk-ingest-bench-"));
try {
  const big = join(dir, "flat-1m.jsonl");
  const small = join(dir, "flat-200k.jsonl");
  await writeFlat(big, LINES);
  await writeFlat(small, SMALL);
  console.log(`file: ${LINES.toLocaleString("en")} lines, ${mib(statSync(big).size)} MiB (${MODELS.length} models × ${PROBLEMS} problems × ${LINES / MODELS.length / PROBLEMS} samples)`);

  // Alternate the two, twice each, and keep the best of each.
  let bestBare = Infinity;
  let bestIngest: IngestRun | undefined;
  for (let round = 0; round < 2; round++) {
    gc();
    const b = await bareLoop(big);
    if (b.lines !== LINES) throw new Error("bare loop miscounted");
    bestBare = Math.min(bestBare, b.ms);
    const i = await ingest(big);
    if (bestIngest === undefined || i.ms < bestIngest.ms) bestIngest = i;
    console.log(`  round ${round + 1}: bare readline+JSON.parse ${b.ms.toFixed(0)} ms, ingestJsonl ${i.ms.toFixed(0)} ms`);
  }
  const ing = bestIngest as IngestRun;
  const bareRate = LINES / (bestBare / 1000);
  const ingRate = ing.records / (ing.ms / 1000);
  console.log(`bare readline + JSON.parse: ${bestBare.toFixed(0)} ms, ${Math.round(bareRate).toLocaleString("en")} lines/s`);
  console.log(`ingestJsonl (flatReader):   ${ing.ms.toFixed(0)} ms, ${Math.round(ingRate).toLocaleString("en")} records/s`);
  console.log(`ratio ingest / bare: ${(ingRate / bareRate).toFixed(2)}× (goal >= 0.5×)`);

  const s = await ingest(small);
  const b2 = await ingest(big);
  console.log("peak memory during ingestion (heap above the pre-run baseline; process rss):");
  console.log(`  ${SMALL.toLocaleString("en")} lines: heap +${mib(s.peakHeap)} MiB, rss ${mib(s.peakRss)} MiB`);
  console.log(`  ${LINES.toLocaleString("en")} lines: heap +${mib(b2.peakHeap)} MiB, rss ${mib(b2.peakRss)} MiB`);
  console.log(`  heap ratio 1M / 200k: ${(b2.peakHeap / s.peakHeap).toFixed(2)} (line count ratio 5.00)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
