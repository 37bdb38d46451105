import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import {
  DuplicateSampleError,
  fieldMappingReader,
  ingestJsonlStream,
  ingestParquetSamples,
  InvalidArgumentError,
  lightevalDetailsReader,
} from "../../src/node/index.js";
import { lightevalDetails, lightevalDetailsV0, type DetailRow } from "./lightevalParquet.js";
import { rejectsWithIngestError as rejects } from "../helpers/ingestErrors.js";

const dir = mkdtempSync(join(tmpdir(), "passk-parquet-samples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
function write(bytes: Uint8Array): string {
  const path = join(dir, `f${count++}.parquet`);
  writeFileSync(path, bytes);
  return path;
}

const P1 = "pass@k:k=1&n=4";
const row = (id: string | null, value: number | null, text: Array<string | null> | null = ["a", "b", "c", "d"], query: string | null = `q${id}`): DetailRow => ({
  id,
  query,
  text,
  metric: { [P1]: value, extractive_match: value === null ? null : value > 0 ? 1 : 0 },
});

describe("lighteval details (>= 0.10 layout: doc, metric, model_response)", () => {
  it("recovers c = pass@1 × n per document, n from the metric name, without decoding the responses", async () => {
    // Values are c/4 for c = 2, 0, 4: the tallies must be (4, 2), (4, 0), (4, 4).
    const path = write(lightevalDetails([row("0", 0.5), row("1", 0), row("2", 1)], [P1, "extractive_match"]));
    const r = await ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "qwen", task: "aime24" }) });
    expect(r.accumulator.talliesFor("qwen")).toEqual([
      { problemId: "aime24/0", n: 4, c: 2 },
      { problemId: "aime24/1", n: 4, c: 0 },
      { problemId: "aime24/2", n: 4, c: 4 },
    ]);
    expect([r.rowsRead, r.rowsAccepted, r.rowsRejected, r.recordsAdded]).toEqual([3, 3, 0, 12]);
    expect([...r.columns].sort()).toEqual(["doc", "metric"]);
  });

  it("takes n from the responses when the metric's name does not state it", async () => {
    const name = "pass@k:k=1";
    const rows: DetailRow[] = [
      { id: "a", query: "q", text: ["x", "y", "z"], metric: { [name]: 2 / 3 } },
      { id: "b", query: "q", text: ["x", "y"], metric: { [name]: 0.5 } },
    ];
    const r = await ingestParquetSamples(write(lightevalDetails(rows, [name])), { reader: lightevalDetailsReader({ model: "m" }) });
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "a", n: 3, c: 2 },
      { problemId: "b", n: 2, c: 1 },
    ]);
    expect(r.columns).toContain("model_response");
  });

  it("falls back to doc.query as the problem id when doc.id is empty", async () => {
    const r = await ingestParquetSamples(write(lightevalDetails([row("", 0.25, undefined, "What is 2+2?")], [P1, "extractive_match"])), {
      reader: lightevalDetailsReader({ model: "m" }),
    });
    expect(r.accumulator.talliesFor("m")).toEqual([{ problemId: "What is 2+2?", n: 4, c: 1 }]);
  });

  it("collect mode: counts and names every bad row by file:row and field, across row groups", async () => {
    const rows = [
      row("0", 0.75), // ok: c = 3
      row("1", 0.3), // 0.3 × 4 = 1.2: not a mean of 4 binary scores
      row(null, 0.5, undefined, null), // no id, no query
      row("3", null), // metric missing
      row("0", 0.25), // document 0 again in the same file
      row("5", 1.5), // out of [0, 1]
      row("6", 0), // ok
    ];
    const path = write(lightevalDetails(rows, [P1, "extractive_match"], 3));
    const r = await ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m", metric: P1 }), mode: "collect", name: "d.parquet" });
    expect(r.rowGroups).toBe(3);
    expect([r.rowsRead, r.rowsAccepted, r.rowsSkipped, r.rowsRejected, r.recordsAdded]).toEqual([7, 2, 0, 5, 8]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.errors[0]!.message).toBe(`d.parquet:2: metric.${P1} = 0.3 is not a multiple of 1/4: not the mean of 4 0/1 scores (a pass@k with k > 1, or a non-binary score?) (problem "1")`);
    expect(r.errors[0]!.field).toBe(`metric.${P1}`);
    expect(r.errors[1]!.field).toBe("doc.id");
    expect(r.errors[2]!.message).toContain(`metric.${P1} is missing`);
    expect(r.errors[3]!.message).toBe('d.parquet:5: problem "0" of model "m" appears twice in this file (first at row 1)');
    expect(r.errors[4]!.message).toContain("must be in [0, 1]");
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "0", n: 4, c: 3 },
      { problemId: "6", n: 4, c: 0 },
    ]);
  });

  it("as a JSONL reader (records with sample indices 0..n-1) a document given twice is a DuplicateSampleError", async () => {
    const line = JSON.stringify({ doc: { id: "0" }, metric: { [P1]: 0.5 } });
    async function* chunks() {
      yield `${line}\n${line}\n`;
    }
    const r = await ingestJsonlStream(chunks(), { reader: lightevalDetailsReader({ model: "m" }), mode: "collect" });
    expect(r.accumulator.talliesFor("m")).toEqual([{ problemId: "0", n: 4, c: 2 }]);
    expect(r.errors[0]!.cause).toBeInstanceOf(DuplicateSampleError);
  });

  it("strict mode throws the first bad row and keeps the rows before it", async () => {
    const path = write(lightevalDetails([row("0", 0.5), row("1", Number.NaN), row("2", 1)], [P1, "extractive_match"]));
    const e = await rejects(ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m" }), name: "d.parquet" }));
    expect(e.line).toBe(2);
    expect(e.message).toBe(`d.parquet:2: metric.${P1} must be a finite number, got NaN (problem "1")`);
  });

  it("refuses to guess among several metrics, and refuses pass@k with k > 1", async () => {
    const path = write(lightevalDetails([row("0", 0.5)], ["extractive_match", "maj@4"].concat([])));
    const e = await rejects(ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m" }), name: "d.parquet" }));
    expect(e.message).toBe("d.parquet: the metric column has 2 metrics (extractive_match, maj@4); choose the pass@1 or avg@n one with the metric option (CLI --metric)");
    expect(() => lightevalDetailsReader({ model: "m", metric: "pass@k:k=4&n=16" })).toThrow(InvalidArgumentError);
  });

  it("a truncated file fails as a whole with an IngestError (line 0)", async () => {
    const bytes = lightevalDetails([row("0", 0.5), row("1", 0.25)], [P1, "extractive_match"]);
    const path = write(bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const e = await rejects(ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m" }), mode: "collect", name: "cut.parquet" }));
    expect(e.line).toBe(0);
    expect(e.message).toMatch(/^cut\.parquet: not a readable Parquet file/);
  });

  it("a file that is not a details file fails naming the missing column", async () => {
    const path = write(new Uint8Array(parquetWriteBuffer({ columnData: [{ name: "x", data: [1], type: "INT32" }] })));
    const e = await rejects(ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m" }), name: "x.parquet" }));
    expect(e.message).toContain('no "metric" column');
  });
});

describe("lighteval details (pre-0.10 flat layout: example, predictions, metrics)", () => {
  it("reads metrics and counts the predictions", async () => {
    const path = write(
      lightevalDetailsV0(
        [
          { example: "1+1?", predictions: ["2", "3"], metrics: { "pass@1:2_samples": 0.5 } },
          { example: "2+2?", predictions: ["4", "4"], metrics: { "pass@1:2_samples": 1 } },
        ],
        ["pass@1:2_samples"],
      ),
    );
    const r = await ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m" }) });
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "1+1?", n: 2, c: 1 },
      { problemId: "2+2?", n: 2, c: 2 },
    ]);
  });
});

