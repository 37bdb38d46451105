// lighteval details read from the id and metric leaves of hyparquet's decoded pages (no object per
// row): the cells it sees, when the path applies, and that every result, error and count is the one
// the row-by-row reader gives (forced here by naming the columns, which bypasses the leaf path).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import { IngestError, ingestParquetSamples, lightevalDetailsReader, type IngestParquetResult, type ParquetSampleReader } from "../../src/node/index.js";
import { openParquet } from "../../src/node/parquetFile.js";
import { leafTallyPlanners } from "../../src/node/parquetLeafTallies.js";
import { TallyAccumulator } from "../../src/tallies/index.js";
import { lightevalDetails, lightevalDetailsV0, type DetailRow } from "./lightevalParquet.js";

const dir = mkdtempSync(join(tmpdir(), "passk-lighteval-leaves-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
function write(bytes: Uint8Array): string {
  const path = join(dir, `f${count++}.parquet`);
  writeFileSync(path, bytes);
  return path;
}

const P1 = "pass@k:k=1&n=4";
const doc = (id: string | null, value: number | null, query: string | null = `q${id}`): DetailRow => ({ id, query, text: null, metric: { [P1]: value } });

/** A details file whose `doc` struct is null in some rows (the test writer always writes one). */
function withNullDocs(rows: ReadonlyArray<{ doc: { id: string | null; query: string | null } | null; value: number | null }>, docRepetition = "OPTIONAL"): Uint8Array {
  const utf8 = (name: string) => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
  const schema = [
    { name: "root", num_children: 2 },
    { name: "doc", repetition_type: docRepetition, num_children: 2 },
    utf8("id"),
    utf8("query"),
    { name: "metric", repetition_type: "OPTIONAL", num_children: 1 },
    { name: P1, type: "DOUBLE", repetition_type: "OPTIONAL" },
  ];
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "doc", data: rows.map((r) => r.doc) },
        { name: "metric", data: rows.map((r) => ({ [P1]: r.value })) },
      ],
      schema,
      rowGroupSize: 2,
    } as never),
  );
}

/** The parts of a result that must not depend on the path taken. */
function summary(r: IngestParquetResult, model = "m") {
  return {
    tallies: r.accumulator.talliesFor(model),
    counts: [r.rowsRead, r.rowsAccepted, r.rowsSkipped, r.rowsRejected, r.recordsAdded],
    errors: r.errors.map((e) => [e.line, e.field, e.problemId, e.message]),
  };
}

/** Ingests with the reader choosing its columns (leaf path) and with the columns named (row objects). */
async function bothPaths(path: string, options: { task?: string; n?: number; metric?: string; accumulator?: () => TallyAccumulator } = {}) {
  const reader = () => lightevalDetailsReader({ model: "m", ...(options.task !== undefined && { task: options.task }), ...(options.n !== undefined && { n: options.n }), ...(options.metric !== undefined && { metric: options.metric }) });
  const leaves = await ingestParquetSamples(path, { reader: reader(), mode: "collect", name: "d.parquet", ...(options.accumulator && { accumulator: options.accumulator() }) });
  const columns = [...leaves.columns];
  const rows = await ingestParquetSamples(path, { reader: reader(), mode: "collect", name: "d.parquet", columns, ...(options.accumulator && { accumulator: options.accumulator() }) });
  return { leaves: summary(leaves), rows: summary(rows) };
}

describe("the leaf cells of a row group (hyparquet pages, no row objects)", () => {
  it("gives a struct field's cell per row: the value, null for a null field, undefined for a null struct", async () => {
    const path = write(withNullDocs([{ doc: { id: "a", query: "q" }, value: 0.5 }, { doc: { id: null, query: "q2" }, value: null }, { doc: null, value: 1 }]));
    const parquet = await openParquet(path);
    try {
      const groups = parquet.leafGroups(["doc", "metric"], [["doc", "id"], ["metric", P1]]);
      expect(groups).toBeDefined();
      const got: unknown[] = [];
      for await (const g of groups!) got.push([g.firstRow, g.rows, g.leaves.map((l) => [...l])]);
      expect(got).toEqual([
        [1, 2, [["a", null], [0.5, null]]],
        [3, 1, [[undefined], [1]]],
      ]);
      // Not leaves: a struct, a missing field, a list's element.
      expect(parquet.leafGroups(["doc"], [["doc"]])).toBeUndefined();
      expect(parquet.leafGroups(["doc"], [["doc", "nope"]])).toBeUndefined();
    } finally {
      await parquet.close();
    }
  });

  it("a top-level leaf's cells are the values themselves (pre-0.10 `example`)", async () => {
    const path = write(lightevalDetailsV0([{ example: "1+1?", predictions: ["2"], metrics: { "pass@1:1_samples": 1 } }], ["pass@1:1_samples"]));
    const parquet = await openParquet(path);
    try {
      const got: unknown[] = [];
      for await (const g of parquet.leafGroups(["example", "metrics"], [["example"], ["metrics", "pass@1:1_samples"]])!) got.push(g.leaves.map((l) => [...l]));
      expect(got).toEqual([[["1+1?"], [1]]]);
      expect(parquet.leafGroups(["predictions"], [["predictions", "list", "element"]])).toBeUndefined();
    } finally {
      await parquet.close();
    }
  });
});

