import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import { TallyAccumulator } from "../../src/index.js";
import { countsRow, ingestCounts } from "../../src/node/index.js";
import { rejectsWithIngestError as rejects } from "../helpers/ingestErrors.js";

const dir = mkdtempSync(join(tmpdir(), "passk-counts-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
function write(content: string | Uint8Array, name = `f${fileCount++}`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A Parquet counts table as DuckDB/pandas write it (INT64 counts, UTF8 ids), in row groups of `groupSize`. */
function parquet(rows: Array<{ model: string; problem_id: string; n: number; c: number }>, groupSize: number, types: "INT64" | "INT32" = "INT64"): Uint8Array {
  const buf = parquetWriteBuffer({
    columnData: [
      { name: "model", data: rows.map((r) => r.model), type: "STRING" },
      { name: "problem_id", data: rows.map((r) => r.problem_id), type: "STRING" },
      { name: "n", data: rows.map((r) => (types === "INT64" ? BigInt(r.n) : r.n)), type: types },
      { name: "c", data: rows.map((r) => (types === "INT64" ? BigInt(r.c) : r.c)), type: types },
    ],
    rowGroupSize: groupSize,
  });
  return new Uint8Array(buf);
}

describe("countsRow", () => {
  it("reads text and integer cells, maps names, and refuses what is not a count", () => {
    expect(countsRow({ model: "m", problem_id: "p", n: "3", c: "0" })).toEqual({ model: "m", tally: { problemId: "p", n: 3, c: 0 } });
    expect(countsRow({ m: "x", q: 12n, total: 9007199254740991n, ok: 1n }, { model: "m", problemId: "q", n: "total", c: "ok" })).toEqual({
      model: "x",
      tally: { problemId: "12", n: 9007199254740991, c: 1 },
    });
    for (const [n, c, field, text] of [
      ["3.0", "1", "n", 'n must be a non-negative integer count, got "3.0"'],
      [" 3", "1", "n", 'n must be a non-negative integer count, got " 3"'],
      ["-1", "0", "n", 'n must be a non-negative integer count, got "-1"'],
      [2.5, 1, "n", "n must be a non-negative integer count, got 2.5"],
      [9007199254740992n, 1n, "n", "n must be a non-negative integer count, got 9007199254740992n"],
      [4, Number.NaN, "c", "c must be a non-negative integer count, got NaN"],
      ["", "0", "n", "missing n"],
      ["0", "0", "n", "n is 0: a problem needs at least one sample"],
      ["4", "5", "c", 'c = 5 exceeds n = 4 (problem "p")'],
    ] as const) {
      expect(() => countsRow({ model: "m", problem_id: "p", n, c })).toThrow(text);
      try {
        countsRow({ model: "m", problem_id: "p", n, c });
      } catch (e) {
        expect((e as { field?: string }).field).toBe(field);
      }
    }
    expect(() => countsRow({ model: "", problem_id: "p", n: 1, c: 1 })).toThrow("model is empty");
    expect(() => countsRow({ problem_id: "p", n: 1, c: 1 })).toThrow("missing model");
    expect(() => countsRow({ model: "m", problem_id: 1.5, n: 1, c: 1 })).toThrow("problem_id must be a string or an integer, got 1.5");
  });
});

describe("ingestCounts", () => {
  it("reads CSV (quoted ids, CRLF, BOM, blank lines) through addTally, counting every row", async () => {
    const path = write('\uFEFFmodel,problem_id,n,c\r\nbase,"p,1",8,3\r\n\r\nbase,p2,8,0\r\nrl,"p,1",8,8\r\n', "t.csv");
    const r = await ingestCounts(path);
    expect(r).toMatchObject({ format: "csv", rowsRead: 4, rowsAccepted: 3, blankRows: 1, rowsRejected: 0, samplesAdded: 24 });
    expect(r.accumulator.talliesFor("base")).toEqual([
      { problemId: "p,1", n: 8, c: 3 },
      { problemId: "p2", n: 8, c: 0 },
    ]);
    expect(r.accumulator.talliesFor("rl")).toEqual([{ problemId: "p,1", n: 8, c: 8 }]);
  });

  it("names file, line and column of each bad CSV row in collect mode, and stops at the first in strict mode", async () => {
    const path = write(
      ["problem,samples,solved", "a,4,1", "b,4", "c,4,x", "a,4,2", "d,4,5,9", "e,2,2"].join("\n"),
      "bad.csv",
    );
    const options = { columns: { problemId: "problem", n: "samples", c: "solved" }, model: "m", name: "bad.csv" } as const;
    const r = await ingestCounts(path, { ...options, mode: "collect" });
    expect(r).toMatchObject({ rowsRead: 6, rowsAccepted: 2, rowsRejected: 4, samplesAdded: 6 });
    expect(r.errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [3, undefined, "bad.csv:3: the row has 2 cells, the header 3"],
      [4, "solved", 'bad.csv:4: solved must be a non-negative integer count, got "x"'],
      [
        5,
        "problem",
        'bad.csv:5: problem "a" of model "m" appears twice (first at line 2); a counts table has one row per (model, problem): aggregate it, or give the parts as separate files',
      ],
      [6, undefined, "bad.csv:6: the row has 4 cells, the header 3"],
    ]);
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "a", n: 4, c: 1 },
      { problemId: "e", n: 2, c: 2 },
    ]);
    const acc = new TallyAccumulator();
    const e = await rejects(ingestCounts(path, { ...options, accumulator: acc }));
    expect(e.message).toBe("bad.csv:3: the row has 2 cells, the header 3");
    expect(acc.talliesFor("m")).toEqual([{ problemId: "a", n: 4, c: 1 }]);
  });

  it("fails as a whole for a missing column, an unclosed quote (truncated file) and an empty file", async () => {
    let e = await rejects(ingestCounts(write("model,problem,n,c\nm,p,1,1\n"), { name: "x.csv" }));
    expect([e.line, e.field, e.message]).toEqual([1, "problem_id", 'x.csv:1: the header has no column "problem_id" (columns: model, problem, n, c)']);
    e = await rejects(ingestCounts(write('model,problem_id,n,c\nm,p,1,1\nm,"p2,4'), { name: "x.csv", mode: "collect" }));
    expect(e.message).toMatch(/^x\.csv:3: not valid CSV: Quote Not Closed/);
    e = await rejects(ingestCounts(write(""), { name: "x.csv" }));
    expect(e.message).toBe("x.csv: the file is empty: no header and no rows");
  });

  it("reads gzip CSV and JSONL, sniffed from content, with numeric ids", async () => {
    const csv = write(gzipSync("model,problem_id,n,c\nm,1,2,1\n"), "c.gz");
    expect((await ingestCounts(csv)).accumulator.talliesFor("m")).toEqual([{ problemId: "1", n: 2, c: 1 }]);
    const jsonl = write(
      gzipSync(['{"model":"m","problem_id":7,"n":4,"c":2}', "", '{"model":"m","problem_id":8,"n":4,"c":true}', "{oops"].join("\n")),
      "j.gz",
    );
    const r = await ingestCounts(jsonl, { mode: "collect", name: "j" });
    expect(r).toMatchObject({ format: "jsonl", rowsRead: 4, rowsAccepted: 1, blankRows: 1, rowsRejected: 2, samplesAdded: 4 });
    expect(r.errors.map((x) => x.message)).toEqual(["j:3: c must be a non-negative integer count, got true", expect.stringMatching(/^j:4: /)]);
  });

  it("streams a Parquet table row group by row group, numbering rows across groups", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ model: i < 5 ? "base" : "rl", problem_id: `p${i % 5}`, n: 16, c: i }));
    rows[7] = { model: "rl", problem_id: "p2", n: 4, c: 9 };
    const path = write(parquet(rows, 3), "t.parquet");
    const r = await ingestCounts(path, { mode: "collect", name: "t.parquet" });
    expect(r).toMatchObject({ format: "parquet", rowsRead: 10, rowsAccepted: 9, rowsRejected: 1, samplesAdded: 144 });
    expect(r.errors[0]!.message).toBe('t.parquet:8: c = 9 exceeds n = 4 (problem "p2")');
    expect(r.accumulator.talliesFor("base").map((t) => t.c)).toEqual([0, 1, 2, 3, 4]);
    expect(r.accumulator.talliesFor("rl")).toEqual([
      { problemId: "p0", n: 16, c: 5 },
      { problemId: "p1", n: 16, c: 6 },
      { problemId: "p3", n: 16, c: 8 },
      { problemId: "p4", n: 16, c: 9 },
    ]);
    const int32 = write(parquet(rows.slice(0, 2), 1, "INT32"));
    expect((await ingestCounts(int32)).accumulator.talliesFor("base")).toEqual([
      { problemId: "p0", n: 16, c: 0 },
      { problemId: "p1", n: 16, c: 1 },
    ]);
  });

  it("adds to problems an accumulator already holds, and refuses a row repeated within the file across row groups and models", async () => {
    // Rows 1-3 base, 4-6 rl, 7-8 base again; row 3 adds to a problem held before, rows 7 and 8 repeat rows 1 and 3.
    const rows = [
      { model: "base", problem_id: "a", n: 2, c: 1 },
      { model: "base", problem_id: "b", n: 2, c: 2 },
      { model: "base", problem_id: "held", n: 3, c: 1 },
      { model: "rl", problem_id: "a", n: 5, c: 0 },
      { model: "rl", problem_id: "held", n: 1, c: 1 },
      { model: "rl", problem_id: "c", n: 1, c: 0 },
      { model: "base", problem_id: "a", n: 2, c: 0 },
      { model: "base", problem_id: "held", n: 3, c: 3 },
    ];
    const path = write(parquet(rows, 2), "again.parquet");
    const acc = new TallyAccumulator().addTally("base", { problemId: "held", n: 10, c: 4 });
    const r = await ingestCounts(path, { accumulator: acc, mode: "collect", name: "again.parquet" });
    expect(r).toMatchObject({ rowsRead: 8, rowsAccepted: 6, rowsRejected: 2, samplesAdded: 14 });
    const repeated = "a counts table has one row per (model, problem): aggregate it, or give the parts as separate files";
    expect(r.errors.map((e) => [e.line, e.field, e.problemId, e.message])).toEqual([
      [7, "problem_id", "a", `again.parquet:7: problem "a" of model "base" appears twice (first at row 1); ${repeated}`],
      [8, "problem_id", "held", `again.parquet:8: problem "held" of model "base" appears twice (first at row 3); ${repeated}`],
    ]);
    // held: 10 + 3 samples, 4 + 1 correct.
    expect(acc.talliesFor("base")).toEqual([
      { problemId: "a", n: 2, c: 1 },
      { problemId: "b", n: 2, c: 2 },
      { problemId: "held", n: 13, c: 5 },
    ]);
    // The same file again into the same accumulator: every row adds up once more, none is refused.
    const again = await ingestCounts(path, { accumulator: acc, mode: "collect", name: "again.parquet" });
    expect(again).toMatchObject({ rowsAccepted: 6, rowsRejected: 2 });
    expect(acc.talliesFor("rl")).toEqual([
      { problemId: "a", n: 10, c: 0 },
      { problemId: "c", n: 2, c: 0 },
      { problemId: "held", n: 2, c: 2 },
    ]);
  });

  it("reads row groups whose columns span several data pages, every row once, in order", async () => {
    // 3000 rows in groups of 1000 with pages of ~1 KiB: each column chunk has many pages (hyparquet
    // hands them over as one array per column chunk; the copy path for several arrays is defensive).
    const rows = Array.from({ length: 3000 }, (_, i) => ({ model: "m", problem_id: `p${i}`, n: 9, c: i % 11 }));
    const buf = parquetWriteBuffer({
      columnData: [
        { name: "model", data: rows.map((r) => r.model), type: "STRING" },
        { name: "problem_id", data: rows.map((r) => r.problem_id), type: "STRING" },
        { name: "n", data: rows.map((r) => BigInt(r.n)), type: "INT64" },
        { name: "c", data: rows.map((r) => BigInt(r.c)), type: "INT64" },
      ],
      rowGroupSize: 1000,
      pageSize: 1024,
    });
    const r = await ingestCounts(write(new Uint8Array(buf)), { mode: "collect", name: "pages.parquet" });
    // c = i % 11 exceeds n = 9 exactly when i % 11 == 10: indices 10, 21, ... (1-based row i + 1).
    const bad = rows.map((_, i) => i).filter((i) => i % 11 === 10);
    expect([r.rowsRead, r.rowsRejected, r.rowsAccepted]).toEqual([3000, bad.length, 3000 - bad.length]);
    expect(r.errors.map((e) => e.line)).toEqual(bad.map((i) => i + 1));
    const t = r.accumulator.talliesFor("m");
    expect(t.length).toBe(3000 - bad.length);
    expect(t.every((x) => x.c === Number(x.problemId.slice(1)) % 11)).toBe(true);
  });

  it("refuses a truncated Parquet file and one without the columns", async () => {
    const whole = parquet([{ model: "m", problem_id: "p", n: 2, c: 1 }], 1);
    let e = await rejects(ingestCounts(write(whole.subarray(0, whole.length - 10)), { name: "cut.parquet", format: "parquet" }));
    expect(e.line).toBe(0);
    expect(e.message).toMatch(/^cut\.parquet: not a readable Parquet file: /);
    e = await rejects(ingestCounts(write(whole), { name: "p.parquet", columns: { c: "solved" } }));
    expect(e.message).toBe('p.parquet: no column "solved" (columns: model, problem_id, n, c)');
  });
});
