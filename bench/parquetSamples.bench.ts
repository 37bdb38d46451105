// Parquet samples ingest (ingestParquetSamples: hyparquet + bigint conversion + reader + accumulator)
// vs reading the same rows and columns with hyparquet alone (row objects, the form the readers
// take), interleaved in rounds; medians of the times and of the per-round ratios. For lighteval also
// hyparquet decoding the same columns page by page without assembling rows or structs (onPage),
// the decode passk's lighteval path uses: a reference for what passk adds, not the goal's baseline.
// Two layouts: a dataset of generations (one graded sample per row, field mapping) and lighteval
// details (one row per document, c from pass@1 over n = 16). Goal: >= 0.7x hyparquet's rows/s.
// Run: `npm run bench -- parquetSamples`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parquetRead, parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { openParquetFile } from "./parquetFileHandle.js";
import { fieldMappingReader, ingestParquetSamples, lightevalDetailsReader } from "../src/node/index.js";
import { lightevalDetails } from "../test/node/lightevalParquet.js";

const ROWS = 400_000;
const GROUP = 50_000;
const DOCS = 40_000;
const N = 16;
const dir = mkdtempSync(join(tmpdir(), "passk-parquet-samples-bench-"));
const flatPath = join(dir, "generations.parquet");
const detailsPath = join(dir, "details.parquet");
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const perModel = ROWS / 2;
writeFileSync(
  flatPath,
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "model", data: Array.from({ length: ROWS }, (_, i) => `model-${Math.floor(i / perModel)}`), type: "STRING" },
        { name: "problem_id", data: Array.from({ length: ROWS }, (_, i) => `problem-${i % 1000}`), type: "STRING" },
        { name: "sample_index", data: Array.from({ length: ROWS }, (_, i) => BigInt(Math.floor((i % perModel) / 1000))), type: "INT64" },
        { name: "correct", data: Array.from({ length: ROWS }, (_, i) => (i * 2654435761) % 7 < 3), type: "BOOLEAN" },
      ],
      rowGroupSize: GROUP,
    }),
  ),
);
const metric = `pass@k:k=1&n=${N}`;
writeFileSync(
  detailsPath,
  lightevalDetails(
    Array.from({ length: DOCS }, (_, i) => ({ id: String(i), query: `problem ${i}`, text: null, metric: { [metric]: (i % (N + 1)) / N } })),
    [metric],
    5_000,
  ),
);

/** hyparquet alone: the same row groups and columns, touching one cell of every row. */
async function hyparquetAlone(path: string, columns: string[], touch: (row: Record<string, unknown>) => number): Promise<number> {
  const { fh, file, metadata } = await openParquetFile(path);
  let rows = 0;
  let sum = 0;
  let start = 0;
  for (const g of metadata.row_groups) {
    const end = start + Number(g.num_rows);
    const objects = await parquetReadObjects({ file, metadata, columns, rowStart: start, rowEnd: end });
    for (const o of objects) {
      sum += touch(o);
      rows++;
    }
    start = end;
  }
  await fh.close();
  if (sum < 0) throw new Error("unreachable");
  return rows;
}

/**
 * hyparquet alone decoding the same row groups and columns page by page (parquetRead with onPage,
 * which assembles neither rows nor structs), touching the doc.id and metric cells of every row: the
 * decode passk's lighteval path starts from, so the ratio to it is what passk adds.
 */
async function hyparquetLeafPages(path: string, columns: string[], leaves: ReadonlyArray<readonly string[]>): Promise<number> {
  const { fh, file, metadata } = await openParquetFile(path);
  let rows = 0;
  let sum = 0;
  let start = 0;
  for (const g of metadata.row_groups) {
    const end = start + Number(g.num_rows);
    const cells: unknown[][] = [];
    await parquetRead({
      file,
      metadata,
      columns,
      rowStart: start,
      rowEnd: end,
      onPage: (p) => {
        const k = leaves.findIndex((l) => l.join(".") === p.pathInSchema.join("."));
        if (k >= 0) cells[k] = p.columnData as unknown[];
      },
    });
    const [ids, values] = cells as [unknown[], unknown[]];
    for (let i = 0; i < values.length; i++) {
      if ((ids[i] as string[])[0] !== "") sum += ((values[i] as number[])[0] ?? 0) * N;
      rows++;
    }
    start = end;
  }
  await fh.close();
  if (sum < 0) throw new Error("unreachable");
  return rows;
}

