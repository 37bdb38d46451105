import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { DuplicateSampleError, InvalidSampleRecordError, TallyAccumulator } from "../../src/index.js";
import {
  IngestError,
  flatReader,
  ingestJsonl,
  ingestJsonlStream,
  type IngestProgress,
  type SampleReader,
} from "../../src/node/index.js";

const dir = mkdtempSync(join(tmpdir(), "passk-ingest-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;
function write(content: string | Uint8Array, name = `f${fileCount++}.jsonl`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const flat = (model: string, problem: string | number, correct: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, problem_id: problem, correct, ...extra });

async function rejects(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (e) {
    return e as IngestError;
  }
  throw new Error("expected a rejection");
}

describe("ingestJsonl: flat files", () => {
  const lines = [
    flat("base", "p1", true, { sample_index: 0 }),
    flat("base", "p1", false, { sample_index: 1 }),
    flat("base", "p2", false, { sample_index: 0 }),
    flat("rl", "p1", true, { sample_index: 0 }),
    flat("rl", "p2", true, { sample_index: 0 }),
    flat("rl", "p2", true, { sample_index: 1 }),
  ];

  it("tallies a small file (hand-checked)", async () => {
    const r = await ingestJsonl(write(lines.join("\n") + "\n"), { reader: flatReader() });
    expect(r.accumulator.talliesFor("base")).toEqual([
      { problemId: "p1", n: 2, c: 1 },
      { problemId: "p2", n: 1, c: 0 },
    ]);
    expect(r.accumulator.talliesFor("rl")).toEqual([
      { problemId: "p1", n: 1, c: 1 },
      { problemId: "p2", n: 2, c: 2 },
    ]);
    expect([r.linesRead, r.linesAccepted, r.recordsAdded, r.blankLines, r.linesSkipped, r.linesRejected]).toEqual([6, 6, 6, 0, 0, 0]);
    expect(r.gzip).toBe(false);
    expect(r.errors).toEqual([]);
  });

  it("reads .gz by magic bytes (whatever the name) to the same tallies", async () => {
    const text = lines.join("\n") + "\n";
    const plain = await ingestJsonl(write(text), { reader: flatReader() });
    const gz = await ingestJsonl(write(gzipSync(text), "no-extension"), { reader: flatReader() });
    expect(gz.gzip).toBe(true);
    expect(gz.accumulator.toJSON()).toEqual(plain.accumulator.toJSON());
    expect(gz.linesRead).toBe(6);
    // A concatenation of two gzip members is one stream.
    const two = Buffer.concat([gzipSync(lines.slice(0, 3).join("\n") + "\n"), gzipSync(lines.slice(3).join("\n"))]);
    expect((await ingestJsonl(write(two, "two.gz"), { reader: flatReader() })).accumulator.toJSON()).toEqual(plain.accumulator.toJSON());
  });

  it("counts blank lines, handles CRLF, a BOM and a last line without newline", async () => {
    const text = "\uFEFF" + lines[0] + "\r\n\r\n   \n" + lines[1] + "\r\n\t\n" + lines[2];
    const r = await ingestJsonl(write(text), { reader: flatReader() });
    expect([r.linesRead, r.linesAccepted, r.blankLines]).toEqual([6, 3, 3]);
    expect(r.accumulator.talliesFor("base")).toEqual([
      { problemId: "p1", n: 2, c: 1 },
      { problemId: "p2", n: 1, c: 0 },
    ]);
    const empty = await ingestJsonl(write(""), { reader: flatReader() });
    expect([empty.linesRead, empty.accumulator.models()]).toEqual([0, []]);
  });

  it("joins lines longer than a read chunk", async () => {
    const long = "x".repeat(3 * (1 << 20) + 17); // spans 4 chunks of 1 MiB
    const text = [flat("m", "p", true, { response: long }), flat("m", "p", false, { response: long }), flat("m", "q", true)].join("\n");
    const r = await ingestJsonl(write(text), { reader: flatReader() });
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "p", n: 2, c: 1 },
      { problemId: "q", n: 1, c: 1 },
    ]);
    expect(r.bytesRead).toBe(Buffer.byteLength(text));
  });

  it("keeps multi-byte UTF-8 characters split across chunks intact", async () => {
    const answer = "√".repeat(600_000); // 3 bytes each: chunk boundaries fall inside characters
    const text = flat("m", "p", true, { answer }) + "\n" + flat("m", "p", true, { answer: "é" });
    const r = await ingestJsonl(write(text), { reader: flatReader(), keepAnswers: true });
    expect(r.accumulator.answersFor("m", "p").clusters.map((c) => c.answer.length)).toEqual([1, 600_000]);
    expect(r.accumulator.answersFor("m", "p").clusters[1]?.answer).toBe(answer);
  });
});