describe("lighteval details through the leaf path", () => {
  it("the reader plans the leaf path only when n is known without the responses and doc.id exists", () => {
    const fields = (m: Record<string, string[]>) => (c: string) => m[c] ?? [];
    const plan = (reader: ParquetSampleReader, available: string[], f: (c: string) => readonly string[]) => {
      const columns = reader.columns!(available, f);
      return leafTallyPlanners.get(reader)?.(columns, f);
    };
    const layout = fields({ doc: ["id", "query"], metric: [P1, "extractive_match"] });
    const p = plan(lightevalDetailsReader({ model: "m", task: "t" }), ["doc", "metric", "model_response"], layout);
    expect([p?.id, p?.value]).toEqual([["doc", "id"], ["metric", P1]]);
    const out = { problemId: "", n: 0, c: 0 };
    // 0.75 × 4 = 3 correct; 0.3 × 4 = 1.2 is no count; "" and 7 are no string id; 1.5 is out of [0, 1].
    expect(p!.tally("7", 0.75, out)).toBe(true);
    expect(out).toEqual({ problemId: "t/7", n: 4, c: 3 });
    expect([p!.tally("7", 0.3, out), p!.tally("", 0.5, out), p!.tally(7, 0.5, out), p!.tally("7", 1.5, out), p!.tally("7", Number.NaN, out), p!.tally("7", null, out)]).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    // n from the responses: row by row.
    expect(plan(lightevalDetailsReader({ model: "m", metric: "avg" }), ["doc", "metric", "model_response"], fields({ doc: ["id"], metric: ["avg"] }))).toBeUndefined();
    // ... unless given: avg with n = 2.
    expect(plan(lightevalDetailsReader({ model: "m", metric: "avg", n: 2 }), ["doc", "metric"], fields({ doc: ["id"], metric: ["avg"] }))?.value).toEqual(["metric", "avg"]);
    // No doc.id field: the id is doc.query, row by row.
    expect(plan(lightevalDetailsReader({ model: "m" }), ["doc", "metric"], fields({ doc: ["query"], metric: [P1] }))).toBeUndefined();
    // A copy of the reader has no plan (it is read through its own methods).
    expect(leafTallyPlanners.get({ ...lightevalDetailsReader({ model: "m" }) })).toBeUndefined();
  });

  it("bad rows in the middle of row groups: the same tallies, errors (file:row, field) and counts as row by row", async () => {
    const rows = [
      doc("0", 0.75), // (4, 3)
      doc("1", 0.3), // 1.2 correct: rejected
      doc("2", 0.5), // (4, 2), after a bad row in the same group
      doc("", 0.25, "What is 2+2?"), // id from the query: (4, 1)
      doc("0", 1), // document 0 again: rejected (first at row 1)
      doc("5", null), // missing: rejected
      doc("6", 0), // (4, 0)
      doc(null, 0.5, null), // no id, no query: rejected
      doc("8", 1), // (4, 4)
    ];
    const { leaves, rows: byRow } = await bothPaths(write(lightevalDetails(rows, [P1], 3)));
    expect(leaves.tallies).toEqual([
      { problemId: "0", n: 4, c: 3 },
      { problemId: "2", n: 4, c: 2 },
      { problemId: "6", n: 4, c: 0 },
      { problemId: "8", n: 4, c: 4 },
      { problemId: "What is 2+2?", n: 4, c: 1 },
    ]);
    expect(leaves.counts).toEqual([9, 5, 0, 4, 20]);
    expect(leaves.errors.map((e) => e[0])).toEqual([2, 5, 6, 8]);
    expect(leaves.errors[1]![3]).toBe('d.parquet:5: problem "0" of model "m" appears twice in this file (first at row 1)');
    expect(leaves).toEqual(byRow);
  });

  it("null doc structs, a REQUIRED doc struct, and a task prefix: the same as row by row", async () => {
    const rows = [
      { doc: { id: "a", query: "q" }, value: 0.5 },
      { doc: null, value: 0.5 },
      { doc: { id: null, query: "q3" }, value: 0.25 },
    ];
    const optional = await bothPaths(write(withNullDocs(rows)), { task: "t" });
    // Row 2 has no doc: its id is sought in `example`, which the file lacks.
    expect(optional.leaves.tallies).toEqual([
      { problemId: "t/a", n: 4, c: 2 },
      { problemId: "t/q3", n: 4, c: 1 },
    ]);
    expect(optional.leaves.errors.map((e) => [e[0], e[1]])).toEqual([[2, "example"]]);
    expect(optional.leaves).toEqual(optional.rows);
    const required = await bothPaths(write(withNullDocs([rows[0]!, rows[2]!], "REQUIRED")));
    expect(required.leaves.tallies).toEqual([
      { problemId: "a", n: 4, c: 2 },
      { problemId: "q3", n: 4, c: 1 },
    ]);
    expect(required.leaves).toEqual(required.rows);
  });

  it("a document the accumulator has from another file adds up; an overflowing n is the reader's error", async () => {
    const path = write(lightevalDetails([doc("0", 0.25), doc("1", 1)], [P1]));
    // From elsewhere: problem 0 with (4, 2); this file adds (4, 1) → (8, 3), and problem 1 (4, 4).
    const before = () => new TallyAccumulator().addTally("m", { problemId: "0", n: 4, c: 2 });
    const added = await bothPaths(path, { accumulator: before });
    expect(added.leaves.tallies).toEqual([
      { problemId: "0", n: 8, c: 3 },
      { problemId: "1", n: 4, c: 4 },
    ]);
    expect(added.leaves).toEqual(added.rows);
    // n = 2^53 − 1 already: 4 more is past the safe integers, and that row is rejected by field.
    const full = () => new TallyAccumulator().addTally("m", { problemId: "1", n: Number.MAX_SAFE_INTEGER, c: 0 });
    const overflow = await bothPaths(path, { accumulator: full });
    expect(overflow.leaves.counts).toEqual([2, 1, 0, 1, 4]);
    expect(overflow.leaves.errors.map((e) => [e[0], e[1]])).toEqual([[2, "tally.n"]]);
    expect(overflow.leaves).toEqual(overflow.rows);
  });

  it("a row group that cannot be decoded fails the file as row by row does (same message and row)", async () => {
    const bytes = lightevalDetails([doc("0", 0.5), doc("1", 0.25), doc("2", 1), doc("3", 0)], [P1], 2);
    // Corrupt the second row group's pages: overwrite bytes past the middle of the file's data
    // (the footer, at the end, stays intact so the file opens).
    const footer = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
    const dataEnd = bytes.length - 8 - footer;
    const broken = (from: number, to: number) => {
      const b = bytes.slice();
      b.fill(0xff, Math.floor(dataEnd * from), Math.floor(dataEnd * to));
      return write(b);
    };
    const fail = async (path: string, columns?: string[]) => {
      try {
        await ingestParquetSamples(path, { reader: lightevalDetailsReader({ model: "m" }), mode: "collect", name: "d.parquet", ...(columns && { columns }) });
      } catch (e) {
        expect(e).toBeInstanceOf(IngestError);
        return [(e as IngestError).line, (e as IngestError).message];
      }
      return "no error";
    };
    // The second group (rows 3 and 4) broken: its first row is named.
    const second = broken(0.6, 0.99);
    const leaves = await fail(second);
    expect(leaves).not.toBe("no error");
    expect(String(leaves[1])).toMatch(/^d\.parquet:3: cannot decode the row group starting at row 3: /);
    expect(leaves).toEqual(await fail(second, ["metric", "doc"]));
    // The first group broken: line 0, as before any row.
    const first = broken(0.02, 0.4);
    const atStart = await fail(first);
    expect(atStart[0]).toBe(0);
    expect(atStart).toEqual(await fail(first, ["metric", "doc"]));
  });
});