const ROUNDS = 7;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

/**
 * Runs hyparquet alone and passk in turn, ROUNDS times (so both see the same load), and prints the
 * median time and rate of each and the median of the per-round ratios.
 */
async function compare(what: string, rows: number, alone: () => Promise<number>, ours: () => Promise<number>, pages?: () => Promise<number>): Promise<void> {
  const times = { alone: [] as number[], ours: [] as number[], pages: [] as number[] };
  const ratios: number[] = [];
  const pageRatios: number[] = [];
  const runs = [["alone", alone], ["ours", ours], ...(pages === undefined ? [] : [["pages", pages] as const])] as const;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [label, f] of runs) {
      gc();
      const t = performance.now();
      const got = await f();
      if (got !== rows) throw new Error(`${what} ${label}: ${got} rows`);
      times[label].push(performance.now() - t);
    }
    ratios.push(times.alone[round]! / times.ours[round]!);
    if (pages !== undefined) pageRatios.push(times.pages[round]! / times.ours[round]!);
  }
  const rate = (ms: number[]) => `${(median(ms) / 1000).toFixed(3)} s   ${(rows / (median(ms) / 1000) / 1e6).toFixed(2)} M rows/s`;
  console.log(`hyparquet alone (${what})`.padEnd(46) + rate(times.alone));
  if (pages !== undefined) console.log(`hyparquet leaf pages (${what})`.padEnd(46) + rate(times.pages));
  console.log(`ingestParquetSamples (${what})`.padEnd(46) + rate(times.ours));
  console.log(`ratio ${what}: median ${median(ratios).toFixed(2)}x (rounds ${ratios.map((r) => r.toFixed(2)).join(" ")}; goal >= 0.7x)`);
  if (pages !== undefined) {
    console.log(`ratio to leaf pages ${what}: median ${median(pageRatios).toFixed(2)}x (rounds ${pageRatios.map((r) => r.toFixed(2)).join(" ")}; reference, no goal)`);
  }
}

try {
  console.log(`generations: ${ROWS} rows (one sample each), row groups of ${GROUP}; details: ${DOCS} documents × n = ${N}; ${ROUNDS} rounds; load average ${load()}`);
  const flatColumns = ["model", "problem_id", "sample_index", "correct"];
  await compare(
    "generations",
    ROWS,
    () => hyparquetAlone(flatPath, flatColumns, (o) => (o.correct ? 1 : 0)),
    async () => {
      const reader = fieldMappingReader({ model: "model", problem: "problem_id", correct: "correct", sampleIndex: "sample_index" });
      const r = await ingestParquetSamples(flatPath, { reader, columns: flatColumns });
      if (r.rowsRejected !== 0) throw new Error("rows rejected");
      return r.rowsAccepted;
    },
  );
  await compare(
    "lighteval, documents",
    DOCS,
    () => hyparquetAlone(detailsPath, ["metric", "doc"], (o) => ((o.metric as Record<string, number>)[metric] ?? 0) * N),
    async () => {
      const r = await ingestParquetSamples(detailsPath, { reader: lightevalDetailsReader({ model: "m" }) });
      if (r.rowsRejected !== 0) throw new Error("rows rejected");
      return r.rowsAccepted;
    },
    () => hyparquetLeafPages(detailsPath, ["metric", "doc"], [["doc", "id"], ["metric", metric]]),
  );
  console.log(`(each lighteval document adds ${N} samples with one addTally); load average after ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