describe("ingestJsonl: bad input", () => {
  const bad = [
    flat("m", "p1", true, { sample_index: 0 }), // 1 ok
    "{not json", // 2 malformed
    JSON.stringify({ model: "m", correct: true }), // 3 missing problem_id
    flat("m", "p1", "yes", { sample_index: 1 }), // 4 non-boolean correctness
    "", // 5 blank
    flat("m", "p1", false, { sample_index: 0 }), // 6 duplicate of line 1
    "[1,2]", // 7 not an object
    flat("m", "p2", 1), // 8 numeric correctness
    flat("m", "p2", false, { sample_index: 2 }), // 9 ok
  ].join("\n");

  it("collect mode reports every bad line with file, line and field, and counts everything", async () => {
    const file = write(bad);
    const r = await ingestJsonl(file, { reader: flatReader(), mode: "collect" });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([
      [2, undefined],
      [3, "problem_id"],
      [4, "correct"],
      [6, "sample_index"],
      [7, "$"],
      [8, "correct"],
    ]);
    for (const e of r.errors) {
      expect(e).toBeInstanceOf(IngestError);
      expect(e.code).toBe("INGEST_ERROR");
      expect(e.file).toBe(file);
      expect(e.message.startsWith(`${file}:${e.line}: `)).toBe(true);
    }
    expect(r.errors[0]?.message).toMatch(/malformed JSON/);
    expect(r.errors[2]?.message).toMatch(/correct must be a boolean, got "yes" \(problem "p1"\)/);
    expect(r.errors[2]?.cause).toBeInstanceOf(InvalidSampleRecordError);
    expect(r.errors[3]?.cause).toBeInstanceOf(DuplicateSampleError);
    expect(r.errors[3]?.message).toMatch(/sample 0 of model "m" on problem "p1" was already added/);
    expect([r.linesRead, r.linesAccepted, r.recordsAdded, r.blankLines, r.linesSkipped, r.linesRejected]).toEqual([9, 2, 2, 1, 0, 6]);
    expect(r.accumulator.talliesFor("m")).toEqual([
      { problemId: "p1", n: 1, c: 1 },
      { problemId: "p2", n: 1, c: 0 },
    ]);
  });

  it("maxErrors caps the stored errors, not the count", async () => {
    const r = await ingestJsonl(write(bad), { reader: flatReader(), mode: "collect", maxErrors: 2 });
    expect(r.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(r.linesRejected).toBe(6);
  });

  it("strict mode (the default) throws at the first bad line", async () => {
    const file = write(bad);
    const acc = new TallyAccumulator();
    const e = await rejects(ingestJsonl(file, { reader: flatReader(), accumulator: acc }));
    expect(e).toBeInstanceOf(IngestError);
    expect([e.file, e.line, e.field]).toEqual([file, 2, undefined]);
    // Lines before the bad one stay added.
    expect(acc.talliesFor("m")).toEqual([{ problemId: "p1", n: 1, c: 1 }]);
  });

  it("a missing file or corrupt gzip is an IngestError in either mode", async () => {
    const missing = join(dir, "missing.jsonl");
    const e1 = await rejects(ingestJsonl(missing, { reader: flatReader(), mode: "collect" }));
    expect([e1.file, e1.line]).toEqual([missing, 0]);
    expect(e1.message).toMatch(/cannot open file/);
    const gz = gzipSync(flat("m", "p", true) + "\n" + flat("m", "p", true) + "\n");
    const truncated = write(gz.subarray(0, gz.length - 6), "truncated.gz");
    const e2 = await rejects(ingestJsonl(truncated, { reader: flatReader(), mode: "collect" }));
    expect(e2).toBeInstanceOf(IngestError);
    expect(e2.message).toMatch(/cannot read gzip data/);
  });

  it("a reader's atomic multi-record line is all-or-nothing", async () => {
    const reader: SampleReader = {
      name: "pairs",
      read: (v) => {
        const o = v as { p: string; i: number };
        return [
          { model: "m", problemId: o.p, sampleIndex: o.i, correct: true },
          { model: "m", problemId: o.p, sampleIndex: o.i + 1, correct: false },
        ];
      },
    };
    const text = ['{"p":"a","i":0}', '{"p":"a","i":1}', '{"p":"a","i":2}'].join("\n");
    const r = await ingestJsonl(write(text), { reader, mode: "collect" });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, "sampleIndex"]]);
    expect([r.recordsAdded, r.linesAccepted]).toEqual([4, 2]);
    expect(r.accumulator.talliesFor("m")).toEqual([{ problemId: "a", n: 4, c: 2 }]);
  });

  it("rejects bad options", async () => {
    const f = write("");
    await expect(ingestJsonl(f, { reader: {} as SampleReader })).rejects.toThrow(/SampleReader/);
    await expect(ingestJsonl(f, { reader: flatReader(), mode: "lenient" as never })).rejects.toThrow(/strict/);
  });
});

