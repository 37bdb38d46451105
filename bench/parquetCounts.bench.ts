// Parquet counts ingest (ingestCounts: hyparquet + row checks + addTally) vs reading the same rows
// with hyparquet alone (the same columns as column arrays, as ingestCounts reads them; and, for
// reference, as row objects), interleaved in rounds; medians of the times and of per-round ratios. Goal: ingestCounts ≥ 0.7× hyparquet's rows/s.
// Run: `npm run bench -- parquet`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parquetRead, parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { openParquetFile } from "./parquetFileHandle.js";
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

const COLUMNS = ["problem_id", "n", "c", "model"];

/**
 * hyparquet alone, in the form ingestCounts reads: the same columns of each row group as column
 * arrays (onChunk, no row objects), touching every cell (summing n and c, taking each id's length).
 */
async function hyparquetColumns(): Promise<number> {
  const { fh, file, metadata } = await openParquetFile(path);
  let rows = 0;
  let sum = 0n;
  let start = 0;
  for (const g of metadata.row_groups) {
    const end = start + Number(g.num_rows);
    await parquetRead({
      file,
      metadata,
      columns: COLUMNS,
      rowStart: start,
      rowEnd: end,
      onChunk: ({ columnName, columnData }) => {
        if (columnName === "n" || columnName === "c") for (let i = 0; i < columnData.length; i++) sum += columnData[i] as bigint;
        else if (columnName === "problem_id") {
          for (let i = 0; i < columnData.length; i++) sum += BigInt((columnData[i] as string).length & 1);
          rows += columnData.length;
        }
      },
    });
    start = end;
  }
  await fh.close();
  if (sum === 0n) throw new Error("unreachable");
  return rows;
}

/** hyparquet alone with one object per row (parquetReadObjects), the form most callers use. */
async function hyparquetObjects(): Promise<number> {
  const { fh, file, metadata } = await openParquetFile(path);
  let rows = 0;
  let sum = 0n;
  let start = 0;
  for (const g of metadata.row_groups) {
    const end = start + Number(g.num_rows);
    const objects = await parquetReadObjects({ file, metadata, columns: COLUMNS, rowStart: start, rowEnd: end });
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

const ROUNDS = 7;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

try {
  const runs = { columns: [] as number[], objects: [] as number[], passk: [] as number[] };
  const ratios: number[] = [];
  const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`${ROWS} counts rows, row groups of ${GROUP}; ${ROUNDS} rounds, each running the three in turn; load average ${load()}`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, f] of [["columns", hyparquetColumns], ["objects", hyparquetObjects], ["passk", passk]] as const) {
      gc();
      const t = performance.now();
      const rows = await f();
      if (rows !== ROWS) throw new Error(`${label}: ${rows} rows`);
      runs[label].push(performance.now() - t);
    }
    // The ratio of each round (same moment, same load) is steadier than a ratio of medians.
    ratios.push(runs.columns[round]! / runs.passk[round]!);
  }
  const rate = (ms: number[]) => `${(median(ms) / 1000).toFixed(3)} s   ${(ROWS / (median(ms) / 1000) / 1e6).toFixed(2)} M rows/s`;
  console.log(`hyparquet alone, columns        ${rate(runs.columns)}`);
  console.log(`hyparquet alone, row objects    ${rate(runs.objects)}`);
  console.log(`ingestCounts (passk)            ${rate(runs.passk)}`);
  console.log(`ratio ingestCounts / hyparquet columns: median ${median(ratios).toFixed(2)}x (rounds ${ratios.map((r) => r.toFixed(2)).join(" ")}; goal >= 0.7x)`);
  console.log(`ratio vs row objects: ${(median(runs.objects) / median(runs.passk)).toFixed(2)}x; load average after ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