describe("generic datasets of generations (field mapping)", () => {
  it("reads INT64 ids as numbers and nested struct paths, one sample per row", async () => {
    const schema = [
      { name: "root", num_children: 4 },
      { name: "model", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
      { name: "problem_id", type: "INT64", repetition_type: "REQUIRED" },
      { name: "sample", type: "INT32", repetition_type: "REQUIRED" },
      { name: "grade", repetition_type: "OPTIONAL", num_children: 1 },
      { name: "passed", type: "BOOLEAN", repetition_type: "OPTIONAL" },
    ];
    const rows = [
      { model: "a", problem_id: 7n, sample: 0, grade: { passed: true } },
      { model: "a", problem_id: 7n, sample: 1, grade: { passed: false } },
      { model: "a", problem_id: 8n, sample: 0, grade: { passed: null } },
      { model: "b", problem_id: 7n, sample: 0, grade: { passed: true } },
    ];
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: (["model", "problem_id", "sample", "grade"] as const).map((name) => ({ name, data: rows.map((r) => r[name]) })),
        schema,
      } as never),
    );
    const reader = fieldMappingReader({ model: "model", problem: "problem_id", correct: "grade.passed", sampleIndex: "sample" });
    const r = await ingestParquetSamples(write(bytes), { reader, mode: "collect", columns: ["model", "problem_id", "sample", "grade"], name: "g.parquet" });
    expect(r.accumulator.talliesFor("a")).toEqual([{ problemId: "7", n: 2, c: 1 }]);
    expect(r.accumulator.talliesFor("b")).toEqual([{ problemId: "7", n: 1, c: 1 }]);
    expect(r.rowsRejected).toBe(1);
    expect(r.errors[0]!.message).toBe('g.parquet:3: grade.passed must be a boolean, got null (problem "8")');
  });

  it("turns INT64 cells into numbers at the top level and inside structs, leaving other columns as decoded", async () => {
    // meta is a struct of INT64 fields and seed a top-level INT64 (both walked); ok (BOOLEAN) and label (UTF8) hold no bigints.
    const schema = [
      { name: "root", num_children: 4 },
      { name: "meta", repetition_type: "OPTIONAL", num_children: 2 },
      { name: "problem", type: "INT64", repetition_type: "OPTIONAL" },
      { name: "idx", type: "INT64", repetition_type: "OPTIONAL" },
      { name: "seed", type: "INT64", repetition_type: "REQUIRED" },
      { name: "ok", type: "BOOLEAN", repetition_type: "REQUIRED" },
      { name: "label", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
    ];
    const rows = [
      { meta: { problem: 3n, idx: 0n }, seed: 0n, ok: true, label: "x" },
      { meta: { problem: 3n, idx: 1n }, seed: 0n, ok: false, label: "y" },
      { meta: { problem: 9007199254740991n, idx: 4n }, seed: 2n, ok: true, label: "z" },
      { meta: { problem: 3n, idx: 1n }, seed: 0n, ok: true, label: "w" },
    ];
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: (["meta", "seed", "ok", "label"] as const).map((name) => ({ name, data: rows.map((r) => r[name]) })),
        schema,
      } as never),
    );
    const seen: unknown[] = [];
    const inner = fieldMappingReader({ modelName: "m", problem: "meta.problem", correct: "ok", sampleIndex: "meta.idx", answer: "label" });
    const reader = { ...inner, read: (row: unknown) => (seen.push(row), inner.read(row)) };
    const r = await ingestParquetSamples(write(bytes), { reader, mode: "collect", keepAnswers: true, name: "i.parquet" });
    // Row 4 repeats sample 1 of problem 3; 2^53 - 1 is still a safe integer, so problem "9007199254740991".
    expect(seen[2]).toEqual({ meta: { problem: 9007199254740991, idx: 4 }, seed: 2, ok: true, label: "z" });
    expect(r).toMatchObject({ rowsRead: 4, rowsAccepted: 3, rowsRejected: 1 });
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "3", n: 2, c: 1 },
      { problemId: "9007199254740991", n: 1, c: 1 },
    ]);
    expect(r.errors[0]!.message).toBe('i.parquet:4: sample 1 of model "m" on problem "3" was already added');
    expect(r.errors[0]!.field).toBe("meta.idx");
  });

  it("a column the caller names but the file lacks fails the file", async () => {
    const path = write(new Uint8Array(parquetWriteBuffer({ columnData: [{ name: "x", data: [1], type: "INT32" }] })));
    const reader = fieldMappingReader({ modelName: "m", problem: "x", correct: "ok" });
    const e = await rejects(ingestParquetSamples(path, { reader, columns: ["x", "ok"], name: "x.parquet" }));
    expect(e.message).toBe('x.parquet: no column "ok" (columns: x)');
  });
});
