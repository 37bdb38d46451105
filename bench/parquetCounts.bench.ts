// Parquet counts ingest (ingestCounts: hyparquet + row checks + addTally) vs reading the same rows
// with hyparquet alone, side by side in one run. Goal: ingestCounts ≥ 0.7× hyparquet's rows/s.
// Run: `npm run bench -- parquet`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { ingestCounts } from "../src/node/index.js";

const ROWS = 400_000;
const GROUP = 50_000;
const MODELS = 4;
const dir = mkdtempSync(join(tmpdir(), "passk-parquet-bench-"));
const path = join(dir, "counts.parquet");
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const perModel = ROWS / MODELS;
writeFileSync(
  path,
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "model", data: Array.from({ length: ROWS }, (_, i) => `model-${Math.floor(i / perModel)}`), type: "STRING" },
        { name: "problem_id", data: Array.from({ length: ROWS }, (_, i) => `problem-${i % perModel}`), type: "STRING" },
        { name: "n", data: Array.from({ length: ROWS }, () => 256n), type: "INT64" },
        { name: "c", data: Array.from({ length: ROWS }, (_, i) => BigInt(i % 257)), type: "INT64" },
      ],
      rowGroupSize: GROUP,
    }),
  ),
);

/** hyparquet alone: the same row groups and columns, touching every cell (summing n and c). */
async function hyparquetAlone(): Promise<number> {
  const fh = await open(path, "r");
  const { size } = await fh.stat();
  const file = {
    byteLength: size,
    async slice(start: number, end?: number) {
      const buf = new Uint8Array((end ?? size) - start);
      await fh.read(buf, 0, buf.length, start);
      return buf.buffer;
    },
  };
  const metadata = await parquetMetadataAsync(file);
  let rows = 0;
  let sum = 0n;
  let start = 0;
  for (const g of metadata.row_groups) {
    const end = start + Number(g.num_rows);
    const objects = await parquetReadObjects({ file, metadata, columns: ["problem_id", "n", "c", "model"], rowStart: start, rowEnd: end });
    for (const o of objects) {
      sum += (o.n as bigint) + (o.c as bigint);
      rows++;
    }
    start = end;
  }
  await fh.close();
  if (sum === 0n) throw new Error("unreachable");
  return rows;
}

async function passk(): Promise<number> {
  const r = await ingestCounts(path);
  if (r.rowsRejected !== 0) throw new Error("rows rejected");
  return r.rowsAccepted;
}

async function time(label: string, f: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    gc();
    const t = performance.now();
    const rows = await f();
    if (rows !== ROWS) throw new Error(`${label}: ${rows} rows`);
    best = Math.min(best, performance.now() - t);
  }
  const rate = ROWS / (best / 1000);
  console.log(`${label.padEnd(28)} ${(best / 1000).toFixed(3)} s   ${(rate / 1e6).toFixed(2)} M rows/s`);
  return rate;
}

try {
  console.log(`${ROWS} counts rows, row groups of ${GROUP}, best of 3`);
  const alone = await time("hyparquet alone", hyparquetAlone);
  const ours = await time("ingestCounts (passk)", passk);
  console.log(`ratio ingestCounts / hyparquet: ${(ours / alone).toFixed(2)}x (goal >= 0.7x)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