describe("ingestJsonl: progress and streams", () => {
  it("reports bytes read up to the file size, for plain and gzip files", async () => {
    const text = Array.from({ length: 40_000 }, (_, i) => flat("m", i % 50, i % 3 === 0, { sample_index: Math.floor(i / 50) })).join("\n");
    for (const [content, name] of [[text, "p.jsonl"], [gzipSync(text), "p.jsonl.gz"]] as const) {
      const seen: IngestProgress[] = [];
      const file = write(content, name);
      const r = await ingestJsonl(file, { reader: flatReader(), onProgress: (p) => seen.push(p) });
      const size = typeof content === "string" ? Buffer.byteLength(content) : content.length;
      expect(r.totalBytes).toBe(size);
      expect(seen.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
      expect(seen.at(-1)).toEqual({ bytesRead: size, totalBytes: size, linesRead: 40_000 });
      // 50 problems × 800 samples, of which i ≡ 0 (mod 3) are correct.
      const tallies = r.accumulator.talliesFor("m");
      expect(tallies.length).toBe(50);
      const p0 = tallies.find((t) => t.problemId === "0")!;
      expect(p0).toEqual({ problemId: "0", n: 800, c: 267 }); // i = 0, 50, ..., 39950: i ≡ 0 mod 150 → 267 values
    }
  });

  it("ingests from an async iterable of strings or bytes", async () => {
    const parts = ['{"model":"m","problem_id":"p","correct":tr', 'ue}\n{"model":"m","problem_id":"p","correct":false}\n', "oops\n"];
    async function* chunks() {
      yield parts[0]!;
      yield new TextEncoder().encode(parts[1]!);
      yield parts[2]!;
    }
    const r = await ingestJsonlStream(chunks(), { reader: flatReader(), name: "stdin", mode: "collect" });
    expect(r.accumulator.talliesFor("m")).toEqual([{ problemId: "p", n: 2, c: 1 }]);
    expect(r.errors.map((e) => e.message.slice(0, 8))).toEqual(["stdin:3:"]);
    expect(r.bytesRead).toBe(parts.join("").length); // ASCII: one byte per character
  });
});
