// Parquet samples ingest (ingestParquetSamples: hyparquet + bigint conversion + reader + accumulator)
// vs reading the same rows and columns with hyparquet alone, side by side in one run.
// Two layouts: a dataset of generations (one graded sample per row, field mapping) and lighteval
// details (one row per document, c from pass@1 over n = 16). Goal: >= 0.7x hyparquet's rows/s.
// Run: `npm run bench -- parquetSamples`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
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

async function time(label: string, rows: number, f: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    gc();
    const t = performance.now();
    const got = await f();
    if (got !== rows) throw new Error(`${label}: ${got} rows`);
    best = Math.min(best, performance.now() - t);
  }
  const rate = rows / (best / 1000);
  console.log(`${label.padEnd(34)} ${(best / 1000).toFixed(3)} s   ${(rate / 1e6).toFixed(2)} M rows/s`);
  return rate;
}

try {
  console.log(`generations: ${ROWS} rows (one sample each), row groups of ${GROUP}; details: ${DOCS} documents × n = ${N}; best of 3`);
  const flatColumns = ["model", "problem_id", "sample_index", "correct"];
  const alone = await time("hyparquet alone (generations)", ROWS, () => hyparquetAlone(flatPath, flatColumns, (o) => (o.correct ? 1 : 0)));
  const ours = await time("ingestParquetSamples (generations)", ROWS, async () => {
    const reader = fieldMappingReader({ model: "model", problem: "problem_id", correct: "correct", sampleIndex: "sample_index" });
    const r = await ingestParquetSamples(flatPath, { reader, columns: flatColumns });
    if (r.rowsRejected !== 0) throw new Error("rows rejected");
    return r.rowsAccepted;
  });
  console.log(`ratio generations: ${(ours / alone).toFixed(2)}x (goal >= 0.7x)`);
  const aloneD = await time("hyparquet alone (lighteval)", DOCS, () =>
    hyparquetAlone(detailsPath, ["metric", "doc"], (o) => ((o.metric as Record<string, number>)[metric] ?? 0) * N),
  );
  const oursD = await time("ingestParquetSamples (lighteval)", DOCS, async () => {
    const r = await ingestParquetSamples(detailsPath, { reader: lightevalDetailsReader({ model: "m" }) });
    if (r.rowsRejected !== 0) throw new Error("rows rejected");
    return r.rowsAccepted;
  });
  console.log(`ratio lighteval (documents/s; each adds ${N} records): ${(oursD / aloneD).toFixed(2)}x (goal >= 0.7x)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
